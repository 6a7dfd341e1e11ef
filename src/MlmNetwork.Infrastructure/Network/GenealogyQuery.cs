using System.Data.Common;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Network;

/// <summary>A person in the genealogy: who they are, and their counters this month.</summary>
public sealed record TreeMember(long Id, string Name, DateTime JoinedAt, DistributorStatus Status, int DirectRecruits, long DownlineCount, Money PersonalVolume, Money TeamVolume)
{
    /// <summary>Where the next page of a sponsor's recruits starts after this one (see <see cref="GenealogyQuery.ChildrenAsync"/>).</summary>
    public TreeCursor Cursor => new(DownlineCount, Id);
}

/// <summary>A place in a sponsor's list of recruits (biggest teams first, then the newest): the next page starts after it.</summary>
public readonly record struct TreeCursor(long DownlineCount, long Id)
{
    public static readonly TreeCursor Start = new(long.MaxValue, long.MaxValue);
}

/// <summary>One step of a path down the tree.</summary>
public sealed record PathStep(long Id, string Name);

/// <summary>How many people stand at one level below somebody.</summary>
public sealed record LevelCount(int Level, long Members);

/// <summary>One page of a sponsor's recruits, and whether more follow.</summary>
public sealed record RecruitPage(IReadOnlyList<TreeMember> Members, bool HasMore);

/// <summary>A node of the viewer's tree as its page shows it: the path from the viewer, the node, its per-level counts and the first recruits.</summary>
public sealed record GenealogyView(IReadOnlyList<PathStep> Path, TreeMember Node, IReadOnlyList<LevelCount> Levels, RecruitPage Recruits);

/// <summary>A search hit in the viewer's downline with the path to it, the viewer first and the hit last.</summary>
public sealed record SearchHit(IReadOnlyList<PathStep> Path)
{
    public PathStep Member => Path[^1];
}

/// <summary>The outcome of a search: at most the asked number of hits, and whether more matched.</summary>
public sealed record SearchResult(IReadOnlyList<SearchHit> Hits, bool HasMore);

/// <summary>
/// A distributor's genealogy, read so that its cost never depends on the size of the team:
/// a node's recruits a page at a time from the (sponsor, team size, id) index, every figure from
/// counters (team size, direct recruits, per-level counts, this month's volumes). Every read
/// first walks from the asked node up to the viewer, so nobody reads outside their own
/// downline. SQL written once for PostgreSQL and SQLite.
/// </summary>
public static class GenealogyQuery
{
    public const int PageSize = 50;

    /// <summary>Search hits shown at most.</summary>
    public const int SearchHits = 20;

    /// <summary>
    /// People whose name or e-mail matches, network-wide, that a search checks one by one for
    /// being in the viewer's downline; a term matching more is searched by walking the downline instead.
    /// </summary>
    public const int SearchCandidates = 1000;

    private const string MemberColumns = """
        d.id, d.name, d.joined_at, d.status, d.direct_recruit_count, d.downline_count,
        COALESCE(s.personal_volume_cents, 0), COALESCE(s.team_volume_cents, 0)
        FROM distributors d LEFT JOIN distributor_month_stats s ON s.distributor_id = d.id AND s.period_key = @period
        """;

    /// <summary>From the node up to the viewer's depth: the path, if the node is the viewer or below them.</summary>
    private const string PathSql = """
        WITH RECURSIVE up(id, sponsor_id, name, depth) AS (
            SELECT id, sponsor_id, name, depth FROM distributors WHERE id = @node AND depth >= @viewerDepth
            UNION ALL
            SELECT d.id, d.sponsor_id, d.name, d.depth FROM distributors d JOIN up ON d.id = up.sponsor_id WHERE up.depth > @viewerDepth
        )
        SELECT id, name FROM up ORDER BY depth;
        """;

