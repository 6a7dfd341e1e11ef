using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Network;
using Npgsql;
using NpgsqlTypes;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// The dashboard and network counters of a whole batch, summed in memory (one row per distributor and
/// month, one per beneficiary, month and level, one per network month and slot), then applied with one COPY into a temporary
/// table and one set-based upsert each, in ascending key order like single sales.
/// </summary>
internal sealed class BatchCounters
{
    private readonly Dictionary<(long Distributor, int Period), long[]> stats = [];
    private readonly Dictionary<(long Distributor, int Period, int Level), (long Cents, int Lines)> earnings = [];
    private readonly SortedDictionary<(int Period, int Slot), long[]> network = [];

    public void Add(Sale sale, TreeSnapshot tree)
    {
        var own = Row(sale.DistributorId, sale.PeriodKey);
        own[0] += 1;
        own[1] += sale.Total.Cents;
        own[2] += sale.Base.Cents;
        own[5] += sale.IsPersonalUse ? 0 : sale.Base.Cents;
        foreach (var ancestor in tree.TeamAncestors(sale.DistributorId))
        {
            var team = Row(ancestor, sale.PeriodKey);
            team[3] += 1;
            team[4] += sale.Base.Cents;
        }

        var slot = (sale.PeriodKey, NetworkMonthStats.SlotOf(sale.DistributorId));
        if (!network.TryGetValue(slot, out var month))
        {
            month = new long[Counters.NetworkDeltaColumns.Length];
            network[slot] = month;
        }

        month[0] += 1;
        month[1] += sale.Total.Cents;
        month[2] += sale.Base.Cents;
        foreach (var line in sale.Commissions)
        {
            month[Counters.NetworkColumnOf(line.Kind)] += line.Amount.Cents;
            var key = (line.BeneficiaryId, line.PeriodKey, line.Level);
            var (cents, lines) = earnings.GetValueOrDefault(key);
            earnings[key] = (cents + line.Amount.Cents, lines + 1);
        }
    }

    public async Task WriteAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await Execute(connection, """
            CREATE TEMP TABLE batch_stats (distributor_id bigint, period_key int, personal_sales_count int, personal_sales_total_cents bigint,
                personal_volume_cents bigint, team_sales_count int, team_volume_cents bigint, customer_volume_cents bigint) ON COMMIT DROP;
            CREATE TEMP TABLE batch_earnings (distributor_id bigint, period_key int, level int, amount_cents bigint, line_count int) ON COMMIT DROP;
            CREATE TEMP TABLE batch_network (period_key int, slot int, sales_count int, sales_total_cents bigint, sales_base_cents bigint,
                refunded_total_cents bigint, refunded_base_cents bigint, earned_cents bigint, reversed_cents bigint, forfeited_cents bigint) ON COMMIT DROP;
            """, ct);
        await using (var writer = await connection.BeginBinaryImportAsync("COPY batch_stats FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var ((distributor, period), v) in stats)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(distributor, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(period, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync((int)v[0], NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(v[1], NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(v[2], NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync((int)v[3], NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(v[4], NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(v[5], NpgsqlDbType.Bigint, ct);
            }

            await writer.CompleteAsync(ct);
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY batch_earnings FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var ((distributor, period, level), (cents, lines)) in earnings)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(distributor, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(period, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(level, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(cents, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(lines, NpgsqlDbType.Integer, ct);
            }

            await writer.CompleteAsync(ct);
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY batch_network FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var ((period, slot), v) in network)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(period, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(slot, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync((int)v[0], NpgsqlDbType.Integer, ct);
                foreach (var cents in v.Skip(1))
                {
                    await writer.WriteAsync(cents, NpgsqlDbType.Bigint, ct);
                }
            }

            await writer.CompleteAsync(ct);
        }

        // The network's month, then the earnings, then the earner totals: the order of every writer of them (Counters).
        await Execute(connection, """
            INSERT INTO distributor_month_stats (distributor_id, period_key, personal_sales_count, personal_sales_total_cents, personal_volume_cents, team_sales_count, team_volume_cents, customer_volume_cents)
            SELECT * FROM batch_stats ORDER BY distributor_id, period_key
            ON CONFLICT (distributor_id, period_key) DO UPDATE SET
                personal_sales_count = distributor_month_stats.personal_sales_count + excluded.personal_sales_count,
                personal_sales_total_cents = distributor_month_stats.personal_sales_total_cents + excluded.personal_sales_total_cents,
                personal_volume_cents = distributor_month_stats.personal_volume_cents + excluded.personal_volume_cents,
                customer_volume_cents = distributor_month_stats.customer_volume_cents + excluded.customer_volume_cents,
                team_sales_count = distributor_month_stats.team_sales_count + excluded.team_sales_count,
                team_volume_cents = distributor_month_stats.team_volume_cents + excluded.team_volume_cents;
            INSERT INTO network_month_stats (period_key, slot, sales_count, sales_total_cents, sales_base_cents, refunded_total_cents, refunded_base_cents, earned_cents, reversed_cents, forfeited_cents)
            SELECT * FROM batch_network ORDER BY period_key, slot
            ON CONFLICT (period_key, slot) DO UPDATE SET
                sales_count = network_month_stats.sales_count + excluded.sales_count,
                sales_total_cents = network_month_stats.sales_total_cents + excluded.sales_total_cents,
                sales_base_cents = network_month_stats.sales_base_cents + excluded.sales_base_cents,
                refunded_total_cents = network_month_stats.refunded_total_cents + excluded.refunded_total_cents,
                refunded_base_cents = network_month_stats.refunded_base_cents + excluded.refunded_base_cents,
                earned_cents = network_month_stats.earned_cents + excluded.earned_cents,
                reversed_cents = network_month_stats.reversed_cents + excluded.reversed_cents,
                forfeited_cents = network_month_stats.forfeited_cents + excluded.forfeited_cents;
            INSERT INTO distributor_earnings (distributor_id, period_key, level, amount_cents, line_count)
            SELECT * FROM batch_earnings ORDER BY distributor_id, period_key, level
            ON CONFLICT (distributor_id, period_key, level) DO UPDATE SET
                amount_cents = distributor_earnings.amount_cents + excluded.amount_cents,
                line_count = distributor_earnings.line_count + excluded.line_count;
            INSERT INTO earner_month_totals (distributor_id, period_key, amount_cents)
            SELECT distributor_id, period_key, SUM(amount_cents) FROM batch_earnings GROUP BY distributor_id, period_key ORDER BY distributor_id, period_key
            ON CONFLICT (distributor_id, period_key) DO UPDATE SET amount_cents = earner_month_totals.amount_cents + excluded.amount_cents;
            INSERT INTO earner_totals (distributor_id, amount_cents)
            SELECT distributor_id, SUM(amount_cents) FROM batch_earnings GROUP BY distributor_id ORDER BY distributor_id
            ON CONFLICT (distributor_id) DO UPDATE SET amount_cents = earner_totals.amount_cents + excluded.amount_cents;
            DROP TABLE batch_stats;
            DROP TABLE batch_earnings;
            DROP TABLE batch_network;
            """, ct);
    }

    private long[] Row(long distributor, int period)
    {
        if (!stats.TryGetValue((distributor, period), out var row))
        {
            row = new long[6];
            stats[(distributor, period)] = row;
        }

        return row;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
