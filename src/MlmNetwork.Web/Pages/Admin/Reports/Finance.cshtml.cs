using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Reports;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Reports;

/// <summary>
/// The company's finances per month (<see cref="FinanceReport"/>): sales, commission base,
/// commissions earned, reversed and forfeited, paid out and the payout ratio, with a total row,
/// a chart and CSV. The last twelve months (this one included) unless a range is chosen.
/// </summary>
public sealed class FinanceModel(ReadDb reads, BusinessClock clock, RuleMessages rules, Display show) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public FinanceReport? Report { get; private set; }

    public Period ThisMonth => Period.Of(clock.UtcNow);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Range() is { } range)
        {
            try
            {
                Report = await FinanceReport.LoadAsync(reads.Context, range.From, range.To, ct);
            }
            catch (DomainRuleException e)
            {
                ModelState.AddModelError(e.Field ?? string.Empty, rules.Text(e));
            }
        }
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (Range() is not { } range)
        {
            return BadRequest();
        }

        FinanceReport report;
        try
        {
            report = await FinanceReport.LoadAsync(reads.Context, range.From, range.To, ct);
        }
        catch (DomainRuleException e)
        {
            return BadRequest(rules.Text(e));
        }

        var csv = new CsvFile(
            "month", "sales", "sales_total", "refunded_total", "net_sales", "commission_base", "refunded_base", "net_commission_base", "commissions_earned",
            "commissions_reversed", "commissions_forfeited", "net_commissions", "paid_out", "payout_ratio_percent", "payout_ratio_of_base_percent", "currency");
        foreach (var (month, label) in report.Months.Select(m => (m, (object)m.Period)).Append((report.Total, "total")))
        {
            var m = month.Figures;
            csv.Row(label, m.SalesCount, m.SalesTotal, m.RefundedTotal, m.NetSales, m.SalesBase, m.RefundedBase, m.NetBase, m.Earned, m.Reversed, m.Forfeited,
                m.NetCommissions, month.PaidOut, m.PayoutRatioOfSales, m.PayoutRatioOfBase, show.CurrencyCode);
        }

        return csv.Download($"finance-{range.From}-{range.To}.csv");
    }

    public string? ErrorOf(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public string CsvUrl => Url.Page("/Admin/Reports/Finance", "Csv", new { from = Report?.From.ToString(), to = Report?.To.ToString() }) ?? string.Empty;

    private (Period From, Period To)? Range()
    {
        var (from, to) = MonthField.ReadRange(From, To, ThisMonth, ModelState, rules);
        (From, To) = (From ?? from?.ToString(), To ?? to?.ToString());
        return from is { } f && to is { } t ? (f, t) : null;
    }
}
