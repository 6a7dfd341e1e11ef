using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// Adds the volume of posted sales and refunds, waiting in <c>team_volume_queue</c>, to the team
/// counters of each seller's whole upline (the house excluded). Each round claims the oldest
/// waiting entries by deleting them and applies them in the same transaction, so an entry counts
/// exactly once even with several app instances running rounds; on PostgreSQL the claim skips the
/// entries another round has claimed and not yet committed (<c>FOR UPDATE SKIP LOCKED</c>), so
/// two instances' rounds take different entries instead of waiting on each other. The counters
/// are upserted in ascending key order, like every other writer of them, so rounds and batch
/// imports never deadlock.
/// </summary>
public sealed class TeamVolumeRollup(IDbContextFactory<MlmDbContext> contexts, ILogger<TeamVolumeRollup> logger)
{
    /// <summary>Entries one round claims: a few rounds a second keep up with far more sales than the API takes.</summary>
    public const int RoundSize = 500;

    /// <summary>Applies up to <see cref="RoundSize"/> waiting entries and says how many it applied.</summary>
    public Task<int> RunRoundAsync(CancellationToken ct) =>
        Retrying.RunAsync(contexts, logger, "team volume rollup", async db =>
        {
            if (!await db.TeamVolumeQueue.AnyAsync(ct))
            {
                return 0;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var skipLocked = db is NpgsqlMlmDbContext ? " FOR UPDATE SKIP LOCKED" : string.Empty;
            var claimed = await RawSql.QueryAsync(
                db,
                $"DELETE FROM team_volume_queue WHERE id IN (SELECT id FROM team_volume_queue ORDER BY id LIMIT @round{skipLocked}) RETURNING distributor_id, period_key, sale_count, volume_cents",
                r => (Seller: r.Whole(0), Period: (int)r.Whole(1), Sales: r.Whole(2), Cents: r.Whole(3)),
                ct,
                ("round", RoundSize));
            var sold = claimed
                .GroupBy(e => (e.Seller, e.Period))
                .Select(g => (g.Key.Seller, g.Key.Period, Sales: g.Sum(e => e.Sales), Cents: g.Sum(e => e.Cents)))
                .Where(s => s.Sales != 0 || s.Cents != 0)
                .ToList();
            if (sold.Count > 0)
            {
                await ApplyAsync(db, sold, ct);
            }

            await transaction.CommitAsync(ct);
            if (claimed.Count > 0)
            {
                logger.LogDebug("Rolled up {EntryCount} team volume entries from {SellerCount} sellers", claimed.Count, sold.Count);
            }

            return claimed.Count;
        }, ct);

    /// <summary>Runs rounds until nothing waits; says how many entries it applied.</summary>
    public async Task<int> DrainAsync(CancellationToken ct)
    {
        var total = 0;
        int applied;
        while ((applied = await RunRoundAsync(ct)) > 0)
        {
            total += applied;
        }

        return total;
    }

    private static Task<int> ApplyAsync(MlmDbContext db, List<(long Seller, int Period, long Sales, long Cents)> sold, CancellationToken ct)
    {
        var values = new StringBuilder("WITH RECURSIVE sold(seller_id, period_key, sale_count, volume_cents) AS (VALUES ");
        var parameters = new List<object>(sold.Count * 4 + 1) { Network.NetworkSql.MaxTreeDepth };
        foreach (var (seller, period, sales, cents) in sold)
        {
            var at = parameters.Count;
            values.Append(CultureInfo.InvariantCulture, $"{(at == 1 ? string.Empty : ", ")}({{{at}}}, {{{at + 1}}}, {{{at + 2}}}, {{{at + 3}}})");
            parameters.AddRange([seller, period, sales, cents]);
        }

        values.Append("""
            ),
            up(id, sponsor_id, is_house, period_key, sale_count, volume_cents, distance) AS (
                SELECT d.id, d.sponsor_id, d.is_house, s.period_key, s.sale_count, s.volume_cents, 1
                FROM sold s JOIN distributors seller ON seller.id = s.seller_id JOIN distributors d ON d.id = seller.sponsor_id
                UNION ALL
                SELECT d.id, d.sponsor_id, d.is_house, up.period_key, up.sale_count, up.volume_cents, up.distance + 1
                FROM up JOIN distributors d ON d.id = up.sponsor_id WHERE up.distance < {0}
            )
            INSERT INTO distributor_month_stats (distributor_id, period_key, personal_sales_count, personal_sales_total_cents, personal_volume_cents, team_sales_count, team_volume_cents)
            SELECT id, period_key, 0, 0, 0, SUM(sale_count), SUM(volume_cents) FROM up WHERE NOT is_house
            GROUP BY id, period_key ORDER BY id, period_key
            ON CONFLICT (distributor_id, period_key) DO UPDATE SET
                team_sales_count = distributor_month_stats.team_sales_count + excluded.team_sales_count,
                team_volume_cents = distributor_month_stats.team_volume_cents + excluded.team_volume_cents
            """);
        return db.Database.ExecuteSqlRawAsync(values.ToString(), parameters, ct);
    }
}
