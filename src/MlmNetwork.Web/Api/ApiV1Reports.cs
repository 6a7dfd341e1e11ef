using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Reports;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Api;

/// <summary>The company's reports: the finance report of a range of months and the published income disclosure.</summary>
internal static class ApiV1Reports
{
    public static void MapReports(RouteGroupBuilder api)
    {
        api.MapGet("/reports/finance", FinanceAsync).ProducesProblem(422)
            .Describe("Reports", "Company finances per month", "Per month from `from` to `to` (yyyy-MM, at most 120 months; the last 12 months, this one included, when left out): sales, the commission base, commissions earned, reversed and forfeited, what payout runs paid, and the payout ratio (commissions net of reversals and forfeits over sales net of refunds), with a total row.");
        api.MapGet("/reports/retail", RetailAsync).ProducesProblem(422)
            .Describe("Reports", "Retail versus recruiting for a month", "For `month` (yyyy-MM; this month when left out): the share of the company's personal volume sold to customers (the rest is personal use), the share of net commissions from own sales (level 0) versus downlines (levels 1 and up), how many distributors fall below the plan's minimum customer share, the customer share of the 12 months up to it, and one page of distributors (`offset`, `limit` up to 1000, by distributor number; `belowOnly` for those below the minimum only). Volume is the commission base net of the refunds written in the month; a distributor with no volume is below any minimum. A month that cannot be read is a 422.");
        api.MapGet("/reports/saturation", SaturationAsync).ProducesProblem(422)
            .Describe("Reports", "Market saturation per month", "Per month from `from` to `to` (yyyy-MM, at most 120 months; the last 12 months, this one included, when left out): sign-ups; first retail sales (distributors whose first ever sale to a customer fell in the month) and the mean days from joining to it; distributors set Inactive (since the status history began) and terminated; distributors with a sale of their own, distinct customers who bought, and the distributors per customer.");
        api.MapGet("/income-disclosure", DisclosureAsync).ProducesProblem(404)
            .Describe("Reports", "The published income disclosure", "The income disclosure the company published (the figures of `/income-disclosure`): how many distributors were counted, the share who earned nothing, the mean, median and nearest-rank percentiles of earnings, what the best-paid 1% and 10% took, the same by time since joining, and the earnings set against the starter kits' prices. 404 while none is published.");
    }

    private static async Task<Ok<FinanceReportDto>> FinanceAsync(
        ReadDb reads,
        BusinessClock clock,
        Display show,
        CancellationToken ct,
        [Description("The first month, yyyy-MM.")] string? from = null,
        [Description("The last month, yyyy-MM.")] string? to = null)
    {
        var (first, last) = RangeOf(from, to, clock);
        var report = await FinanceReport.LoadAsync(reads.Context, first, last, ct);
        return TypedResults.Ok(FinanceReportDto.Of(report, show.CurrencyCode));
    }

    private static async Task<Ok<RetailReportDto>> RetailAsync(
        ReadDb reads,
        BusinessClock clock,
        Display show,
        CancellationToken ct,
        [Description("The month, yyyy-MM.")] string? month = null,
        [Description("How many distributors to skip (by distributor number).")] int offset = 0,
        [Description("How many distributors to list, 0 to 1000.")] int limit = 100,
        [Description("Only the distributors below the minimum customer share.")] bool belowOnly = false)
    {
        var chosen = month is null ? Period.Of(clock.UtcNow) : Period.Parse(month, "month");
        if (offset < 0 || limit < 0 || limit > 1000)
        {
            throw DomainRuleException.Invalid($"offset must be 0 or more and limit between 0 and 1000.", "limit");
        }

        var report = await RetailReport.LoadAsync(reads.Context, chosen, RetailOrder.Distributor, belowOnly, offset, limit, ct);
        return TypedResults.Ok(RetailReportDto.Of(report, show.CurrencyCode));
    }

    private static async Task<Ok<SaturationReportDto>> SaturationAsync(
        ReadDb reads,
        BusinessClock clock,
        CancellationToken ct,
        [Description("The first month, yyyy-MM.")] string? from = null,
        [Description("The last month, yyyy-MM.")] string? to = null)
    {
        var (first, last) = RangeOf(from, to, clock);
        var report = await SaturationReport.LoadAsync(reads.Context, first, last, ct);
        return TypedResults.Ok(new SaturationReportDto(report.From.ToString(), report.To.ToString(), [.. report.Months.Select(SaturationMonthDto.From)]));
    }

    /// <summary>A report's months from its query: the last twelve, this one included, for what is left out; a month that is no month is refused under its parameter.</summary>
    private static (Period From, Period To) RangeOf(string? from, string? to, BusinessClock clock)
    {
        var last = to is null ? Period.Of(clock.UtcNow) : Period.Parse(to, "to");
        return (from is null ? last.FirstOfTwelve() : Period.Parse(from, "from"), last);
    }

    private static async Task<Ok<IncomeDisclosureDto>> DisclosureAsync(IncomeDisclosures disclosures, Display show, CancellationToken ct)
    {
        var published = await disclosures.PublishedAsync(ct) ?? throw DomainRuleException.NotFound($"No income disclosure is published yet.");
        return TypedResults.Ok(IncomeDisclosureDto.Of(published.Figures, published.PublishedAt, show.CurrencyCode));
    }
}
