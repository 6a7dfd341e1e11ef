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

/// <summary>The statistics of a group of distributors' earnings in the range, as the disclosure rule lets them be published.</summary>
public sealed record EarningsDto(
    long Distributors,
    [property: Description("Why the group's figures are withheld, so that no one's earnings can be read from them: \"fewerThan10Distributors\" or \"wouldRevealSmallerGroups\" (taken away from the company's, they would give a smaller group's away); null when they are shown. Withheld figures are null.")] string? WithheldBecause,
    [property: Description("How many earned nothing (zero, or less after refunds).")] long? EarnedNothing,
    decimal? EarnedNothingPercent,
    decimal? Total, decimal? Mean, decimal? Median,
    [property: Description("Nearest-rank percentiles: p10, p25, p50, p75, p90, p99; null when withheld (the percentile would be the group's highest or lowest earnings: p99 needs 100 people, p10 11).")] IReadOnlyDictionary<string, decimal?> Percentiles,
    [property: Description("Percent of all commissions the best-paid 1% took (rounded up to whole people); null when nothing was earned or when withheld (see withheld).")] decimal? Top1PercentShare,
    decimal? Top10PercentShare,
    [property: Description("The names of this group's figures that are withheld (for example \"p99\", \"top1PercentShare\"), so a null that is withheld can be told from one that has nothing to state.")] IReadOnlyList<string> Withheld)
{
    public static EarningsDto From(DisclosedEarnings s)
    {
        var percentiles = s.Percentiles.ToDictionary(p => "p" + p.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value?.Amount);
        List<string> withheld = s.Withheld is null ? [] : ["earnedNothing", "earnedNothingPercent", "total", "mean", "median"];
        withheld.AddRange(percentiles.Where(p => p.Value is null).Select(p => p.Key));
        withheld.AddRange(new[] { ("top1PercentShare", s.Top1Withheld), ("top10PercentShare", s.Top10Withheld) }.Where(t => t.Item2).Select(t => t.Item1));
        return new(
            s.Count,
            s.Withheld switch
            {
                null => null,
                MlmNetwork.Domain.WithheldBecause.FewerThanMinimum => $"fewerThan{DisclosureRule.MinPeople}Distributors",
                _ => "wouldRevealSmallerGroups",
            },
            s.EarnedNothing, s.EarnedNothingShare, s.Total?.Amount, s.Mean?.Amount, s.Median?.Amount, percentiles, s.Top1Share, s.Top10Share, withheld);
    }
}

public sealed record TenureEarningsDto([property: Description("UnderOneYear, OneToTwoYears or OverTwoYears, at the end of the range.")] string Tenure, EarningsDto Earnings);

public sealed record KitComparisonDto(string Name, decimal Price, bool Cheapest, bool MostChosen,
    [property: Description("How many distributors earned less in the range than the kit's price.")] long EarnedLess, decimal EarnedLessPercent);

/// <summary>The published income disclosure, as the public page shows it.</summary>
/// <remarks>
/// Figures that could show what one person earned are withheld (null): a group of fewer than 10
/// distributors gives its count only (the company's commission totals and starter kits too, when
/// it is the whole company), and see <see cref="EarningsDto"/>.
/// </remarks>
public sealed record IncomeDisclosureDto(
    string From, string To, int Months, DateTime GeneratedAt, DateTime PublishedAt, string Currency,
    [property: Description("Everybody counted: every distributor but the company's own account who had joined by the end of the range and was not terminated before its start, and anyone with a commission line in it.")] EarningsDto All,
    IReadOnlyList<TenureEarningsDto> ByTenure,
    [property: Description("Null, as the other commission totals, when fewer than 10 distributors are counted.")] decimal? CommissionsEarned,
    decimal? CommissionsReversed, decimal? CommissionsForfeited, decimal? NetCommissions,
    [property: Description("What payouts for the range's months paid; null when fewer than 10 distributors were paid.")] decimal? PaidOut,
    long? DistributorsPaid,
    [property: Description("Null when fewer than 10 distributors are counted.")] IReadOnlyList<KitComparisonDto>? StarterKits)
{
    public static IncomeDisclosureDto Of(DisclosedIncome d, DateTime publishedAt, string currency)
    {
        var c = d.Commissions;
        return new(
            d.From.ToString(), d.To.ToString(), d.Months, d.GeneratedAt, publishedAt, currency, EarningsDto.From(d.All),
            [.. d.ByTenure.Select(g => new TenureEarningsDto(g.Tenure.ToString(), EarningsDto.From(g.Earnings)))],
            c?.Earned.Amount, c?.Reversed.Amount, c?.Forfeited.Amount, c?.Net.Amount, c?.Paid?.Amount, c?.PaidPeople,
            d.Kits?.Select(k => new KitComparisonDto(k.Name, k.Price.Amount, k.Cheapest, k.MostChosen, k.EarnedLess, k.EarnedLessShare)).ToList());
    }
}
