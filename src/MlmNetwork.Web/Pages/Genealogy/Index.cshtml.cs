using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Genealogy;

/// <summary>
/// A distributor's downline three levels deep, bounded however big the team: the biggest teams
/// first, at most <see cref="FirstLevel"/> x <see cref="SecondLevel"/> x <see cref="ThirdLevel"/>
/// people, read in three indexed queries (<see cref="NetworkSql.TopRecruitsAsync"/>) with team sizes from the counters.
/// </summary>
public sealed class IndexModel(MlmDbContext db) : PageModel
{
    public const int FirstLevel = 50;
    public const int SecondLevel = 10;
    public const int ThirdLevel = 5;

    private ILookup<long, RecruitSummary> children = Array.Empty<RecruitSummary>().ToLookup(m => m.SponsorId);

    public Distributor Me { get; private set; } = null!;

    public IEnumerable<RecruitSummary> Level(long sponsorId) => children[sponsorId];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await db.ForAsync(HttpContext, ct);
        if (me is null)
        {
            return Forbid();
        }

        Me = me;
        var first = await NetworkSql.TopRecruitsAsync(db, [me.Id], FirstLevel, ct);
        var second = await NetworkSql.TopRecruitsAsync(db, [.. first.Select(m => m.Id)], SecondLevel, ct);
        var third = await NetworkSql.TopRecruitsAsync(db, [.. second.Select(m => m.Id)], ThirdLevel, ct);
        children = first.Concat(second).Concat(third).ToLookup(m => m.SponsorId);
        return Page();
    }

}
