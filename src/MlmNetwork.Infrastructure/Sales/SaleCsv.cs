using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Sales;

/// <summary>One record of a sales file as it was written: its line and its fields.</summary>
public sealed record SaleCsvRow(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// An order of the file left out, with its records and why (a template with values, without a
/// line): <see cref="AtLine"/> is the record the reason is about when it is one record's fault,
/// null when it is the whole order's; <see cref="OrderId"/> the order, when it could be read.
/// </summary>
public sealed record SaleCsvRefusal(IReadOnlyList<SaleCsvRow> Rows, FormattableString Reason, string? OrderId = null, int? AtLine = null)
{
    /// <summary>The reason as said on one record of the order: with that record's own file line.</summary>
    public FormattableString ReasonFor(SaleCsvRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (AtLine is { } at && at != row.Line)
        {
            return (FormattableString)$"Line {row.Line} (order {OrderId}): the order is refused for line {at}: {Reason}";
        }

        return OrderId is null ? (FormattableString)$"Line {row.Line}: {Reason}" : $"Line {row.Line} (order {OrderId}): {Reason}";
    }
}

/// <summary>
/// A sales file read into a batch: the sales, the file line each sale starts on, and what is
/// wrong with the file. <see cref="Records"/> keeps each sale's records as written and
/// <see cref="Refused"/> the orders left out, so refused orders can be handed back as a file.
/// A sale whose seller was given by referral code has <see cref="SellerCodes"/> set and no id yet
/// (see <see cref="SaleCsv.ResolveSellersAsync"/>).
/// </summary>
/// <remarks>The errors are templates with values, so a page can show them in the reader's language.</remarks>
public sealed record SaleCsvFile(IReadOnlyList<BatchSale> Sales, IReadOnlyList<int> FirstLines, IReadOnlyList<FormattableString> Errors)
{
    public int LineCount => Sales.Sum(s => s.Lines.Count);

    /// <summary>The header as written.</summary>
    public IReadOnlyList<string> Header { get; init; } = [];

    /// <summary>Each sale's records as written, in the order of <see cref="Sales"/>.</summary>
    public IReadOnlyList<IReadOnlyList<SaleCsvRow>> Records { get; init; } = [];

    /// <summary>Each sale's seller referral code when the file named the seller by code; null when by id.</summary>
    public IReadOnlyList<string?> SellerCodes { get; init; } = [];

    /// <summary>Orders left out when the good orders are kept (see <see cref="SaleCsv.Read(TextReader, bool)"/>).</summary>
    public IReadOnlyList<SaleCsvRefusal> Refused { get; init; } = [];
}

/// <summary>
/// Reads a sales export (RFC 4180 CSV, UTF-8, a header row naming the columns
/// <c>order_id, distributor_id, sku, quantity</c> in any order, and optionally <c>customer</c>
/// (one of the seller's customer ids, or empty), <c>personal_use</c> (true/false) and
/// <c>order_date</c> (yyyy-MM-dd); other columns are ignored). The seller is a distributor id or
/// referral code. The rows of one order make one sale; the order id becomes the sale's external
/// id and its idempotency key, so an order is posted once whichever file brings it.
/// </summary>
public static class SaleCsv
{
    public const int MaxSales = 100_000;

    public const int MaxErrors = 100;

    public const string KeyPrefix = "order:";

    public static readonly string[] Columns = ["order_id", "distributor_id", "sku", "quantity"];

    /// <summary>The columns a file may add: the sale's kind and the day it was made.</summary>
    public static readonly string[] OptionalColumns = ["customer", "personal_use", "order_date"];

    private static readonly int MaxOrderIdLength = Math.Min(Sale.ExternalIdMaxLength, Sale.IdempotencyKeyMaxLength - KeyPrefix.Length);

    public static SaleCsvFile Read(TextReader reader) => Read(reader, keepGoodOrders: false);

    /// <summary>
    /// Reads the file. With <paramref name="keepGoodOrders"/> an order with a bad record is left
    /// out (in <see cref="SaleCsvFile.Refused"/>, all its records) and the others are kept;
    /// without, any bad record refuses the file (a header that cannot be read always does).
    /// </summary>
    public static SaleCsvFile Read(TextReader reader, bool keepGoodOrders)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var errors = new List<FormattableString>();
        var text = reader.ReadToEnd();
        var records = Records(new StringReader(text), Delimiter(text), errors).GetEnumerator();
        if (!records.MoveNext())
        {
            return Refused(errors.Count > 0 ? errors : [$"The file is empty: it needs a header row (order_id,distributor_id,sku,quantity) and at least one sale."]);
        }

        var headerFields = records.Current.Fields.Select(Undefuse).Select(Marked).ToList();
        var header = headerFields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var at = Columns.Concat(OptionalColumns).ToDictionary(c => c, c => header.IndexOf(c));
        var missing = Columns.Where(c => at[c] < 0).ToList();
        if (missing.Count > 0)
        {
            return Refused([missing.Count > 1
                ? (FormattableString)$"Line 1: the header has no {string.Join(", ", missing)} columns; it needs {string.Join(",", Columns)}."
                : $"Line 1: the header has no {missing[0]} column; it needs {string.Join(",", Columns)}."]);
        }

        var orders = new Dictionary<string, Order>(StringComparer.Ordinal);
        var order = new List<string>();
        var refused = new List<SaleCsvRefusal>();
        while (records.MoveNext() && (keepGoodOrders || errors.Count < MaxErrors))
        {
            var (line, written) = records.Current;
            // A field the refused-orders file defused against spreadsheet formulas reads as it was before.
            var fields = written.Select(Undefuse).ToList();
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            // A control character is no text (and a zero byte no database takes): the row is refused, kept with a visible mark instead.
            var controlled = fields.Any(HasControl);
            if (controlled)
            {
                fields = [.. fields.Select(Marked)];
            }

            var row = new SaleCsvRow(line, fields);
            string Field(string column) => at[column] >= 0 && at[column] < fields.Count ? fields[at[column]].Trim() : string.Empty;
            var orderId = Field("order_id");
            var (parsed, problem) = Parse(Field);
            if (controlled)
            {
                problem = $"the line holds a control character (such as a zero byte), which is not text; save the file as CSV text";
            }
            else if (problem is null && orderId.Length == 0)
            {
                problem = $"order_id is empty";
            }
            else if (problem is null && orderId.Length > MaxOrderIdLength)
            {
                problem = $"order_id is longer than {MaxOrderIdLength} characters";
            }

            orders.TryGetValue(orderId, out var known);
            if (problem is null && known is not null && known.Problem is null)
            {
                if (known.Seller != parsed.Seller)
                {
                    problem = $"order {orderId} was sold by distributor {known.Seller} on line {known.FirstLine}, not {parsed.Seller}";
                }
                else if (known.Customer != parsed.Customer || known.Date != parsed.Date)
                {
                    problem = $"order {orderId} has another customer or order date than on line {known.FirstLine}";
                }
            }

            if (problem is null && known is null && orders.Count == MaxSales)
            {
                errors.Add($"Line {line}: a file holds at most {MaxSales:N0} orders; split it into several files.");
                if (keepGoodOrders)
                {
                    break;
                }

                continue;
            }

            if (problem is not null)
            {
                FormattableString reason = $"{problem}.";
                if (!keepGoodOrders)
                {
                    errors.Add($"Line {line}: {reason}");
                }
                else if (orderId.Length == 0 || orderId.Length > MaxOrderIdLength)
                {
                    refused.Add(new SaleCsvRefusal([row], reason, null, line));
                }
                else if (known is null)
                {
                    orders[orderId] = new Order(orders.Count, parsed.Seller, parsed.Customer, parsed.Date, line, [], [row]) { Problem = reason, ProblemLine = line };
                    order.Add(orderId);
                }
                else
                {
                    if (known.Problem is null)
                    {
                        known.Problem = reason;
                        known.ProblemLine = line;
                    }

                    known.Rows.Add(row);
                }

                continue;
            }

            if (known is null)
            {
                orders[orderId] = new Order(orders.Count, parsed.Seller, parsed.Customer, parsed.Date, line, [new SaleRequestLine(parsed.Sku, parsed.Quantity)], [row]);
                order.Add(orderId);
            }
            else
            {
                known.Lines.Add(new SaleRequestLine(parsed.Sku, parsed.Quantity));
                known.Rows.Add(row);
            }
        }

        if (errors.Count > 0)
        {
            return Refused(errors);
        }

        refused.AddRange(order.Where(id => orders[id].Problem is not null).Select(id => new SaleCsvRefusal(orders[id].Rows, orders[id].Problem!, id, orders[id].ProblemLine)));
        var good = order.Where(id => orders[id].Problem is null).ToList();
        if (good.Count == 0 && refused.Count == 0)
        {
            return Refused([$"The file has a header but no sales."]);
        }

        var sales = good.Select(id => orders[id]).Select((o, i) => new BatchSale(
            long.TryParse(o.Seller, NumberStyles.None, CultureInfo.InvariantCulture, out var seller) ? seller : 0,
            o.Lines,
            good[i],
            KeyPrefix + good[i],
            o.Customer,
            o.Date)).ToList();
        return new SaleCsvFile(sales, [.. good.Select(id => orders[id].FirstLine)], [])
        {
            Header = headerFields,
            Records = [.. good.Select(id => (IReadOnlyList<SaleCsvRow>)orders[id].Rows)],
            SellerCodes = [.. good.Select(id => long.TryParse(orders[id].Seller, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null : orders[id].Seller)],
            Refused = refused,
        };
    }

    /// <summary>
    /// Puts the distributor id in place of each referral code. A code nobody has refuses the file,
    /// or, with <paramref name="keepGoodOrders"/>, leaves that order out with the reason.
    /// </summary>
    public static async Task<SaleCsvFile> ResolveSellersAsync(MlmDbContext db, SaleCsvFile file, bool keepGoodOrders, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(file);
        var codes = file.SellerCodes.Where(c => c is not null).Select(c => c!.ToUpperInvariant()).Distinct().ToList();
        if (codes.Count == 0)
        {
            return file;
        }

        var ids = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in codes.Chunk(10_000))
        {
            foreach (var d in await db.Distributors.AsNoTracking().Where(d => chunk.Contains(d.ReferralCode)).Select(d => new { d.ReferralCode, d.Id }).ToListAsync(ct))
            {
                ids[d.ReferralCode] = d.Id;
            }
        }

        var sales = new List<BatchSale>();
        var lines = new List<int>();
        var records = new List<IReadOnlyList<SaleCsvRow>>();
        var refused = new List<SaleCsvRefusal>(file.Refused);
        var errors = new List<FormattableString>();
        for (var i = 0; i < file.Sales.Count; i++)
        {
            var code = file.SellerCodes[i];
            if (code is not null && !ids.ContainsKey(code))
            {
                FormattableString reason = $"no distributor has the id or referral code {code}.";
                if (keepGoodOrders)
                {
                    refused.Add(new SaleCsvRefusal(file.Records[i], reason, file.Sales[i].ExternalId));
                }
                else if (errors.Count < MaxErrors)
                {
                    errors.Add($"Line {file.FirstLines[i]}: {reason}");
                }

                continue;
            }

            sales.Add(code is null ? file.Sales[i] : file.Sales[i] with { DistributorId = ids[code] });
            lines.Add(file.FirstLines[i]);
            records.Add(file.Records[i]);
        }

        return errors.Count > 0
            ? Refused(errors)
            : file with { Sales = sales, FirstLines = lines, Records = records, SellerCodes = [.. sales.Select(_ => (string?)null)], Refused = refused };
    }

    private sealed record ParsedRow(string Seller, string Sku, int Quantity, long? Customer, DateOnly? Date);

    private sealed record Order(int Index, string Seller, long? Customer, DateOnly? Date, int FirstLine, List<SaleRequestLine> Lines, List<SaleCsvRow> Rows)
    {
        public FormattableString? Problem { get; set; }

        public int? ProblemLine { get; set; }
    }

    /// <summary>Whether a spreadsheet would take a field starting with <paramref name="c"/> for a formula.</summary>
    private static bool StartsFormula(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>
    /// A field as the refused-orders file writes it: a leading apostrophe before a field a
    /// spreadsheet would run as a formula, and before a field that starts with an apostrophe
    /// itself, so <see cref="Undefuse"/> gives back exactly the field.
    /// </summary>
    public static string Defuse(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Length > 0 && (StartsFormula(field[0]) || field[0] == '\'') ? "'" + field : field;
    }

    /// <summary>Undoes <see cref="Defuse"/>: drops the apostrophe it added, and nothing else.</summary>
    public static string Undefuse(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Length > 1 && field[0] == '\'' && (StartsFormula(field[1]) || field[1] == '\'') ? field[1..] : field;
    }

    /// <summary>One record's fields, or what is wrong with the first that is wrong.</summary>
    private static (ParsedRow Row, FormattableString? Problem) Parse(Func<string, string> field)
    {
        var seller = field("distributor_id").ToUpperInvariant();
        var sku = field("sku");
        var quantityText = field("quantity");
        var customerText = field("customer");
        var personalText = field("personal_use").ToLowerInvariant();
        var dateText = field("order_date");
        var hasQuantity = int.TryParse(quantityText, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) && quantity >= 1;
        long? customer = long.TryParse(customerText, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0 ? c : null;
        DateOnly? date = DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        bool? personal = personalText switch
        {
            "" => null,
            "true" or "yes" or "1" => true,
            "false" or "no" or "0" => false,
            _ => null,
        };
        var row = new ParsedRow(seller, sku, quantity, customer, date);
        FormattableString? problem = null;
        if (seller.Length == 0 || seller.Length > 32 || !seller.All(char.IsAsciiLetterOrDigit))
        {
            problem = $"distributor_id '{field("distributor_id")}' is not a distributor number or referral code";
        }
        else if (sku.Length == 0)
        {
            problem = $"sku is empty";
        }
        else if (!hasQuantity)
        {
            problem = $"quantity '{quantityText}' is not a whole number of at least 1";
        }
        else if (customerText.Length > 0 && customer is null)
        {
            problem = $"customer '{customerText}' is not a customer number";
        }
        else if (personalText.Length > 0 && personal is null)
        {
            problem = $"personal_use '{field("personal_use")}' is not true or false";
        }
        else if (customer is not null && personal == true)
        {
            problem = $"a sale is either to a customer or for personal use, not both";
        }
        else if (customer is null && personal == false)
        {
            problem = $"personal_use is false but no customer is given: say which customer, or personal_use=true";
        }
        else if (dateText.Length > 0 && date is null)
        {
            problem = $"order_date '{dateText}' is not a date written yyyy-MM-dd";
        }

        return (row, problem);
    }

    private static SaleCsvFile Refused(IReadOnlyList<FormattableString> errors) => new([], [], errors);

    /// <summary>A control character other than a tab or a line break (those a quoted field may hold).</summary>
    private static bool IsControl(char c) => char.IsControl(c) && c is not ('\t' or '\r' or '\n');

    private static bool HasControl(string field) => field.Any(IsControl);

    /// <summary>The field with each control character shown as U+FFFD, so it can be kept and handed back.</summary>
    public static string Marked(string field) => HasControl(field) ? new string([.. field.Select(c => IsControl(c) ? '\uFFFD' : c)]) : field;

    /// <summary>
    /// The file's field separator: a comma, or a semicolon when the header row has more of those
    /// (what a spreadsheet saves in a language that writes decimals with a comma, Russian among them).
    /// </summary>
    private static char Delimiter(string text)
    {
        var (commas, semicolons, quoted) = (0, 0, false);
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted)
            {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
            }
        }

        return semicolons > commas ? ';' : ',';
    }

    /// <summary>Records with the file line they start on; quoted fields may hold the separator, doubled quotes and line breaks.</summary>
    private static IEnumerable<(int Line, List<string> Fields)> Records(TextReader reader, char delimiter, List<FormattableString> errors)
    {
        var line = 1;
        while (reader.Peek() >= 0)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var ended = false;
            while (!ended)
            {
                var c = reader.Read();
                if (c < 0)
                {
                    if (quoted)
                    {
                        errors.Add($"Line {start}: a quoted field is not closed.");
                        yield break;
                    }

                    ended = true;
                }
                else if (quoted)
                {
                    if (c == '"' && reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        line += c == '\n' ? 1 : 0;
                        field.Append((char)c);
                    }
                }
                else if (c == '"' && field.Length == 0)
                {
                    quoted = true;
                }
                else if (c == delimiter)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else if (c == '\n' || c == '\r')
                {
                    if (c == '\r' && reader.Peek() == '\n')
                    {
                        reader.Read();
                    }

                    line++;
                    ended = true;
                }
                else
                {
                    field.Append((char)c);
                }
            }

            fields.Add(field.ToString());
            yield return (start, fields);
        }
    }
}
