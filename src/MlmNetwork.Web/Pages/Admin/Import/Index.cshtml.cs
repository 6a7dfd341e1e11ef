using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Sales;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Import;

/// <summary>
/// Bulk sale import: an admin uploads a sales export (CSV); it is checked line by line, then
/// posted in the background through the batch path with a progress bar, whole or not at all —
/// or, in the other mode, the good orders posted and the refused ones handed back as a CSV
/// (the file's columns and a reason, in the reader's language) to fix and upload again.
/// </summary>
[RequestSizeLimit(MaxFileBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes)]
public sealed class IndexModel(SaleImports imports, SaleBatchPosting posting, MlmDbContext db, TemplateText texts, IStringLocalizer<SaleImports> importTexts, IStringLocalizer<IndexModel> t, BusinessClock clock) : PageModel
{
    public const int MaxFileBytes = 20 * 1024 * 1024;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>"all" (whole or nothing, the default) or "good" (post the good orders, hand back the refused ones).</summary>
    [BindProperty]
    public string? Mode { get; set; }

    /// <summary>A sample file made of this installation's own products and referral codes.</summary>
    public string Sample { get; private set; } = string.Empty;

    public SaleImport? Current { get; private set; }

    public IReadOnlyList<SaleImport> Recent { get; private set; } = [];

    public IReadOnlyList<SaleBatch> Imported { get; private set; } = [];

    public IReadOnlyList<FormattableString> FileErrors { get; private set; } = [];

    /// <summary>An import's summary or error in the reader's language.</summary>
    public string Text(FormattableString text) => texts.Format(importTexts, text);

    public async Task<IActionResult> OnGetAsync(Guid? import, CancellationToken ct)
    {
        if (import is { } id)
        {
            Current = await imports.FindAsync(id, ct);
            if (Current is null)
            {
                return NotFound();
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The progress bar's poll.</summary>
    public async Task<IActionResult> OnGetStatusAsync(Guid import, CancellationToken ct) =>
        await imports.FindAsync(import, ct) is { } found
            ? new JsonResult(new { state = found.State.ToString(), percent = found.Percent, @checked = found.Progress.Checked, written = found.Progress.Written, total = found.Total, summary = Text(found.Summary) })
            : NotFound();

    /// <summary>
    /// The refused orders of an import: the file's own columns (a <c>reason</c> column of the
    /// uploaded file left out, so a file fixed and uploaded again gets one reason, not two) and a
    /// reason per record with its own line, in the reader's language. Fields are quoted and
    /// defused the way <see cref="SaleCsv.Undefuse"/> undoes, so an order id reads back unchanged.
    /// </summary>
    public async Task<IActionResult> OnGetRefusedAsync(Guid import, CancellationToken ct)
    {
        if (await imports.RefusedFileAsync(import, ct) is not { } found)
        {
            return NotFound();
        }

        var kept = Enumerable.Range(0, found.Header.Count).Where(i => !found.Header[i].Trim().Equals(ReasonColumn, StringComparison.OrdinalIgnoreCase)).ToList();
        var csv = new StringBuilder();
        csv.AppendJoin(',', kept.Select(i => Quoted(found.Header[i])).Append(Quoted(ReasonColumn))).Append("\r\n");
        foreach (var refusal in found.Refused)
        {
            foreach (var row in refusal.Rows)
            {
                var fields = kept.Select(i => i < row.Fields.Count ? row.Fields[i] : string.Empty);
                csv.AppendJoin(',', fields.Select(Quoted).Append(Quoted(Text(refusal.ReasonFor(row))))).Append("\r\n");
            }
        }

        var name = Path.GetFileNameWithoutExtension(found.FileName);
        return File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())], "text/csv; charset=utf-8", $"{name}-refused.csv");
    }

    /// <summary>The column of the refused-orders file that says why; ignored when such a file comes back.</summary>
    public const string ReasonColumn = "reason";

