using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Sales;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Sales;

/// <summary>
/// Every sale, newest first, filtered by period (a month or from/to days), seller (id, name or
/// e-mail) and refund status, one page at a time from a cursor; the same filters give the CSV.
/// </summary>
public sealed class IndexModel(MlmDbContext db, Display show, IStringLocalizer<IndexModel> localizer) : PageModel
{
    [FromQuery(Name = "month")]
    public string? Month { get; set; }

    [FromQuery(Name = "from")]
    public string? From { get; set; }

    [FromQuery(Name = "to")]
    public string? To { get; set; }

    [FromQuery(Name = "distributor")]
    public string? Distributor { get; set; }

    /// <summary>The older link of a distributor's page: <c>?distributorId=12</c>, read as <c>?distributor=12</c>.</summary>
    [FromQuery(Name = "distributorId")]
    public string? DistributorId { get; set; }

    [FromQuery(Name = "status")]
    public string? Status { get; set; }

    [FromQuery(Name = "after")]
    public string? After { get; set; }

    public SaleListQuery Query { get; private set; } = null!;

    public IReadOnlyList<SaleListRow> Rows { get; private set; } = [];

    public string? Next { get; private set; }

    /// <summary>The names of the customers the page's sales were made to, by customer number.</summary>
    public IReadOnlyDictionary<long, string> CustomerNames { get; private set; } = new Dictionary<long, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!await ReadAsync(ct))
        {
            return;
        }

        if (After is not null && !SaleList.IsCursor(After))
        {
            ModelState.AddModelError("after", localizer["That page link is not valid; start again from the first page."]);
            return;
        }

        var page = await SaleList.PageAsync(db, Query.Filter, After, SaleList.DefaultLimit, ct);
        (Rows, Next) = (page.Rows, page.Next);
        var customers = Rows.Where(r => r.CustomerId is not null).Select(r => r.CustomerId!.Value).Distinct().ToList();
        CustomerNames = await db.Customers.AsNoTracking().Where(c => customers.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
    }

    /// <summary>The sales the filters take, all of them, as CSV (amounts as plain numbers, with the currency), written as they are read.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (!await ReadAsync(ct))
        {
            return BadRequest();
        }

        await CsvFile.StreamAsync(
            Response,
            "sales.csv",
            ["sale_id", "created_at_utc", "distributor_id", "distributor_name", "distributor_email", "total", "commission_base", "refunded", "refund_status", "plan_version", "external_id", "starter_kit", "currency", "customer_id", "personal_use"],
            SaleList.AllAsync(db, Query.Filter, ct).Select(s => new object?[] { s.Id, s.CreatedAt, s.DistributorId, s.SellerName, s.SellerEmail, s.Total, s.Base, s.Refunded, s.State.ToString(), s.PlanVersion, s.ExternalId, s.StarterKit, show.CurrencyCode, s.CustomerId, s.CustomerId is null }),
            ct);
        return new EmptyResult();
    }

    /// <summary>This page's address with the same filters and another cursor or handler.</summary>
    public string UrlWith(string? after = null, string? handler = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["month"] = Month, ["from"] = From, ["to"] = To, ["distributor"] = Distributor, ["status"] = Status, ["after"] = after, ["handler"] = handler,
        };
        var query = string.Join("&", values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value!)}"));
        return "/Admin/Sales" + (query.Length == 0 ? string.Empty : "?" + query);
    }

    private async Task<bool> ReadAsync(CancellationToken ct)
    {
        Distributor ??= DistributorId;
        Query = await SaleListQuery.ReadAsync(db, new SaleListInput(Month, From, To, Distributor, Status), ct);
        foreach (var problem in Query.Problems)
        {
            ModelState.AddModelError(problem.Field, localizer[problem.Template, problem.Values]);
        }

        return Query.Valid;
    }
}
