using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Reports;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Reports;

/// <summary>
/// Retail versus recruiting for a month (<see cref="RetailReport"/>): the company's share of
/// volume sold to customers and of income from own sales, a chart of the customer share per
/// month, and every distributor's figures, paged, in the order chosen, optionally only those
/// below the plan's minimum customer share; CSV of all. This month unless another is chosen.
/// </summary>
public sealed class RetailModel(ReadDb reads, BusinessClock clock, RuleMessages rules, Display show) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty(Name = "order", SupportsGet = true)]
    public RetailOrder Order { get; set; }

    [BindProperty(Name = "below", SupportsGet = true)]
    public bool BelowOnly { get; set; }

    [BindProperty(Name = "page", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public RetailReport? Report { get; private set; }

    public Period ThisMonth => Period.Of(clock.UtcNow);

    public bool HasMore => Report is { } report && PageNumber * Pager.Size < report.RowCount;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Chosen() is { } month)
        {
            PageNumber = Pager.Clamp(PageNumber);
            Report = await RetailReport.LoadAsync(reads.Context, month, Enum.IsDefined(Order) ? Order : RetailOrder.ShareAscending, BelowOnly, (PageNumber - 1) * Pager.Size, Pager.Size, ct);
        }
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (Chosen() is not { } month)
        {
            return BadRequest(ErrorOf("month") ?? string.Empty);
        }

        var (rule, _) = await RetailReport.RuleAsync(reads.Context, month, ct);
        await CsvFile.StreamAsync(Response, $"retail-{month}.csv", Columns, Rows(month, rule, ct), ct);
        return new EmptyResult();
    }

    private static readonly string[] Columns =
        ["month", "distributor_id", "name", "referral_code", "personal_volume", "customer_volume", "personal_use_volume", "customer_share_percent", "minimum_customer_share_percent", "below_minimum",
         "own_sales_income", "downline_income", "net_income", "own_sales_income_share_percent", "currency"];

    private async IAsyncEnumerable<object?[]> Rows(Period month, CustomerShareRule rule, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var (row, below) in RetailReport.AllAsync(reads.Context, month, rule, ct))
        {
            yield return [month, row.DistributorId, row.Name, row.ReferralCode, row.Volume.Personal, row.Volume.Customer, row.Volume.Personal - row.Volume.Customer,
                row.CustomerShare?.Value, rule.Minimum?.Value, below, row.OwnIncome, row.DownlineIncome, row.Income, row.OwnIncomeShare?.Value, show.CurrencyCode];
        }
    }

    public string? ErrorOf(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public string CsvUrl => Url.Page("/Admin/Reports/Retail", "Csv", new { month = Report?.Month.ToString() }) ?? string.Empty;

    /// <summary>This page's address with one value changed (the month, order and filter kept).</summary>
    public string UrlWith(RetailOrder? order = null, bool? below = null, int? page = null) =>
        Url.Page("/Admin/Reports/Retail", new { month = Report?.Month.ToString(), order = order ?? Order, below = below ?? BelowOnly, page = page ?? 1 }) ?? string.Empty;

    private Period? Chosen()
    {
        var month = MonthField.Read(Month, "month", ModelState, rules) ?? (Month is null ? ThisMonth : null);
        Month ??= month?.ToString();
        return month;
    }
}