    private const string ChildrenSql = $"""
        SELECT {MemberColumns}
        WHERE d.sponsor_id = @node AND (d.downline_count, d.id) < (@afterTeam, @afterId)
        ORDER BY d.downline_count DESC, d.id DESC
        LIMIT @take;
        """;

    /// <summary>
    /// The node's page: the path from the viewer to it, its own figures, its per-level counts
    /// and the first page of its recruits (after <paramref name="after"/>), in one round trip.
    /// Null when the node is neither the viewer nor in the viewer's downline.
    /// </summary>
    public static Task<GenealogyView?> ViewAsync(MlmDbContext db, Distributor viewer, long nodeId, TreeCursor after, Period period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        const string sql = PathSql + $"""
            SELECT {MemberColumns} WHERE d.id = @node;
            SELECT level, member_count FROM downline_levels WHERE distributor_id = @node ORDER BY level;
            """ + ChildrenSql;
        return RawSql.ReadAsync(db, sql, async reader =>
        {
            var path = await RawSql.RowsThenNextAsync(reader, ReadStep, ct);
            var node = await RawSql.RowsThenNextAsync(reader, ReadMember, ct);
            var levels = await RawSql.RowsThenNextAsync(reader, r => new LevelCount((int)r.Whole(0), r.Whole(1)), ct);
            var children = await RawSql.RowsAsync(reader, ReadMember, ct);
            return Reaches(path, viewer) && node.Count == 1
                ? new GenealogyView(path, node[0], levels, Page(children))
                : null;
        }, ct, [.. Parameters(viewer, nodeId, after, period)]);
    }

    /// <summary>One page of a node's recruits, biggest teams first (then the newest); null when the node is not the viewer's or below them.</summary>
    public static Task<RecruitPage?> ChildrenAsync(MlmDbContext db, Distributor viewer, long nodeId, TreeCursor after, Period period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return RawSql.ReadAsync(db, PathSql + ChildrenSql, async reader =>
        {
            var path = await RawSql.RowsThenNextAsync(reader, ReadStep, ct);
            var children = await RawSql.RowsAsync(reader, ReadMember, ct);
            return Reaches(path, viewer) ? Page(children) : null;
        }, ct, [.. Parameters(viewer, nodeId, after, period)]);
    }

