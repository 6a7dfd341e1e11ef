using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Reports;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Reports;

/// <summary>
/// Market saturation per month (<see cref="SaturationReport"/>): sign-ups, first retail sales and
/// the days to them, members who went Inactive or were terminated, selling distributors per buying
/// customer; charts and CSV. The last twelve months (this one included) unless a range is chosen.
/// </summary>
public sealed class SaturationModel(ReadDb reads, BusinessClock clock, RuleMessages rules) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public SaturationReport? Report { get; private set; }

    public Period ThisMonth => Period.Of(clock.UtcNow);

    public async Task OnGetAsync(CancellationToken ct) => Report = await LoadAsync(ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } report)
        {
            return BadRequest(string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)));
        }

        var csv = new CsvFile("month", "sign_ups", "first_retail_sales", "average_days_to_first_retail_sale", "went_inactive", "terminated", "selling_distributors", "buying_customers", "distributors_per_customer");
        foreach (var m in report.Months)
        {
            csv.Row(m.Period, m.SignUps, m.FirstRetailSales, m.AverageDaysToFirstRetailSale, m.WentInactive, m.Terminated, m.SellingDistributors, m.BuyingCustomers, m.DistributorsPerCustomer);
        }

        return csv.Download($"saturation-{report.From}-{report.To}.csv");
    }

    public string? ErrorOf(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public string CsvUrl => Url.Page("/Admin/Reports/Saturation", "Csv", new { from = Report?.From.ToString(), to = Report?.To.ToString() }) ?? string.Empty;

    private async Task<SaturationReport?> LoadAsync(CancellationToken ct)
    {
        var (from, to) = MonthField.ReadRange(From, To, ThisMonth, ModelState, rules);
        (From, To) = (From ?? from?.ToString(), To ?? to?.ToString());
        if (from is not { } f || to is not { } t)
        {
            return null;
        }

        try
        {
            return await SaturationReport.LoadAsync(reads.Context, f, t, ct);
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(e.Field ?? string.Empty, rules.Text(e));
            return null;
        }
    }
}
