using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Sales;

public sealed class IndexModel(MlmDbContext db) : PageModel
{
    public IReadOnlyList<Sale> SalesPage { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    /// <summary>The names of the customers the page's sales were made to.</summary>
    public IReadOnlyDictionary<long, string> CustomerNames { get; private set; } = new Dictionary<long, string>();

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        var me = await db.ForAsync(HttpContext, ct);
        if (me is null)
        {
            return Forbid();
        }

        (SalesPage, Pager) = await Pager.ReadAsync(
            db.Sales.AsNoTracking().Include(s => s.Lines).Where(s => s.DistributorId == me.Id).OrderByDescending(s => s.Id),
            Request,
            pageNumber,
            ct);
        var customers = SalesPage.Where(s => s.CustomerId is not null).Select(s => s.CustomerId!.Value).Distinct().ToList();
        CustomerNames = await db.Customers.AsNoTracking().Where(c => customers.Contains(c.Id) && c.DistributorId == me.Id).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return Page();
    }
}
