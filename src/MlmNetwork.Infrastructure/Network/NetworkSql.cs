using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Network;

/// <summary>
/// The sponsor tree in set-based SQL, written once for both providers (PostgreSQL and SQLite
/// share WITH RECURSIVE): the chain a sale pays, uplines, top recruits, and the tree's own
/// counters (downline and direct recruits, depth). Every statement runs in the caller's
/// transaction. Sales counters live in <see cref="Counters"/>.
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
    /// For each sponsor, their <paramref name="take"/> recruits with the biggest teams (ties:
    /// the earliest first), sponsor by sponsor. On PostgreSQL each sponsor's top recruits are
    /// the first entries of the (sponsor, team size, id) index, so the cost does not grow with
    /// how many recruits they have; SQLite ranks them with a window function.
    /// </summary>
    public static async Task<IReadOnlyList<RecruitSummary>> TopRecruitsAsync(MlmDbContext db, IReadOnlyList<long> sponsors, int take, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sponsors);
        if (sponsors.Count == 0)
        {
            return [];
        }

        static RecruitSummary Map(DbDataReader r) =>
            new(r.Whole(0), r.Whole(1), r.GetString(2), (DistributorStatus)r.Whole(3), r.Whole(4));
        if (db is NpgsqlMlmDbContext)
        {
            const string lateral = """
                SELECT c.id, c.sponsor_id, c.name, c.status, c.downline_count
                FROM unnest(@sponsors) WITH ORDINALITY AS s(id, position)
                CROSS JOIN LATERAL (
                    SELECT id, sponsor_id, name, status, downline_count FROM distributors
                    WHERE sponsor_id = s.id ORDER BY downline_count DESC, id LIMIT @take
                ) c
                ORDER BY s.position, c.downline_count DESC, c.id
                """;
            return await RawSql.QueryAsync(db, lateral, Map, ct, ("sponsors", sponsors.ToArray()), ("take", take));
        }

        var names = sponsors.Select((_, i) => $"@s{i}").ToList();
        var windowed = $"""
            SELECT id, sponsor_id, name, status, downline_count FROM (
                SELECT id, sponsor_id, name, status, downline_count,
                       ROW_NUMBER() OVER (PARTITION BY sponsor_id ORDER BY downline_count DESC, id) AS rank
                FROM distributors WHERE sponsor_id IN ({string.Join(", ", names)})
            ) ranked
            WHERE rank <= @take
            ORDER BY sponsor_id, rank
            """;
        return await RawSql.QueryAsync(db, windowed, Map, ct, [.. sponsors.Select((id, i) => ($"s{i}", (object)id)), ("take", take)]);
    }

    /// <summary>Adds a new recruit to the sponsor's direct count and to the downline count of the sponsor and every ancestor.</summary>
    public static Task CountRecruitAsync(MlmDbContext db, long sponsorId, CancellationToken ct) =>
        MoveSubtreeCountsAsync(db, sponsorId, 1, ct);

    /// <summary>
    /// Adds (or with a negative size removes) a subtree of <paramref name="size"/> people under
    /// <paramref name="sponsorId"/>: one direct recruit more (or fewer) for the sponsor, and the
    /// size on the downline count of the sponsor and every ancestor.
    /// </summary>
    public static async Task MoveSubtreeCountsAsync(MlmDbContext db, long sponsorId, long size, CancellationToken ct)
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

    /// <summary>Shifts the depth of everybody below <paramref name="distributorId"/> by <paramref name="delta"/> (after a move).</summary>
    public static Task ShiftDownlineDepthAsync(MlmDbContext db, long distributorId, int delta, CancellationToken ct) =>
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
