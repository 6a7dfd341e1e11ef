using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Customers;

/// <summary>Every distributor's customers, newest first, filtered by distributor (number or referral code) or one customer.</summary>
public sealed class IndexModel(MlmDbContext db) : PageModel
{
    public sealed record Row(Customer Customer, string SellerName, int SaleCount);

    [BindProperty(SupportsGet = true)]
    public string? Distributor { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Customer { get; set; }

    public Distributor? Seller { get; private set; }

    public bool UnknownDistributor { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        (Seller, UnknownDistributor) = await DistributorFilter.FindAsync(db, Distributor, ct);
        var customers = db.Customers.AsNoTracking();
        if (UnknownDistributor)
        {
            customers = customers.Where(_ => false);
        }
        else if (Seller is { } seller)
        {
            customers = customers.Where(c => c.DistributorId == seller.Id);
        }

        if (Customer is { } one)
        {
            customers = customers.Where(c => c.Id == one);
        }

        var rows = from c in customers
                   join d in db.Distributors on c.DistributorId equals d.Id
                   orderby c.Id descending
                   select new Row(c, d.Name, db.Sales.Count(s => s.CustomerId == c.Id));
        (Rows, Pager) = await Pager.ReadAsync(rows, Request, pageNumber, ct);
    }
}
