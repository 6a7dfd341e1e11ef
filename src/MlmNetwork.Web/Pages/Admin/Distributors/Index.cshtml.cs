using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Distributors;

public sealed class IndexModel(MlmDbContext db) : PageModel
{
    public string? Query { get; private set; }

    public IReadOnlyList<Distributor> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(string? q, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        Query = q?.Trim();
        var query = DistributorSearch.Matching(db.Distributors.AsNoTracking(), Query);
        (Rows, Pager) = await Pager.ReadAsync(query.OrderByDescending(d => d.Id), Request, pageNumber, ct);
    }
}
