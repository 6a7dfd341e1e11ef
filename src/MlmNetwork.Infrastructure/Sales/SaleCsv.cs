using System.Globalization;
using System.Text;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Sales;

/// <summary>A sales file read into a batch: the sales, the file line each sale starts on, and what is wrong with the file.</summary>
/// <remarks>The errors are templates with values, so a page can show them in the reader's language.</remarks>
public sealed record SaleCsvFile(IReadOnlyList<BatchSale> Sales, IReadOnlyList<int> FirstLines, IReadOnlyList<FormattableString> Errors)
{
    public int LineCount => Sales.Sum(s => s.Lines.Count);
}

/// <summary>
/// Reads a sales export (RFC 4180 CSV, UTF-8, a header row naming the columns
/// <c>order_id, distributor_id, sku, quantity</c> in any order; other columns are ignored).
/// The rows of one order make one sale; the order id becomes the sale's external id and its
/// idempotency key, so an order is posted once whichever file brings it.
/// </summary>
public static class SaleCsv
{
    public const int MaxSales = 100_000;

    public const int MaxErrors = 100;

    public const string KeyPrefix = "order:";

    public static readonly string[] Columns = ["order_id", "distributor_id", "sku", "quantity"];

    private static readonly int MaxOrderIdLength = Math.Min(Sale.ExternalIdMaxLength, Sale.IdempotencyKeyMaxLength - KeyPrefix.Length);

    public static SaleCsvFile Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var errors = new List<FormattableString>();
        var records = Records(reader, errors).GetEnumerator();
        if (!records.MoveNext())
        {
            return Refused(errors.Count > 0 ? errors : [$"The file is empty: it needs a header row (order_id,distributor_id,sku,quantity) and at least one sale."]);
        }

        var header = records.Current.Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var at = Columns.ToDictionary(c => c, c => header.IndexOf(c));
        var missing = at.Where(c => c.Value < 0).Select(c => c.Key).ToList();
        if (missing.Count > 0)
        {
            return Refused([missing.Count > 1
                ? (FormattableString)$"Line 1: the header has no {string.Join(", ", missing)} columns; it needs {string.Join(",", Columns)}."
                : $"Line 1: the header has no {missing[0]} column; it needs {string.Join(",", Columns)}."]);
        }

        var orders = new Dictionary<string, (int Index, long Distributor, int FirstLine, List<SaleRequestLine> Lines)>(StringComparer.Ordinal);
        var order = new List<string>();
        while (records.MoveNext() && errors.Count < MaxErrors)
        {
            var (line, fields) = records.Current;
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            string Field(string column) => at[column] < fields.Count ? fields[at[column]].Trim() : string.Empty;
            var orderId = Field("order_id");
            var sku = Field("sku");
            var hasDistributor = long.TryParse(Field("distributor_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var distributor);
            var hasQuantity = int.TryParse(Field("quantity"), NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) && quantity >= 1;
            FormattableString? problem = null;
            if (orderId.Length == 0)
            {
                problem = $"order_id is empty";
            }
            else if (orderId.Length > MaxOrderIdLength)
            {
                problem = $"order_id is longer than {MaxOrderIdLength} characters";
            }
            else if (!hasDistributor)
            {
                problem = $"distributor_id '{Field("distributor_id")}' is not a distributor number";
            }
            else if (sku.Length == 0)
            {
                problem = $"sku is empty";
            }
            else if (!hasQuantity)
            {
                problem = $"quantity '{Field("quantity")}' is not a whole number of at least 1";
            }
            if (problem is not null)
            {
                errors.Add($"Line {line}: {problem}.");
                continue;
            }

            if (orders.TryGetValue(orderId, out var known))
            {
                if (known.Distributor != distributor)
                {
                    errors.Add($"Line {line}: order {orderId} was sold by distributor {known.Distributor} on line {known.FirstLine}, not {distributor}.");
                    continue;
                }

                known.Lines.Add(new SaleRequestLine(sku, quantity));
            }
            else if (orders.Count == MaxSales)
            {
                errors.Add($"Line {line}: a file holds at most {MaxSales:N0} orders; split it into several files.");
            }
            else
            {
                orders[orderId] = (orders.Count, distributor, line, [new SaleRequestLine(sku, quantity)]);
                order.Add(orderId);
            }
        }

        if (errors.Count > 0)
        {
            return Refused(errors);
        }

        if (orders.Count == 0)
        {
            return Refused([$"The file has a header but no sales."]);
        }

        var sales = order.Select(id => new BatchSale(orders[id].Distributor, orders[id].Lines, id, KeyPrefix + id)).ToList();
        return new SaleCsvFile(sales, [.. order.Select(id => orders[id].FirstLine)], []);
    }

    private static SaleCsvFile Refused(IReadOnlyList<FormattableString> errors) => new([], [], errors);

    /// <summary>Records with the file line they start on; quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static IEnumerable<(int Line, List<string> Fields)> Records(TextReader reader, List<FormattableString> errors)
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
                else if (c == ',')
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