    /// <summary>
    /// People in the viewer's downline whose name or e-mail contains <paramref name="term"/>
    /// (folded like <see cref="Distributor.SearchKey"/>: any case, Cyrillic included), nearest
    /// first, each with the path from the viewer. Those matching anywhere in the network are
    /// found first (an index on PostgreSQL) and kept when they stand below the viewer; a term
    /// that matches too many people for that is looked for by walking the viewer's downline,
    /// which stops at the first <see cref="SearchHits"/>.
    /// </summary>
    public static async Task<SearchResult> SearchAsync(MlmDbContext db, Distributor viewer, string term, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var pattern = SearchKeys.ContainsPattern(term);
        var candidates = await RawSql.QueryAsync(
            db,
            @"SELECT id FROM distributors WHERE search_key LIKE @pattern ESCAPE '\' AND depth > @viewerDepth LIMIT @cap",
            r => r.Whole(0),
            ct,
            ("pattern", pattern),
            ("viewerDepth", viewer.Depth),
            ("cap", SearchCandidates + 1));
        if (candidates.Count > SearchCandidates)
        {
            candidates = await RawSql.QueryAsync(
                db,
                """
                WITH RECURSIVE down(id, search_key, distance) AS (
                    SELECT id, search_key, 1 FROM distributors WHERE sponsor_id = @viewer
                    UNION ALL
                    SELECT d.id, d.search_key, down.distance + 1 FROM distributors d JOIN down ON d.sponsor_id = down.id WHERE down.distance < @maxDepth
                )
                SELECT id FROM down WHERE search_key LIKE @pattern ESCAPE '\' LIMIT @take
                """,
                r => r.Whole(0),
                ct,
                ("viewer", viewer.Id),
                ("maxDepth", NetworkSql.MaxTreeDepth),
                ("pattern", pattern),
                ("take", SearchHits + 1));
        }

        var hits = await PathsAsync(db, viewer, candidates, ct);
        var nearest = hits.OrderBy(h => h.Path.Count).ThenBy(h => h.Member.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(h => h.Member.Id).ToList();
        return new SearchResult([.. nearest.Take(SearchHits)], nearest.Count > SearchHits);
    }

    /// <summary>
    /// The paths from the viewer to each of <paramref name="ids"/> that stands below them, read
    /// in one walk up from all of them together (shared ancestors are read once).
    /// </summary>
    private static async Task<List<SearchHit>> PathsAsync(MlmDbContext db, Distributor viewer, IReadOnlyList<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var (list, parameters) = IdList(db, ids);
        var rows = await RawSql.QueryAsync(
            db,
            $"""
            WITH RECURSIVE up(id, sponsor_id, name, depth) AS (
                SELECT id, sponsor_id, name, depth FROM distributors WHERE id {list}
                UNION
                SELECT d.id, d.sponsor_id, d.name, d.depth FROM distributors d JOIN up ON d.id = up.sponsor_id WHERE up.depth > @viewerDepth
            )
            SELECT id, sponsor_id, name, depth FROM up
            """,
            r => (Id: r.Whole(0), SponsorId: r.IsDBNull(1) ? (long?)null : r.Whole(1), Name: r.GetString(2), Depth: (int)r.Whole(3)),
            ct,
            [.. parameters, ("viewerDepth", viewer.Depth)]);
        var byId = rows.ToDictionary(r => r.Id);
        var hits = new List<SearchHit>();
        foreach (var id in ids.Distinct())
        {
            var path = new List<PathStep>();
            for (var at = byId.GetValueOrDefault(id); at.Id != 0; at = at.SponsorId is { } up ? byId.GetValueOrDefault(up) : default)
            {
                path.Add(new PathStep(at.Id, at.Name));
                if (at.Depth <= viewer.Depth)
                {
                    break;
                }
            }

            path.Reverse();
            if (path.Count > 1 && Reaches(path, viewer))
            {
                hits.Add(new SearchHit(path));
            }
        }

        return hits;
    }

    private static (string Sql, (string Name, object Value)[] Parameters) IdList(MlmDbContext db, IReadOnlyList<long> ids) =>
        db is NpgsqlMlmDbContext
            ? ("= ANY(@ids)", [("ids", ids.ToArray())])
            : ($"IN ({string.Join(", ", ids.Select((_, i) => $"@i{i}"))})", [.. ids.Select((id, i) => ($"i{i}", (object)id))]);

    /// <summary>A path read upwards is the viewer's when it ends (its first step) at the viewer.</summary>
    private static bool Reaches(List<PathStep> path, Distributor viewer) => path.Count > 0 && path[0].Id == viewer.Id;

    private static RecruitPage Page(List<TreeMember> rows) => new([.. rows.Take(PageSize)], rows.Count > PageSize);

    private static IEnumerable<(string, object)> Parameters(Distributor viewer, long nodeId, TreeCursor after, Period period) =>
    [
        ("node", nodeId),
        ("viewerDepth", viewer.Depth),
        ("period", period.Key),
        ("afterTeam", after.DownlineCount),
        ("afterId", after.Id),
        ("take", PageSize + 1),
    ];

    private static PathStep ReadStep(DbDataReader r) => new(r.Whole(0), r.GetString(1));

    private static TreeMember ReadMember(DbDataReader r) => new(
        r.Whole(0),
        r.GetString(1),
        DateTime.SpecifyKind(r.GetDateTime(2), DateTimeKind.Utc),
        (DistributorStatus)r.Whole(3),
        (int)r.Whole(4),
        r.Whole(5),
        new Money(r.Whole(6)),
        new Money(r.Whole(7)));
}
