using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Genealogy;

/// <summary>
/// A distributor's downline three levels deep, bounded however big the team: the biggest teams
/// first, at most <see cref="FirstLevel"/> x <see cref="SecondLevel"/> x <see cref="ThirdLevel"/>
/// people, read in three indexed queries with team sizes from the counters.
/// </summary>
public sealed class IndexModel(MlmDbContext db) : PageModel
{
    public const int FirstLevel = 50;
    public const int SecondLevel = 10;
    public const int ThirdLevel = 5;

    private ILookup<long, Member> children = Array.Empty<Member>().ToLookup(m => m.SponsorId);

    public Distributor Me { get; private set; } = null!;

    public IEnumerable<Member> Level(long sponsorId) => children[sponsorId];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await db.ForAsync(HttpContext, ct);
        if (me is null)
        {
            return Forbid();
        }

        Me = me;
        var first = await TopRecruitsAsync([me.Id], FirstLevel, ct);
        var second = await TopRecruitsAsync([.. first.Select(m => m.Id)], SecondLevel, ct);
        var third = await TopRecruitsAsync([.. second.Select(m => m.Id)], ThirdLevel, ct);
        children = first.Concat(second).Concat(third).ToLookup(m => m.SponsorId);
        return Page();
    }

    /// <summary>For each sponsor, their <paramref name="take"/> recruits with the biggest teams: one windowed query per level, on the (sponsor, team size) index.</summary>
    private async Task<List<Member>> TopRecruitsAsync(List<long> sponsors, int take, CancellationToken ct)
    {
        if (sponsors.Count == 0)
        {
            return [];
        }

        var names = sponsors.Select((_, i) => $"@s{i}").ToList();
        var sql = $"""
            SELECT id, sponsor_id, name, status, downline_count FROM (
                SELECT id, sponsor_id, name, status, downline_count,
                       ROW_NUMBER() OVER (PARTITION BY sponsor_id ORDER BY downline_count DESC, id) AS rank
                FROM distributors WHERE sponsor_id IN ({string.Join(", ", names)})
            ) ranked
            WHERE rank <= @take
            ORDER BY sponsor_id, rank
            """;
        var parameters = sponsors.Select((id, i) => ($"s{i}", (object)id)).Append(("take", take)).ToArray();
        return [.. await NetworkSql.QueryAsync(
            db,
            sql,
            r => new Member(r.Whole(0), r.Whole(1), r.GetString(2), (DistributorStatus)r.Whole(3), r.Whole(4)),
            ct,
            parameters)];
    }

    public sealed record Member(long Id, long SponsorId, string Name, DistributorStatus Status, long DownlineCount);
}
