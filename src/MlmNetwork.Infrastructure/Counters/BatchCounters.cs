using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Network;
using Npgsql;
using NpgsqlTypes;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// The dashboard counters of a whole batch, summed in memory (one row per distributor and
/// month, one per beneficiary, month and level), then applied with one COPY into a temporary
/// table and one set-based upsert each, in ascending key order like single sales.
/// </summary>
internal sealed class BatchCounters
{
    private readonly Dictionary<(long Distributor, int Period), long[]> stats = [];
    private readonly Dictionary<(long Distributor, int Period, int Level), (long Cents, int Lines)> earnings = [];

    public void Add(Sale sale, TreeSnapshot tree)
    {
        var own = Row(sale.DistributorId, sale.PeriodKey);
        own[0] += 1;
        own[1] += sale.Total.Cents;
        own[2] += sale.Base.Cents;
        foreach (var ancestor in tree.TeamAncestors(sale.DistributorId))
        {
            var team = Row(ancestor, sale.PeriodKey);
            team[3] += 1;
            team[4] += sale.Base.Cents;
        }

        foreach (var line in sale.Commissions)
        {
            var key = (line.BeneficiaryId, line.PeriodKey, line.Level);
            var (cents, lines) = earnings.GetValueOrDefault(key);
            earnings[key] = (cents + line.Amount.Cents, lines + 1);
        }
    }

    public async Task WriteAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await Execute(connection, """
            CREATE TEMP TABLE batch_stats (distributor_id bigint, period_key int, personal_sales_count int, personal_sales_total_cents bigint,
                personal_volume_cents bigint, team_sales_count int, team_volume_cents bigint) ON COMMIT DROP;
            CREATE TEMP TABLE batch_earnings (distributor_id bigint, period_key int, level int, amount_cents bigint, line_count int) ON COMMIT DROP;
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

        await Execute(connection, """
            INSERT INTO distributor_month_stats (distributor_id, period_key, personal_sales_count, personal_sales_total_cents, personal_volume_cents, team_sales_count, team_volume_cents)
            SELECT * FROM batch_stats ORDER BY distributor_id, period_key
            ON CONFLICT (distributor_id, period_key) DO UPDATE SET
                personal_sales_count = distributor_month_stats.personal_sales_count + excluded.personal_sales_count,
                personal_sales_total_cents = distributor_month_stats.personal_sales_total_cents + excluded.personal_sales_total_cents,
                personal_volume_cents = distributor_month_stats.personal_volume_cents + excluded.personal_volume_cents,
                team_sales_count = distributor_month_stats.team_sales_count + excluded.team_sales_count,
                team_volume_cents = distributor_month_stats.team_volume_cents + excluded.team_volume_cents;
            INSERT INTO distributor_earnings (distributor_id, period_key, level, amount_cents, line_count)
            SELECT * FROM batch_earnings ORDER BY distributor_id, period_key, level
            ON CONFLICT (distributor_id, period_key, level) DO UPDATE SET
                amount_cents = distributor_earnings.amount_cents + excluded.amount_cents,
                line_count = distributor_earnings.line_count + excluded.line_count;
            DROP TABLE batch_stats;
            DROP TABLE batch_earnings;
            """, ct);
    }

    private long[] Row(long distributor, int period)
    {
        if (!stats.TryGetValue((distributor, period), out var row))
        {
            row = new long[5];
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
