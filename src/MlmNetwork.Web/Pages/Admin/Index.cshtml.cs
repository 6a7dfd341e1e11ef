using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Plans;
using MlmNetwork.Infrastructure.Reports;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin;

/// <summary>
/// The network overview: distributors by status, sign-ups per week, sales and commissions per
/// month with the payout ratio, top earners and the depth of the tree, each as a chart or table
/// and as CSV; all read from counters (<see cref="NetworkOverview"/>), never by counting the network.
/// </summary>
public sealed class IndexModel(MlmDbContext db, BusinessClock clock, Display show) : PageModel
{
    /// <summary>The tables the page offers as CSV (the <c>table</c> of <c>?handler=Csv</c>).</summary>
    public static readonly IReadOnlyList<string> CsvTables = ["status", "signups", "months", "top-month", "top-all-time", "depth"];

    public Distributor House { get; private set; } = null!;

    public CommissionPlan? Plan { get; private set; }

    public int ActiveProducts { get; private set; }

    public NetworkOverview Overview { get; private set; } = null!;

    public Period ThisMonth => Period.Of(clock.UtcNow);

    public NetworkMonth ThisMonthFigures => Overview.Months[^1];

    /// <summary>The payout ratio over all the months shown.</summary>
    public decimal? RatioOfSales => NetworkMonth.Ratio(Money.Sum(Overview.Months.Select(m => m.NetCommissions)), Money.Sum(Overview.Months.Select(m => m.NetSales)));

    public decimal? RatioOfBase => NetworkMonth.Ratio(Money.Sum(Overview.Months.Select(m => m.NetCommissions)), Money.Sum(Overview.Months.Select(m => m.NetBase)));

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The house is the one distributor without a sponsor: read off the (sponsor_id, id) index, not by scanning for is_house.
        House = await db.Distributors.AsNoTracking().SingleAsync(d => d.SponsorId == null, ct);
        Plan = await CommissionPlans.InForceAtAsync(db, clock.UtcNow, ct);
        ActiveProducts = await db.Products.CountAsync(p => p.IsActive, ct);
        Overview = await NetworkOverview.LoadAsync(db, clock.UtcNow, ct);
    }

    /// <summary>One of the overview's tables as CSV; an unknown table is a 404.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string? table, CancellationToken ct)
    {
        if (table is null || !CsvTables.Contains(table))
        {
            return NotFound();
        }

        var overview = await NetworkOverview.LoadAsync(db, clock.UtcNow, ct);
        var day = clock.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Csv(overview, table).Download($"network-{table}-{day}.csv");
    }

    private CsvFile Csv(NetworkOverview overview, string table)
    {
        switch (table)
        {
            case "status":
                var status = new CsvFile("status", "distributors", "share_percent");
                foreach (var (name, count) in overview.ByStatus)
                {
                    status.Row(name, count, overview.ShareOf(name));
                }

                return status;
            case "signups":
                var weeks = new CsvFile("week_starting", "sign_ups");
                overview.Weeks.ToList().ForEach(w => weeks.Row(w.Monday, w.SignUps));
                return weeks;
            case "months":
                var months = new CsvFile(
                    "month", "sales", "sales_total", "refunded_total", "net_sales", "net_commission_base", "commissions_earned", "commissions_reversed",
                    "commissions_forfeited", "net_commissions", "payout_ratio_of_sales_percent", "payout_ratio_of_base_percent", "currency");
                foreach (var m in overview.Months)
                {
                    months.Row(m.Period, m.SalesCount, m.SalesTotal, m.RefundedTotal, m.NetSales, m.NetBase, m.Earned, m.Reversed, m.Forfeited, m.NetCommissions,
                        m.PayoutRatioOfSales, m.PayoutRatioOfBase, show.CurrencyCode);
                }

                return months;
            case "top-month":
            case "top-all-time":
                var earners = new CsvFile("rank", "distributor_id", "name", "email", "earned", "currency");
                var top = table == "top-month" ? overview.TopThisMonth : overview.TopAllTime;
                for (var i = 0; i < top.Count; i++)
                {
                    earners.Row(i + 1, top[i].DistributorId, top[i].Name, top[i].Email, top[i].Amount, show.CurrencyCode);
                }

                return earners;
            default:
                var depth = new CsvFile("depth", "distributors");
                overview.Depths.ToList().ForEach(d => depth.Row(d.Depth, d.Count));
                return depth;
        }
    }

    public string CsvUrl(string table) => Url.Page("/Admin/Index", "Csv", new { table }) ?? string.Empty;
}
