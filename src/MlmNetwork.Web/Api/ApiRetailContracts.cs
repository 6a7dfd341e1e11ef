using System.ComponentModel;
using MlmNetwork.Infrastructure.Reports;

namespace MlmNetwork.Web.Api;

/// <summary>One distributor's month in the retail report.</summary>
public sealed record RetailDistributorDto(
    long DistributorId, string Name, string ReferralCode,
    [property: Description("The commission base of the distributor's own sales of the month, net of the refunds written in it.")] decimal PersonalVolume,
    [property: Description("The part of personalVolume sold to customers; the rest is personal use.")] decimal CustomerVolume,
    [property: Description("customerVolume over personalVolume in percent, rounded down to 2 decimals; null without positive volume.")] decimal? CustomerSharePercent,
    [property: Description("Whether the distributor is below the plan's minimum customer share (always false when the plan sets none; true with no volume when it sets one).")] bool BelowMinimum,
    [property: Description("Their net commission lines of the month from their own sales (level 0).")] decimal OwnSalesIncome,
    [property: Description("Their net commission lines of the month from their downline's sales (levels 1 and up).")] decimal DownlineIncome,
    [property: Description("ownSalesIncome over both, in percent; null without positive income.")] decimal? OwnSalesIncomeSharePercent)
{
    public static RetailDistributorDto From(RetailRow row, bool below) => new(
        row.DistributorId, row.Name, row.ReferralCode, row.Volume.Personal.Amount, row.Volume.Customer.Amount, row.CustomerShare?.Value, below,
        row.OwnIncome.Amount, row.DownlineIncome.Amount, row.OwnIncomeShare?.Value);
}

/// <summary>The company's volume of one month.</summary>
public sealed record RetailTrendDto(string Month, decimal PersonalVolume, decimal CustomerVolume, decimal? CustomerSharePercent);

/// <summary>Retail versus recruiting for one month: the company's figures, a page of distributors, and the customer share of the 12 months up to it.</summary>
public sealed record RetailReportDto(
    string Month, string Currency,
    [property: Description("Whether the month is closed (its forfeits are written).")] bool Closed,
    [property: Description("The minimum customer share in percent of the plan version that applies to the month (the one its close applied when closed); null for none.")] decimal? MinimumCustomerSharePercent,
    [property: Description("Whether the month's close forfeits (forfeited) the downline commissions of those below the minimum.")] bool ForfeitAtClose,
    decimal PersonalVolume, decimal CustomerVolume, decimal PersonalUseVolume, decimal? CustomerSharePercent,
    decimal OwnSalesIncome, decimal DownlineIncome, decimal? OwnSalesIncomeSharePercent,
    [property: Description("Distributors listed: everyone but the company with volume or commission lines in the month.")] int Distributors,
    int BelowMinimum,
    [property: Description("The downline income of those below the minimum (before or after the close's forfeits, as the month stands).")] decimal DownlineIncomeBelowMinimum,
    IReadOnlyList<RetailTrendDto> Trend,
    [property: Description("The page of distributors asked for (offset, limit), by distributor number.")] IReadOnlyList<RetailDistributorDto> DistributorPage)
{
    public static RetailReportDto Of(RetailReport report, string currency)
    {
        var t = report.Totals;
        return new(
            report.Month.ToString(), currency, report.Closed, report.Rule.Minimum?.Value, report.Rule.ForfeitAtClose,
            t.Volume.Personal.Amount, t.Volume.Customer.Amount, (t.Volume.Personal - t.Volume.Customer).Amount, t.CustomerShare?.Value,
            t.OwnIncome.Amount, t.DownlineIncome.Amount, t.OwnIncomeShare?.Value, t.Distributors, t.BelowMinimum, t.DownlineIncomeBelowMinimum.Amount,
            [.. report.Trend.Select(m => new RetailTrendDto(m.Period.ToString(), m.Volume.Personal.Amount, m.Volume.Customer.Amount, m.Volume.CustomerShare?.Value))],
            [.. report.Rows.Select(r => RetailDistributorDto.From(r, !report.Rule.Qualifies(r.Volume)))]);
    }
}

/// <summary>One month of market saturation.</summary>
public sealed record SaturationMonthDto(
    string Month,
    [property: Description("Distributors who joined in the month.")] int SignUps,
    [property: Description("Distributors whose first ever sale to a customer fell in the month.")] int FirstRetailSales,
    [property: Description("For them, the mean days from joining to that sale (1 decimal); null when none.")] decimal? AverageDaysToFirstRetailSale,
    [property: Description("Distributors set Inactive in the month (since the status history began).")] int WentInactive,
    int Terminated,
    [property: Description("Distributors with at least one sale of their own in the month.")] int SellingDistributors,
    [property: Description("Distinct customers who bought in the month.")] int BuyingCustomers,
    [property: Description("sellingDistributors over buyingCustomers (2 decimals); null when no customer bought.")] decimal? DistributorsPerCustomer)
{
    public static SaturationMonthDto From(SaturationMonth m) => new(
        m.Period.ToString(), m.SignUps, m.FirstRetailSales, m.AverageDaysToFirstRetailSale, m.WentInactive, m.Terminated, m.SellingDistributors, m.BuyingCustomers, m.DistributorsPerCustomer);
}

/// <summary>Market saturation per month over a range.</summary>
public sealed record SaturationReportDto(string From, string To, IReadOnlyList<SaturationMonthDto> Months);
