using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Onboarding;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Team.Recruits;

/// <summary>
/// A sponsor's direct recruits, newest first, each with their getting-started checklist and
/// training progress, so the sponsor can coach them. Only one's own direct recruits.
/// </summary>
public sealed class IndexModel(MlmDbContext db) : PageModel
{
    public IReadOnlyList<Distributor> Recruits { get; private set; } = [];

    public IReadOnlyDictionary<long, GettingStarted> Checklists { get; private set; } = new Dictionary<long, GettingStarted>();

    public Pager Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        var me = await db.ForAsync(HttpContext, ct);
        if (me is null)
        {
            return Forbid();
        }

        (Recruits, Pager) = await Pager.ReadAsync(
            db.Distributors.AsNoTracking().Where(d => d.SponsorId == me.Id).OrderByDescending(d => d.Id),
            Request,
            pageNumber,
            ct);
        Checklists = await GettingStartedQuery.ForManyAsync(db, [.. Recruits], ct);
        return Page();
    }
}
