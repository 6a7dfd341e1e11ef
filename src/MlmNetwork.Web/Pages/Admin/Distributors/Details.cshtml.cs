using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Distributors;

public sealed class DetailsModel(MlmDbContext db) : PageModel
{
    public Distributor Distributor { get; private set; } = null!;

    public Distributor? Sponsor { get; private set; }

    public Money Balance { get; private set; }

    public IReadOnlyList<Distributor> Recruits { get; private set; } = [];

    public IReadOnlyList<Sale> Sales { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var distributor = await db.Distributors.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (distributor is null)
        {
            return NotFound();
        }

        Distributor = distributor;
        Sponsor = distributor.SponsorId is { } sponsorId ? await db.Distributors.AsNoTracking().FirstOrDefaultAsync(d => d.Id == sponsorId, ct) : null;
        Balance = Money.Sum(await db.DistributorEarnings.Where(e => e.DistributorId == id).Select(e => e.Amount).ToListAsync(ct));
        Recruits = await db.Distributors.AsNoTracking().Where(d => d.SponsorId == id).OrderByDescending(d => d.Id).Take(20).ToListAsync(ct);
        Sales = await db.Sales.AsNoTracking().Where(s => s.DistributorId == id).OrderByDescending(s => s.Id).Take(10).ToListAsync(ct);
        return Page();
    }
}
