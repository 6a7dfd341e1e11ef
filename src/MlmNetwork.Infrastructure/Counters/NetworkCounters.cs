using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Network;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// The one writer of the network's own counters: distributors per depth and status
/// (<c>network_counts</c>) and sign-ups per day (<c>network_signup_days</c>), kept in the
/// transaction that enrols, changes a status or moves a subtree, always after the distributors'
/// rows (so the lock order is the same everywhere). The counters of sales and ledger lines are
/// kept by <see cref="Counters"/>. <see cref="BackfillAsync"/> fills every overview counter of a
/// database that had data before they existed.
/// </summary>
public static class NetworkCounters
{
    /// <summary>Counts a new distributor at their depth, as Active, on the day they joined.</summary>
    public static Task CountJoinAsync(MlmDbContext db, Distributor recruit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(recruit);
        return db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO network_counts (depth, status, count) VALUES ({0}, {1}, 1)
            ON CONFLICT (depth, status) DO UPDATE SET count = network_counts.count + 1;
            INSERT INTO network_signup_days (day_key, count) VALUES ({2}, 1)
            ON CONFLICT (day_key) DO UPDATE SET count = network_signup_days.count + 1;
            """,
            [recruit.Depth, (int)recruit.Status, NetworkSignupDay.KeyOf(recruit.JoinedAt)],
            ct);
    }

    /// <summary>Moves one distributor at <paramref name="depth"/> from one status's count to another's.</summary>
    public static Task CountStatusChangeAsync(MlmDbContext db, int depth, DistributorStatus from, DistributorStatus to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (first, second) = from < to ? ((int)from, (int)to) : ((int)to, (int)from);
        return db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO network_counts (depth, status, count) VALUES ({0}, {1}, {3}), ({0}, {2}, {4})
            ON CONFLICT (depth, status) DO UPDATE SET count = network_counts.count + excluded.count
            """,
            [depth, first, second, first == (int)from ? -1 : 1, first == (int)from ? 1 : -1],
            ct);
    }

    /// <summary>
    /// After a subtree moved <paramref name="delta"/> levels (its rows already at their new
    /// depths): each of its members leaves the count of their old depth for the new one.
    /// </summary>
    public static Task CountMoveAsync(MlmDbContext db, long subtreeRootId, int delta, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return delta == 0
            ? Task.CompletedTask
            : db.Database.ExecuteSqlRawAsync(
                """
                WITH RECURSIVE down(id, distance) AS (
                    SELECT id, 0 FROM distributors WHERE id = {0}
                    UNION ALL
                    SELECT c.id, down.distance + 1 FROM distributors c JOIN down ON c.sponsor_id = down.id WHERE down.distance < {2}
                ),
                moved(depth, status, members) AS (
                    SELECT d.depth, d.status, COUNT(*) FROM distributors d JOIN down ON d.id = down.id GROUP BY d.depth, d.status
                ),
                change(depth, status, delta) AS (
                    SELECT depth, status, members FROM moved
                    UNION ALL
                    SELECT depth - {1}, status, -members FROM moved
                )
                INSERT INTO network_counts (depth, status, count)
                SELECT depth, status, SUM(delta) FROM change GROUP BY depth, status ORDER BY depth, status
                ON CONFLICT (depth, status) DO UPDATE SET count = network_counts.count + excluded.count
                """,
                [subtreeRootId, delta, NetworkSql.MaxTreeDepth],
                ct);
    }

    /// <summary>
    /// Fills each overview counter that is empty while what it counts is not (a database that
    /// had distributors, sales or lines before the counters existed), from the data itself. Runs
    /// at start-up, before the app takes requests.
    /// </summary>
    public static async Task BackfillAsync(MlmDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var members = db.Distributors.AsNoTracking().Where(d => !d.IsHouse);
        if (!await db.NetworkCounts.AnyAsync(ct) && await members.AnyAsync(ct))
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO network_counts (depth, status, count) SELECT depth, status, COUNT(*) FROM distributors WHERE NOT is_house GROUP BY depth, status",
                ct);
        }

        if (!await db.NetworkSignupDays.AnyAsync(ct) && await members.AnyAsync(ct))
        {
            var days = new Dictionary<int, int>();
            await foreach (var joined in members.Select(d => d.JoinedAt).AsAsyncEnumerable().WithCancellation(ct))
            {
                var key = NetworkSignupDay.KeyOf(joined);
                days[key] = days.GetValueOrDefault(key) + 1;
            }

            db.NetworkSignupDays.AddRange(days.Select(d => new NetworkSignupDay { DayKey = d.Key, Count = d.Value }));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        if (!await db.NetworkMonthStats.AnyAsync(ct) && await db.Sales.AnyAsync(ct))
        {
            await BackfillNetworkMonthsAsync(db, ct);
        }

        if (!await db.EarnerTotals.AnyAsync(ct) && await db.DistributorEarnings.AnyAsync(ct))
        {
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO earner_month_totals (distributor_id, period_key, amount_cents)
                SELECT distributor_id, period_key, SUM(amount_cents) FROM distributor_earnings GROUP BY distributor_id, period_key;
                INSERT INTO earner_totals (distributor_id, amount_cents)
                SELECT distributor_id, SUM(amount_cents) FROM distributor_earnings GROUP BY distributor_id;
                """,
                ct);
        }
    }

    /// <summary>The network's months from the sales, refunds and lines (all in slot 0: readers add the slots up).</summary>
    private static async Task BackfillNetworkMonthsAsync(MlmDbContext db, CancellationToken ct)
    {
        var months = new SortedDictionary<int, long[]>();
        long[] Month(int period) => months.TryGetValue(period, out var row) ? row : months[period] = new long[Counters.NetworkDeltaColumns.Length];
        var sales = await RawSql.QueryAsync(
            db,
            "SELECT period_key, COUNT(*), SUM(total_cents), SUM(base_cents) FROM sales GROUP BY period_key",
            r => (Period: (int)r.Whole(0), Count: r.Whole(1), Total: r.Whole(2), Base: r.Whole(3)),
            ct);
        foreach (var (period, count, total, commissionBase) in sales)
        {
            var row = Month(period);
            (row[0], row[1], row[2]) = (row[0] + count, row[1] + total, row[2] + commissionBase);
        }

        await foreach (var refund in db.Set<SaleRefund>().AsNoTracking().Select(r => new { r.CreatedAt, r.Total, r.Base }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var row = Month(Period.Of(refund.CreatedAt).Key);
            (row[3], row[4]) = (row[3] + refund.Total.Cents, row[4] + refund.Base.Cents);
        }

        var lines = await RawSql.QueryAsync(
            db,
            "SELECT period_key, kind, SUM(amount_cents) FROM commission_lines GROUP BY period_key, kind",
            r => (Period: (int)r.Whole(0), Kind: (CommissionLineKind)r.Whole(1), Cents: r.Whole(2)),
            ct);
        foreach (var (period, kind, cents) in lines)
        {
            Month(period)[Counters.NetworkColumnOf(kind)] += cents;
        }

        db.NetworkMonthStats.AddRange(months.Select(m => new NetworkMonthStats
        {
            PeriodKey = m.Key,
            Slot = 0,
            SalesCount = (int)m.Value[0],
            SalesTotal = new Money(m.Value[1]),
            SalesBase = new Money(m.Value[2]),
            RefundedTotal = new Money(m.Value[3]),
            RefundedBase = new Money(m.Value[4]),
            Earned = new Money(m.Value[5]),
            Reversed = new Money(m.Value[6]),
            Forfeited = new Money(m.Value[7]),
        }));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
