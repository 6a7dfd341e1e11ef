using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Network;

/// <summary>
/// The sponsor tree in set-based SQL, written once for both providers (PostgreSQL and SQLite
/// share WITH RECURSIVE): the chain a sale pays, uplines, and the tree's own counters (downline
/// and direct recruits, people per level, team growth per month, depth), the one place they are
/// written. Every statement runs in the caller's transaction. Sales counters live in
/// <see cref="Counters"/>; the genealogy's reads in <see cref="GenealogyQuery"/>.
/// </summary>
public static class NetworkSql
{
    /// <summary>A cycle can never be stored (rule 8), but a walk up the tree still stops here rather than loop.</summary>
    public const int MaxTreeDepth = 1_000_000;

    /// <summary>
    /// The seller and as many ancestors as <paramref name="plan"/> needs, nearest first, in one
    /// query: without compression one per level, with compression until as many earning
    /// ancestors were seen.
    /// </summary>
    public static async Task<IReadOnlyList<UplineMember>> ChainForAsync(MlmDbContext db, long sellerId, CommissionPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        const string sql = """
            WITH RECURSIVE chain(id, sponsor_id, is_house, status, distance, earning_seen) AS (
                SELECT id, sponsor_id, is_house, status, 0, 0 FROM distributors WHERE id = @seller
                UNION ALL
                SELECT d.id, d.sponsor_id, d.is_house, d.status, c.distance + 1,
                       c.earning_seen + CASE WHEN d.is_house OR d.status <> 0 THEN 0 ELSE 1 END
                FROM distributors d JOIN chain c ON d.id = c.sponsor_id
                WHERE c.distance < @maxDepth
                  AND ((@compression = 1 AND c.earning_seen < @levels) OR (@compression = 0 AND c.distance < @levels))
            )
            SELECT id, distance, is_house, status FROM chain ORDER BY distance
            """;
        return await ReadChainAsync(db, sql, ct, ("seller", sellerId), ("maxDepth", MaxTreeDepth), ("compression", plan.Compression ? 1 : 0), ("levels", plan.LevelCount));
    }

    /// <summary>The whole upline of a distributor, nearest first (the distributor itself at distance 0).</summary>
    public static Task<IReadOnlyList<UplineMember>> FullUplineAsync(MlmDbContext db, long distributorId, CancellationToken ct)
    {
        const string sql = """
            WITH RECURSIVE chain(id, sponsor_id, is_house, status, distance) AS (
                SELECT id, sponsor_id, is_house, status, 0 FROM distributors WHERE id = @id
                UNION ALL
                SELECT d.id, d.sponsor_id, d.is_house, d.status, c.distance + 1
                FROM distributors d JOIN chain c ON d.id = c.sponsor_id
                WHERE c.distance < @maxDepth
            )
            SELECT id, distance, is_house, status FROM chain ORDER BY distance
            """;
        return ReadChainAsync(db, sql, ct, ("id", distributorId), ("maxDepth", MaxTreeDepth));
    }

    /// <summary>
    /// The levels below a distributor that are counted one by one (as deep as any plan can pay,
    /// <see cref="CommissionPlan.MaxLevels"/>); everybody deeper is the rest of the downline count.
    /// </summary>
    public const int CountedLevels = CommissionPlan.MaxLevels;

    /// <summary>
    /// Counts a new recruit in the tree's counters, in the caller's transaction: one direct
    /// recruit more for the sponsor; one more person in the downline of every ancestor, at their
    /// level (up to <see cref="CountedLevels"/>) and in the month the recruit joined.
    /// </summary>
    public static async Task CountRecruitAsync(MlmDbContext db, Distributor recruit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(recruit);
        var sponsorId = recruit.SponsorId ?? throw new InvalidOperationException("The house account is nobody's recruit.");
        await MoveSubtreeCountsAsync(db, sponsorId, 1, ct);
        await AddTeamAsync(db, recruit.Id, sponsorId, Period.Of(recruit.JoinedAt).Key, 1, ct);
    }

    /// <summary>
    /// Moves the counters of <paramref name="moved"/>'s team (them and their whole downline),
    /// already placed under their new sponsor, from the old upline to the new one: direct and
    /// downline counts, per-level counts, team growth per month, and everybody's depth.
    /// </summary>
    public static async Task MoveTeamAsync(MlmDbContext db, Distributor moved, long oldSponsorId, int oldDepth, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(moved);
        var newSponsorId = moved.SponsorId ?? throw new InvalidOperationException("The house account cannot move.");
        var size = 1 + moved.DownlineCount;
        var joined = Period.Of(moved.JoinedAt).Key;
        await MoveSubtreeCountsAsync(db, oldSponsorId, -size, ct);
        await AddTeamAsync(db, moved.Id, oldSponsorId, joined, -1, ct);
        await MoveSubtreeCountsAsync(db, newSponsorId, size, ct);
        await AddTeamAsync(db, moved.Id, newSponsorId, joined, 1, ct);
        await ShiftDownlineDepthAsync(db, moved.Id, moved.Depth - oldDepth, ct);
    }

    /// <summary>
    /// One direct recruit more (or fewer) for <paramref name="sponsorId"/>, and
    /// <paramref name="size"/> people more (or fewer) in the downline count of the sponsor and
    /// every ancestor.
    /// </summary>
    private static async Task MoveSubtreeCountsAsync(MlmDbContext db, long sponsorId, long size, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE distributors SET direct_recruit_count = direct_recruit_count + {1} WHERE id = {0}", [sponsorId, Math.Sign(size)], ct);
        await db.Database.ExecuteSqlRawAsync(
            """
            WITH RECURSIVE up(id, sponsor_id, distance) AS (
                SELECT id, sponsor_id, 0 FROM distributors WHERE id = {0}
                UNION ALL
                SELECT d.id, d.sponsor_id, up.distance + 1 FROM distributors d JOIN up ON d.id = up.sponsor_id WHERE up.distance < {1}
            )
            UPDATE distributors SET downline_count = downline_count + {2} WHERE id IN (SELECT id FROM up)
            """,
            [sponsorId, MaxTreeDepth, size],
            ct);
    }

