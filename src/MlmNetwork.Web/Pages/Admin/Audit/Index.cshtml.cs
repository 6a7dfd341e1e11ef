using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Audit;

/// <summary>The audit log, newest first: filtered by who, what, free text and days, a page at a time or exported whole as CSV, in the reader's language.</summary>
public sealed class IndexModel(MlmDbContext db, AuditDisplay audit) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "actor")]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? AuditAction { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? To { get; set; }

    public IReadOnlyList<string> Actions { get; private set; } = [];

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        Actions = await db.AuditEntries.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
        (Entries, Pager) = await Pager.ReadAsync(Filtered().OrderByDescending(a => a.Id), Request, pageNumber, ct);
    }

    /// <summary>
    /// Every entry the filter finds, oldest first, as a CSV file a spreadsheet opens safely: read
    /// like the page, in the reader's language (the action's name, subject and details), beside the
    /// columns a program keys on (the UTC time, the actor's login and the action's code), which
    /// are the same in every language.
    /// </summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var csv = new StringBuilder("at_utc,actor,action,action_name,subject,details\r\n");
        await foreach (var entry in Filtered().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            csv.Append(entry.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
                .Append(CsvField.Safe(entry.Actor)).Append(',')
                .Append(CsvField.Safe(entry.Action)).Append(',')
                .Append(CsvField.Safe(audit.Action(entry.Action).Text)).Append(',')
                .Append(CsvField.Safe(audit.Subject(entry).Text)).Append(',')
                .Append(CsvField.Safe(audit.Details(entry).Text)).Append("\r\n");
        }

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", "audit-log.csv");
    }

    /// <summary>This page's query string with another handler, for the export link.</summary>
    public string CsvUrl() => Url.Page("Index", "Csv", new { actor = Actor, kind = AuditAction, q = Text, from = Day(From), to = Day(To) }) ?? string.Empty;

    public static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private IQueryable<AuditEntry> Filtered() =>
        new AuditFilter(Actor, AuditAction, Text, From, To).Apply(db.AuditEntries.AsNoTracking());
}
