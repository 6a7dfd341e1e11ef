using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Simulator.Runs;

/// <summary>
/// A replay's results: the totals and payout ratio under the plans in force (the real lines) and
/// the draft, the biggest winners and losers, the distribution of pay, and every distributor's
/// pay under both, paged by the difference (either end first) and as CSV. While the replay runs,
/// its progress.
/// </summary>
public sealed class DetailsModel(MlmDbContext db, Display show, IStringLocalizer<DetailsModel> t) : PageModel
{
    public const int PageSize = 50;

    public const int Extremes = 10;

    public SimulationRun Run { get; private set; } = null!;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<Row> Winners { get; private set; } = [];

    public IReadOnlyList<Row> Losers { get; private set; } = [];

    public ChartData? Chart { get; private set; }

    /// <summary>"gain": biggest gain first; "loss": biggest loss first.</summary>
    public string Sort { get; private set; } = "gain";

    public int PageNumber { get; private set; } = 1;

    public bool HasMore { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? sort, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        if (await db.SimulationRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } run)
        {
            return NotFound();
        }

        Run = run;
        if (run.Status != SimulationStatus.Done)
        {
            return Page();
        }

        Sort = sort == "loss" ? "loss" : "gain";
        PageNumber = Pager.Clamp(pageNumber);
        var count = run.Distributors;
        var skip = (long)(PageNumber - 1) * PageSize;
        HasMore = skip + PageSize < count;
        Rows = Sort == "gain"
            ? await RowsAsync(id, skip + 1, skip + PageSize, descending: false, ct)
            : await RowsAsync(id, count - skip - PageSize + 1, count - skip, descending: true, ct);
        Winners = [.. (await RowsAsync(id, 1, Extremes, descending: false, ct)).Where(r => r.Difference > Money.Zero)];
        Losers = [.. (await RowsAsync(id, count - Extremes + 1, count, descending: true, ct)).Where(r => r.Difference < Money.Zero)];
        var bins = run.Histogram.Bins;
        Chart = new ChartData(
            "pay-distribution",
            "bar",
            t["Distributors by pay over the months replayed"],
            [.. bins.Select((b, i) => i == 0 ? t["Nothing"].Value : t["Up to {0}", show.Money(b.UpTo)].Value)],
            [new ChartSeries(t["Plans in force"], [.. bins.Select(b => (decimal)b.Current)]), new ChartSeries(t["Draft"], [.. bins.Select(b => (decimal)b.Draft)])],
            Money: false);
        return Page();
    }

    /// <summary>Every distributor's pay under both plans, biggest gain first, as CSV (amounts with a point, in the installation's currency).</summary>
    public async Task<IActionResult> OnGetCsvAsync(long id, CancellationToken ct)
    {
        if (await db.SimulationRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.Status == SimulationStatus.Done, ct) is not { } run)
        {
            return NotFound();
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"simulation-{run.Id}-{run.From}-{run.To}.csv\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(false), 1 << 16);
        await writer.WriteAsync("rank,distributor_id,name,current,draft,difference,currency\n");
        const int batch = 10_000;
        for (long from = 1; from <= run.Distributors; from += batch)
        {
            foreach (var row in await RowsAsync(id, from, from + batch - 1, descending: false, ct))
            {
                await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{row.Rank},{row.DistributorId},{CsvField.Safe(row.Name)},{row.Current.Amount:0.00},{row.Draft.Amount:0.00},{row.Difference.Amount:0.00},{CsvField.Safe(show.CurrencyCode)}\n"));
            }
        }

        return new EmptyResult();
    }

    private async Task<IReadOnlyList<Row>> RowsAsync(long runId, long firstRank, long lastRank, bool descending, CancellationToken ct)
    {
        var range = db.SimulationResults.AsNoTracking().Where(r => r.RunId == runId && r.Rank >= firstRank && r.Rank <= lastRank);
        var results = await (descending ? range.OrderByDescending(r => r.Rank) : range.OrderBy(r => r.Rank)).ToListAsync(ct);
        var ids = results.Select(r => r.DistributorId).ToList();
        var names = await db.Distributors.AsNoTracking().Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, d.Name }).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return [.. results.Select(r => new Row(r.Rank, r.DistributorId, names.GetValueOrDefault(r.DistributorId, string.Empty), r.Current, r.Draft))];
    }

    public sealed record Row(long Rank, long DistributorId, string Name, Money Current, Money Draft)
    {
        public Money Difference => Draft - Current;
    }
}
