using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Plans;

namespace MlmNetwork.Web.Pages.Admin;

public sealed class IndexModel(MlmDbContext db, BusinessClock clock) : PageModel
{
    public Distributor House { get; private set; } = null!;

    public CommissionPlan? Plan { get; private set; }

    public int ActiveProducts { get; private set; }

    public IReadOnlyList<SaleRow> LatestSales { get; private set; } = [];

    public IReadOnlyList<Distributor> Newest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        House = await db.Distributors.AsNoTracking().SingleAsync(d => d.IsHouse, ct);
        Plan = await CommissionPlans.InForceAtAsync(db, clock.UtcNow, ct);
        ActiveProducts = await db.Products.CountAsync(p => p.IsActive, ct);
        LatestSales = await db.Sales.AsNoTracking()
            .OrderByDescending(s => s.Id).Take(10)
            .Join(db.Distributors, s => s.DistributorId, d => d.Id, (s, d) => new SaleRow(s.Id, s.DistributorId, d.Name, s.Total))
            .ToListAsync(ct);
        Newest = await db.Distributors.AsNoTracking().Where(d => !d.IsHouse).OrderByDescending(d => d.Id).Take(10).ToListAsync(ct);
    }

    public sealed record SaleRow(long Id, long DistributorId, string SellerName, Money Total);
}
