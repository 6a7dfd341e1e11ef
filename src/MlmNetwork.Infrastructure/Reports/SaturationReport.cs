using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Reports;

/// <summary>
/// One month of market saturation (ADR 018): who joined, who made a first retail sale, who
/// stopped, and how many selling distributors there were per buying customer.
/// </summary>
/// <param name="SignUps">Distributors who joined in the month (the company's own account aside).</param>
/// <param name="FirstRetailSales">Distributors whose first sale to a customer (ever) fell in the month.</param>
/// <param name="AverageDaysToFirstRetailSale">For those, the mean days from joining to that sale (one decimal); null when none.</param>
/// <param name="WentInactive">Distributors set Inactive in the month (each counted once).</param>
/// <param name="Terminated">Distributors terminated in the month.</param>
/// <param name="SellingDistributors">Distributors with at least one sale of their own in the month (to customers or for own use).</param>
/// <param name="BuyingCustomers">Distinct customers who bought in the month.</param>
public sealed record SaturationMonth(Period Period, int SignUps, int FirstRetailSales, decimal? AverageDaysToFirstRetailSale, int WentInactive, int Terminated, int SellingDistributors, int BuyingCustomers)
{
    /// <summary>Selling distributors per buying customer (two decimals); null when no customer bought.</summary>
    public decimal? DistributorsPerCustomer => BuyingCustomers == 0 ? null : Math.Round((decimal)SellingDistributors / BuyingCustomers, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Saturation per month over a range: sign-ups (the sign-up counter), first retail sales and the
/// days from joining to them (one grouped query over the sales to customers), members who went
/// Inactive (the status history) or were terminated (<c>terminated_at</c>), and selling
/// distributors per buying customer (the month counters and one grouped count of the month's
/// customers). A few grouped queries, never one per distributor.
/// </summary>
public sealed record SaturationReport(Period From, Period To, IReadOnlyList<SaturationMonth> Months)
{
    public static async Task<SaturationReport> LoadAsync(MlmDbContext db, Period from, Period to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        FinanceReport.CheckRange(from, to);
        var (start, end) = (from.StartsAt, to.EndsAt);
        var signUps = await db.NetworkSignupDays.AsNoTracking()
            .Where(d => d.DayKey >= from.Key * 100 && d.DayKey <= (to.Key * 100) + 31)
            .Select(d => new { d.DayKey, d.Count }).ToListAsync(ct);
        var firsts = await db.Sales.AsNoTracking()
            .Where(s => s.CustomerId != null)
            .GroupBy(s => s.DistributorId)
            .Select(g => new { Id = g.Key, First = g.Min(s => s.CreatedAt) })
            .Where(f => f.First >= start && f.First < end)
            .Join(db.Distributors, f => f.Id, d => d.Id, (f, d) => new { f.First, d.JoinedAt })
            .ToListAsync(ct);
        var inactive = await db.DistributorChanges.AsNoTracking()
            .Where(c => c.Kind == DistributorChangeKind.Status && c.StatusAfter == DistributorStatus.Inactive && c.At >= start && c.At < end)
            .Select(c => new { c.At, c.DistributorId }).ToListAsync(ct);
        var terminated = await db.Distributors.AsNoTracking()
            .Where(d => d.TerminatedAt >= start && d.TerminatedAt < end)
            .Select(d => d.TerminatedAt!.Value).ToListAsync(ct);
        // From the sales themselves, not the month's net sales counter: a refund of an earlier month's
        // sale takes that counter down and would hide somebody who did sell in the month.
        var selling = await db.Sales.AsNoTracking()
            .Where(s => s.PeriodKey >= from.Key && s.PeriodKey <= to.Key && s.StarterKitId == null)
            .GroupBy(s => s.PeriodKey).Select(g => new { g.Key, Count = g.Select(s => s.DistributorId).Distinct().Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var customers = await db.Sales.AsNoTracking()
            .Where(s => s.CustomerId != null && s.PeriodKey >= from.Key && s.PeriodKey <= to.Key)
            .GroupBy(s => s.PeriodKey).Select(g => new { g.Key, Count = g.Select(s => s.CustomerId).Distinct().Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        var months = new List<SaturationMonth>();
        for (var month = from; month <= to; month = Period.Of(month.EndsAt))
        {
            var key = month.Key;
            var first = firsts.Where(f => Period.Of(Utc(f.First)).Key == key).ToList();
            months.Add(new SaturationMonth(
                month,
                signUps.Where(d => d.DayKey / 100 == key).Sum(d => d.Count),
                first.Count,
                first.Count == 0 ? null : Math.Round((decimal)first.Average(f => (Utc(f.First) - Utc(f.JoinedAt)).TotalDays), 1, MidpointRounding.AwayFromZero),
                inactive.Where(c => Period.Of(Utc(c.At)).Key == key).Select(c => c.DistributorId).Distinct().Count(),
                terminated.Count(t => Period.Of(Utc(t)).Key == key),
                selling.GetValueOrDefault(key),
                customers.GetValueOrDefault(key)));
        }

        return new SaturationReport(from, to, months);
    }

    private static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);
}