    /// <summary>
    /// Adds (<paramref name="sign"/> 1) or takes away (-1) the team of <paramref name="memberId"/>
    /// (the member, who joined in <paramref name="joinedKey"/>, and the downline their own counters
    /// describe) in the per-level and per-month counters of <paramref name="sponsorId"/> and every
    /// ancestor above. Rows are written in key order, like every other counter writer; rows that
    /// fall to zero are removed, so the counters always equal a recount of the tree.
    /// </summary>
    private static Task<int> AddTeamAsync(MlmDbContext db, long memberId, long sponsorId, int joinedKey, int sign, CancellationToken ct)
    {
        object[] parameters = [sponsorId, memberId, CountedLevels, MaxTreeDepth, (long)sign, joinedKey];
        return sign > 0
            ? db.Database.ExecuteSqlRawAsync(AddTeamSql, parameters, ct)
            : db.Database.ExecuteSqlRawAsync(TakeTeamSql, parameters, ct);
    }

    /// <summary>The team's per-level and per-month counts added to the upline ({4}: 1 or -1).</summary>
    private const string AddTeamSql = """
            WITH RECURSIVE up(id, sponsor_id, distance) AS (
                SELECT id, sponsor_id, 1 FROM distributors WHERE id = {0}
                UNION ALL
                SELECT d.id, d.sponsor_id, up.distance + 1 FROM distributors d JOIN up ON d.id = up.sponsor_id WHERE up.distance < {2}
            ),
            team(level, member_count) AS (
                SELECT 0, 1
                UNION ALL
                SELECT level, member_count FROM downline_levels WHERE distributor_id = {1}
            )
            INSERT INTO downline_levels (distributor_id, level, member_count)
            SELECT up.id, up.distance + team.level, {4} * team.member_count FROM up JOIN team ON up.distance + team.level <= {2}
            WHERE 1 = 1
            ORDER BY up.id, up.distance + team.level
            ON CONFLICT (distributor_id, level) DO UPDATE SET member_count = downline_levels.member_count + excluded.member_count;

            WITH RECURSIVE up(id, sponsor_id, distance) AS (
                SELECT id, sponsor_id, 1 FROM distributors WHERE id = {0}
                UNION ALL
                SELECT d.id, d.sponsor_id, up.distance + 1 FROM distributors d JOIN up ON d.id = up.sponsor_id WHERE up.distance < {3}
            ),
            team(period_key, joined_count) AS (
                SELECT {5}, 1
                UNION ALL
                SELECT period_key, joined_count FROM downline_growth WHERE distributor_id = {1}
            )
            INSERT INTO downline_growth (distributor_id, period_key, joined_count)
            SELECT up.id, team.period_key, {4} * SUM(team.joined_count) FROM up CROSS JOIN team
            WHERE 1 = 1
            GROUP BY up.id, team.period_key
            ORDER BY up.id, team.period_key
            ON CONFLICT (distributor_id, period_key) DO UPDATE SET joined_count = downline_growth.joined_count + excluded.joined_count;
        """;

    /// <summary>The same taken away, then the upline's rows that fell to zero removed.</summary>
    private const string TakeTeamSql = AddTeamSql + """


            WITH RECURSIVE up(id, sponsor_id, distance) AS (
                SELECT id, sponsor_id, 1 FROM distributors WHERE id = {0}
                UNION ALL
                SELECT d.id, d.sponsor_id, up.distance + 1 FROM distributors d JOIN up ON d.id = up.sponsor_id WHERE up.distance < {3}
            )
            DELETE FROM downline_levels WHERE member_count = 0 AND distributor_id IN (SELECT id FROM up);

            WITH RECURSIVE up(id, sponsor_id, distance) AS (
                SELECT id, sponsor_id, 1 FROM distributors WHERE id = {0}
                UNION ALL
                SELECT d.id, d.sponsor_id, up.distance + 1 FROM distributors d JOIN up ON d.id = up.sponsor_id WHERE up.distance < {3}
            )
            DELETE FROM downline_growth WHERE joined_count = 0 AND distributor_id IN (SELECT id FROM up);
        """;

    /// <summary>Shifts the depth of everybody below <paramref name="distributorId"/> by <paramref name="delta"/> (after a move).</summary>
    private static Task<int> ShiftDownlineDepthAsync(MlmDbContext db, long distributorId, int delta, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(
            """
            WITH RECURSIVE down(id, distance) AS (
                SELECT id, 1 FROM distributors WHERE sponsor_id = {0}
                UNION ALL
                SELECT c.id, down.distance + 1 FROM distributors c JOIN down ON c.sponsor_id = down.id WHERE down.distance < {2}
            )
            UPDATE distributors SET depth = depth + {1} WHERE id IN (SELECT id FROM down)
            """,
            [distributorId, delta, MaxTreeDepth],
            ct);

    private static Task<IReadOnlyList<UplineMember>> ReadChainAsync(MlmDbContext db, string sql, CancellationToken ct, params (string Name, object Value)[] parameters) =>
        RawSql.QueryAsync(
            db,
            sql,
            reader => new UplineMember(
                Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
                Convert.ToBoolean(reader.GetValue(2), CultureInfo.InvariantCulture),
                (DistributorStatus)Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture)),
            ct,
            parameters);
}
