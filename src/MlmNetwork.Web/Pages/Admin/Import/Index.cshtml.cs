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
/// posted in the background through the batch path with a progress bar, whole or not at all.
/// </summary>
[RequestSizeLimit(MaxFileBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes)]
public sealed class IndexModel(SaleImports imports, MlmDbContext db, TemplateText texts, IStringLocalizer<SaleImports> importTexts, IStringLocalizer<IndexModel> t) : PageModel
{
    public const int MaxFileBytes = 20 * 1024 * 1024;

    [BindProperty]
    public IFormFile? Upload { get; set; }

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
            Current = imports.Find(id);
            if (Current is null)
            {
                return NotFound();
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The progress bar's poll.</summary>
    public IActionResult OnGetStatus(Guid import) =>
        imports.Find(import) is { } found
            ? new JsonResult(new { state = found.State.ToString(), percent = found.Percent, @checked = found.Progress.Checked, written = found.Progress.Written, total = found.Total, summary = Text(found.Summary) })
            : NotFound();

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
                file = SaleCsv.Read(reader);
            }
            catch (DecoderFallbackException)
            {
                file = new SaleCsvFile([], [], [$"The file is not UTF-8 text; save it as CSV (UTF-8)."]);
            }
        }

        var name = Path.GetFileName(Upload.FileName);
        if (file.Errors.Count > 0)
        {
            ModelState.AddModelError(nameof(Upload), t["{0} was not imported: fix these lines and upload it again.", name]);
            FileErrors = file.Errors;
            await LoadAsync(ct);
            return Page();
        }

        var batchKey = "csv:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        var started = imports.TryStart(name.Length > 200 ? name[..200] : name, batchKey, file, User.Actor());
        if (started is null)
        {
            ModelState.AddModelError(nameof(Upload), t["Another file is being imported; wait until it has finished, then upload this one."]);
            await LoadAsync(ct);
            return Page();
        }

        return RedirectToPage(new { import = started.Id });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Recent = imports.Recent();
        Imported = await db.SaleBatches.AsNoTracking().Where(b => b.Key.StartsWith("csv:")).OrderByDescending(b => b.CreatedAt).Take(20).ToListAsync(ct);
    }
}