    private static string Quoted(string field) => "\"" + SaleCsv.Defuse(field).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), t["Choose a CSV file to import."]);
            await LoadAsync(ct);
            return Page();
        }

        byte[] bytes;
        await using (var stream = Upload.OpenReadStream())
        using (var copy = new MemoryStream())
        {
            await stream.CopyToAsync(copy, ct);
            bytes = copy.ToArray();
        }

        SaleCsvFile file;
        using (var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true))
        {
            try
            {
                // Every order is read either way; in the whole-or-nothing mode the refused ones refuse the file below.
                file = SaleCsv.Read(reader, keepGoodOrders: true);
            }
            catch (DecoderFallbackException)
            {
                file = new SaleCsvFile([], [], [$"The file is not UTF-8 text; save it as CSV (UTF-8)."]);
            }
        }

        // The name as the browser sent it, a control character (no database takes a zero byte) shown as U+FFFD, as in the file's lines.
        var name = SaleCsv.Marked(Path.GetFileName(Upload.FileName));
        if (file.Errors.Count == 0)
        {
            file = await SaleCsv.ResolveSellersAsync(db, file, keepGoodOrders: true, ct);
        }

        if (!PostGoodOrders && file.Errors.Count == 0 && file.Refused.Count > 0)
        {
            // Whole or nothing, and some orders cannot be read: say in one round what is wrong
            // with those and what the rules refuse in the others, instead of one kind per upload.
            file = file with { Errors = await AllProblemsAsync(file, ct) };
        }

        if (file.Errors.Count > 0)
        {
            ModelState.AddModelError(nameof(Upload), t["{0} was not imported: fix these lines and upload it again.", name]);
            FileErrors = file.Errors;
            await LoadAsync(ct);
            return Page();
        }

        var batchKey = (PostGoodOrders ? "csv:good:" : "csv:") + Convert.ToHexStringLower(SHA256.HashData(bytes));
        var started = await imports.TryStartAsync(name.Length > SaleImportRecord.FileNameMaxLength ? name[..SaleImportRecord.FileNameMaxLength] : name, batchKey, file, User.Actor(), PostGoodOrders, ct);
        if (started is null)
        {
            ModelState.AddModelError(nameof(Upload), t["Another file is being imported; wait until it has finished, then upload this one."]);
            await LoadAsync(ct);
            return Page();
        }

        return RedirectToPage(new { import = started.Id });
    }

    public bool PostGoodOrders => Mode == "good";

    /// <summary>
    /// The orders the reader refused and those the posting rules would refuse (checked without
    /// writing), each said with its line, in file order: the first <see cref="SaleCsv.MaxErrors"/>.
    /// </summary>
    private async Task<IReadOnlyList<FormattableString>> AllProblemsAsync(SaleCsvFile file, CancellationToken ct)
    {
        var problems = file.Refused.Select(r => (Line: r.AtLine ?? r.Rows[0].Line, Text: (FormattableString)$"Line {r.AtLine ?? r.Rows[0].Line}: {r.Reason}")).ToList();
        if (file.Sales.Count > 0)
        {
            try
            {
                var refused = await posting.CheckAsync(file.Sales, SaleCsv.MaxErrors, ct);
                problems.AddRange(refused.Select(r => (file.FirstLines[r.Row], SaleImports.RowError(r, file))));
            }
            catch (MlmNetwork.Domain.DomainRuleException e)
            {
                problems.Add((0, $"{e}"));
            }
        }

        return [.. problems.OrderBy(p => p.Line).Take(SaleCsv.MaxErrors).Select(p => p.Text)];
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Sample = await SampleAsync(ct);
        Recent = await imports.RecentAsync(ct);
        Imported = await db.SaleBatches.AsNoTracking().Where(b => b.Key.StartsWith("csv:")).OrderByDescending(b => b.CreatedAt).Take(20).ToListAsync(ct);
    }

    /// <summary>Three orders of two real sellers (by id and by referral code) and real products, one to a real customer when there is one.</summary>
    private async Task<string> SampleAsync(CancellationToken ct)
    {
        var skus = await db.Products.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Id).Select(p => p.Sku).Take(3).ToListAsync(ct);
        var sellers = await db.Distributors.AsNoTracking().Where(d => !d.IsHouse && d.Status == MlmNetwork.Domain.DistributorStatus.Active).OrderBy(d => d.Id).Select(d => new { d.Id, d.ReferralCode }).Take(2).ToListAsync(ct);
        if (skus.Count == 0 || sellers.Count == 0)
        {
            return "order_id,distributor_id,sku,quantity,customer,personal_use,order_date\nA-1001,42,VIT-C,2,,true,";
        }

        var first = sellers[0];
        var second = sellers[^1];
        var customer = await db.Customers.AsNoTracking().Where(c => c.DistributorId == first.Id).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        var today = DateOnly.FromDateTime(clock.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        string Sku(int i) => skus[i % skus.Count];
        return string.Join('\n',
            "order_id,distributor_id,sku,quantity,customer,personal_use,order_date",
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"A-1001,{first.Id},{Sku(0)},2,{customer},{(customer is null ? "true" : string.Empty)},{today}"),
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"A-1001,{first.Id},{Sku(1)},1,{customer},{(customer is null ? "true" : string.Empty)},{today}"),
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"A-1002,{second.ReferralCode},{Sku(2)},3,,true,"));
    }
}
