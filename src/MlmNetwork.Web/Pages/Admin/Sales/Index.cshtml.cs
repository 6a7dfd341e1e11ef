using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Sales;

public sealed class IndexModel(MlmDbContext db) : PageModel
{
    public long? DistributorId { get; private set; }

    public IReadOnlyList<SaleRow> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(long? distributorId, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        DistributorId = distributorId;
        var sales = db.Sales.AsNoTracking();
        if (distributorId is not null)
        {
            sales = sales.Where(s => s.DistributorId == distributorId);
        }

        var rows = sales
            .OrderByDescending(s => s.Id)
            .Join(db.Distributors, s => s.DistributorId, d => d.Id, (s, d) => new SaleRow(s.Id, s.CreatedAt, s.DistributorId, d.Name, s.Total, s.Base, s.PlanVersion, s.ExternalId, s.StarterKitId != null));
        (Rows, Pager) = await Pager.ReadAsync(rows, Request, pageNumber, ct);
    }

    public sealed record SaleRow(long Id, DateTime CreatedAt, long DistributorId, string SellerName, Money Total, Money Base, int PlanVersion, string? ExternalId, bool StarterKit = false);
}
