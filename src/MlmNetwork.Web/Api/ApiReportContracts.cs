using System.ComponentModel;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Reports;

namespace MlmNetwork.Web.Api;

/// <summary>One month of the finance report, or the total of the range (<see cref="Month"/> is then "total").</summary>
public sealed record FinanceMonthDto(
    [property: Description("The month, yyyy-MM, or \"total\" for the range's total row.")] string Month,
    int SalesCount, decimal SalesTotal, decimal RefundedTotal, decimal NetSales,
    [property: Description("The commission base of the month's sales (the part of prices commissions are computed on).")] decimal CommissionBase,
    decimal RefundedBase, decimal NetCommissionBase,
    decimal CommissionsEarned,
    [property: Description("Reversing lines written in the month (refunds), negative.")] decimal CommissionsReversed,
    [property: Description("Forfeits of the month (minimum personal volume missed), negative.")] decimal CommissionsForfeited,
    decimal NetCommissions,
    [property: Description("What the payout runs confirmed in the month paid.")] decimal PaidOut,
    [property: Description("Net commissions over net sales, in percent (2 decimals); null when the month sold nothing.")] decimal? PayoutRatio,
    [property: Description("Net commissions over the net commission base, in percent; null without a base.")] decimal? PayoutRatioOfBase)
{
    public static FinanceMonthDto From(FinanceMonth month, string label)
    {
        var m = month.Figures;
        return new(label, (int)m.SalesCount, m.SalesTotal.Amount, m.RefundedTotal.Amount, m.NetSales.Amount, m.SalesBase.Amount, m.RefundedBase.Amount, m.NetBase.Amount,
            m.Earned.Amount, m.Reversed.Amount, m.Forfeited.Amount, m.NetCommissions.Amount, month.PaidOut.Amount, m.PayoutRatioOfSales, m.PayoutRatioOfBase);
    }
}

public sealed record FinanceReportDto(string From, string To, string Currency, IReadOnlyList<FinanceMonthDto> Months, FinanceMonthDto Total)
{
    public static FinanceReportDto Of(FinanceReport report, string currency) => new(
        report.From.ToString(), report.To.ToString(), currency,
        [.. report.Months.Select(m => FinanceMonthDto.From(m, m.Period.ToString()))], FinanceMonthDto.From(report.Total, "total"));
}

/// <summary>The statistics of a group of distributors' earnings in the range.</summary>
public sealed record EarningsDto(
    long Distributors,
    [property: Description("How many earned nothing (zero, or less after refunds).")] long EarnedNothing,
    decimal EarnedNothingPercent,
    decimal Total, decimal Mean, decimal Median,
    [property: Description("Nearest-rank percentiles: p10, p25, p50, p75, p90, p99.")] IReadOnlyDictionary<string, decimal> Percentiles,
    [property: Description("Percent of all commissions the best-paid 1% took (rounded up to whole people); null when nothing was earned.")] decimal? Top1PercentShare,
    decimal? Top10PercentShare)
{
    public static EarningsDto From(EarningsSummary s) => new(
        s.Count, s.EarnedNothing, s.EarnedNothingShare, s.Total.Amount, s.Mean.Amount, s.Median.Amount,
        s.Percentiles.ToDictionary(p => "p" + p.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value.Amount), s.Top1Share, s.Top10Share);
}

public sealed record TenureEarningsDto([property: Description("UnderOneYear, OneToTwoYears or OverTwoYears, at the end of the range.")] string Tenure, EarningsDto Earnings);

public sealed record KitComparisonDto(string Name, decimal Price, bool Cheapest, bool MostChosen,
    [property: Description("How many distributors earned less in the range than the kit's price.")] long EarnedLess, decimal EarnedLessPercent);

/// <summary>The published income disclosure, as the public page shows it.</summary>
public sealed record IncomeDisclosureDto(
    string From, string To, int Months, DateTime GeneratedAt, DateTime PublishedAt, string Currency,
    [property: Description("Everybody counted: every distributor but the company's own account who had joined by the end of the range and was not terminated before its start, and anyone with a commission line in it.")] EarningsDto All,
    IReadOnlyList<TenureEarningsDto> ByTenure,
    decimal CommissionsEarned, decimal CommissionsReversed, decimal CommissionsForfeited, decimal NetCommissions,
    [property: Description("What payouts for the range's months paid.")] decimal PaidOut,
    long DistributorsPaid,
    IReadOnlyList<KitComparisonDto> StarterKits)
{
    public static IncomeDisclosureDto Of(IncomeDisclosure d, DateTime publishedAt, string currency) => new(
        d.From.ToString(), d.To.ToString(), d.Months, d.GeneratedAt, publishedAt, currency, EarningsDto.From(d.All),
        [.. d.ByTenure.Select(g => new TenureEarningsDto(g.Tenure.ToString(), EarningsDto.From(g.Earnings)))],
        d.Earned.Amount, d.Reversed.Amount, d.Forfeited.Amount, d.NetCommissions.Amount, d.Paid.Amount, d.PaidPeople,
        [.. d.Kits.Select(k => new KitComparisonDto(k.Name, k.Price.Amount, k.Cheapest, k.MostChosen, k.EarnedLess, k.EarnedLessShare))]);
}
