using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Network;
using Npgsql;
using NpgsqlTypes;

namespace MlmNetwork.Infrastructure.Simulator;

/// <summary>
/// Replays a range of closed months' sales under a draft plan, in memory, and compares each
/// distributor's pay with what the real lines paid. Each sale is paid by the domain's one
/// calculation (<see cref="CommissionPlan.Calculate"/>) on the chain of the tree as it stood when
/// the sale was posted (<see cref="TreeSnapshot"/> rewound through <see cref="TreeHistory"/>), and
/// each line then meets the sale's refunds and its month's close by the ledger's own rules
/// (<see cref="LineFate.Of"/>). Nothing is written to the ledger: only the run's own result rows.
/// </summary>
public static class PlanReplay
{
    private const int ProgressEvery = 50_000;

    private static readonly string[] ResultColumns = ["run", "rank", "id", "current", "draft"];

    private sealed record SaleRow(long Id, long SellerId, DateTime At, long BaseCents, long TotalCents, int PeriodKey);

    /// <summary>How many sales the range holds (starter kit orders pay nothing and are left out).</summary>
    public static async Task<long> CountSalesAsync(MlmDbContext db, Period from, Period to, CancellationToken ct) =>
        (await RawSql.QueryAsync(db, "SELECT COUNT(*) FROM sales WHERE created_at >= @start AND created_at < @end AND starter_kit_id IS NULL", r => r.Whole(0), ct, ("start", from.StartsAt), ("end", to.EndsAt)))[0];

    /// <summary>
    /// Runs the replay and writes the run's result rows; returns the totals for the run. What it
    /// reads (the tree, the sales, the real lines, the volumes) is read at once on separate
    /// connections, so the database sums the real lines while the sales are replayed.
    /// </summary>
    public static async Task<SimulationTotals> RunAsync(IDbContextFactory<MlmDbContext> contexts, long runId, CommissionPlan draft, Period from, Period to, Func<long, Task> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(progress);
        var (start, end) = (from.StartsAt, to.EndsAt);
        var rules = new CloseRules(new MinimumVolume(draft.MinPersonalVolume), draft.CustomerShare);
        var treeTask = OnOwnAsync(contexts, db => TreeSnapshot.LoadWholeAsync(db, ct), ct);
        var salesTask = OnOwnAsync(contexts, db => SalesAsync(db, start, end, ct), ct);
        var realTask = OnOwnAsync(contexts, db => RealLinesAsync(db, from, to, ct), ct);
        var volumesTask = rules.Forfeit ? OnOwnAsync(contexts, db => VolumesAsync(db, from, to, ct), ct) : Task.FromResult(new Dictionary<(int, long), MonthVolume>());
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var historySince = await TreeHistory.StartedAtAsync(db, ct);
        var changes = await TreeHistory.SinceAsync(db, start, ct);
        var refunds = (await RawSql.QueryAsync(
            db,
            """
            SELECT r.sale_id, r.created_at, r.base_cents, r.total_cents, r.completes FROM sale_refunds r JOIN sales s ON s.id = r.sale_id
            WHERE s.created_at >= @start AND s.created_at < @end AND s.refund_count > 0 AND s.starter_kit_id IS NULL
            ORDER BY r.created_at, r.id
            """,
            r => (SaleId: r.GetInt64(0), Total: r.GetInt64(3), Event: new RefundEvent(r.GetDateTime(1), new Money(r.GetInt64(2)), Convert.ToBoolean(r.GetValue(4), CultureInfo.InvariantCulture))),
            ct,
            ("start", start),
            ("end", end)))
            .GroupBy(r => r.SaleId)
            .ToDictionary(g => g.Key, g => (Events: (IReadOnlyList<RefundEvent>)[.. g.Select(r => r.Event)], Total: g.Sum(r => r.Total)));
        var closes = (await RawSql.QueryAsync(
            db,
            "SELECT period_key, closed_at FROM commission_periods WHERE period_key >= @from AND period_key <= @to",
            r => (Key: r.GetInt32(0), At: r.GetDateTime(1)),
            ct,
            ("from", from.Key),
            ("to", to.Key))).ToDictionary(c => c.Key, c => c.At);
        var versions = await RawSql.QueryAsync(
            db,
            "SELECT DISTINCT plan_version FROM sales WHERE created_at >= @start AND created_at < @end AND starter_kit_id IS NULL ORDER BY plan_version",
            r => r.GetInt32(0),
            ct,
            ("start", start),
            ("end", end));

        // The tree as it stood when the range began: every change since, taken back newest first.
        var tree = await treeTask;
        for (var i = changes.Count - 1; i >= 0; i--)
        {
            tree.Undo(changes[i]);
        }

        var sales = await salesTask;
        var volumes = await volumesTask;
        var pay = new Dictionary<long, (long Current, long Draft)>();
        long earned = 0, reversed = 0, forfeited = 0, sold = 0;
        var next = 0;
        for (var i = 0; i < sales.Count; i++)
        {
            var sale = sales[i];
            while (next < changes.Count && changes[next].At <= sale.At)
            {
                tree.Redo(changes[next++]);
            }

            var saleRefunds = refunds.TryGetValue(sale.Id, out var r) ? r.Events : [];
            sold += sale.TotalCents - (saleRefunds.Count > 0 ? r.Total : 0);
            DateTime? closedAt = closes.TryGetValue(sale.PeriodKey, out var closed) ? closed : null;
            var breakdown = draft.Calculate(new Money(sale.BaseCents), tree.ChainFor(sale.SellerId, draft));
            foreach (var share in breakdown.Shares)
            {
                var volume = volumes.GetValueOrDefault((sale.PeriodKey, share.BeneficiaryId));
                var fate = LineFate.Of(share.Amount, share.Percent, share.Level, saleRefunds, closedAt, rules, volume);
                earned += fate.Earned.Cents;
                reversed += fate.Reversed.Cents;
                forfeited += fate.Forfeited.Cents;
                ref var row = ref CollectionsMarshal.GetValueRefOrAddDefault(pay, share.BeneficiaryId, out _);
                row.Draft += fate.Net.Cents;
            }

            if ((i + 1) % ProgressEvery == 0)
            {
                await progress(i + 1);
            }
        }

        var real = await realTask;
        var current = new long[3];
        foreach (var line in real)
        {
            current[(int)line.Kind] += line.Cents;
            ref var row = ref CollectionsMarshal.GetValueRefOrAddDefault(pay, line.Id, out _);
            row.Current += line.Cents;
        }

        var ranked = pay.Where(p => p.Value.Current != 0 || p.Value.Draft != 0)
            .Select(p => (Id: p.Key, p.Value.Current, p.Value.Draft))
            .ToList();
        ranked.Sort((a, b) => (b.Draft - b.Current).CompareTo(a.Draft - a.Current) is var c && c != 0 ? c : a.Id.CompareTo(b.Id));
        await WriteResultsAsync(db, runId, ranked, ct);
        await progress(sales.Count);

        return new SimulationTotals(
            sales.Count,
            new Money(sold),
            new Money(current[(int)CommissionLineKind.Commission]),
            new Money(current[(int)CommissionLineKind.Reversal]),
            new Money(current[(int)CommissionLineKind.Forfeit]),
            new Money(earned),
            new Money(reversed),
            new Money(forfeited),
            ranked.Count,
            string.Join(", ", versions.Select(v => v.ToString(CultureInfo.InvariantCulture))),
            historySince is null || historySince > start ? historySince ?? end : null,
            PayHistogram.Of([.. ranked.Select(p => (p.Current, p.Draft))]));
    }

    private static async Task<T> OnOwnAsync<T>(IDbContextFactory<MlmDbContext> contexts, Func<MlmDbContext, Task<T>> read, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        return await read(db);
    }

    private static Task<IReadOnlyList<SaleRow>> SalesAsync(MlmDbContext db, DateTime start, DateTime end, CancellationToken ct) =>
        RawSql.QueryAsync(
            db,
            "SELECT id, distributor_id, created_at, base_cents, total_cents, period_key FROM sales WHERE created_at >= @start AND created_at < @end AND starter_kit_id IS NULL ORDER BY created_at, id",
            r => new SaleRow(r.GetInt64(0), r.GetInt64(1), r.GetDateTime(2), r.GetInt64(3), r.GetInt64(4), r.GetInt32(5)),
            ct,
            ("start", start),
            ("end", end));

    /// <summary>
    /// The real lines of the range's sales, per beneficiary and kind: the lines earned in the
    /// range's months and the forfeits of their closes (a sale's lines count in its own month,
    /// and a close forfeits only lines of its month), and every reversal of those sales, whenever
    /// the refund came.
    /// </summary>
    private static Task<IReadOnlyList<(long Id, CommissionLineKind Kind, long Cents)>> RealLinesAsync(MlmDbContext db, Period from, Period to, CancellationToken ct) =>
        RawSql.QueryAsync(
            db,
            """
            SELECT beneficiary_id, kind, SUM(amount_cents) FROM commission_lines
            WHERE period_key >= @from AND period_key <= @to AND kind <> 1
            GROUP BY beneficiary_id, kind
            UNION ALL
            SELECT l.beneficiary_id, l.kind, SUM(l.amount_cents) FROM commission_lines l JOIN sales s ON s.id = l.sale_id
            WHERE l.kind = 1 AND s.created_at >= @start AND s.created_at < @end AND s.refund_count > 0
            GROUP BY l.beneficiary_id, l.kind
            """,
            r => (Id: r.GetInt64(0), Kind: (CommissionLineKind)r.GetInt32(1), Cents: r.Whole(2)),
            ct,
            ("from", from.Key),
            ("to", to.Key),
            ("start", from.StartsAt),
            ("end", to.EndsAt));

    private static async Task<Dictionary<(int, long), MonthVolume>> VolumesAsync(MlmDbContext db, Period from, Period to, CancellationToken ct) =>
        (await RawSql.QueryAsync(
            db,
            "SELECT period_key, distributor_id, personal_volume_cents, customer_volume_cents FROM distributor_month_stats WHERE period_key >= @from AND period_key <= @to",
            r => (Key: (r.GetInt32(0), r.GetInt64(1)), Volume: new MonthVolume(new Money(r.GetInt64(2)), new Money(r.GetInt64(3)))),
            ct,
            ("from", from.Key),
            ("to", to.Key))).ToDictionary(v => v.Key, v => v.Volume);

    /// <summary>The run's rows, ranked; by binary COPY on PostgreSQL, by one prepared insert per row in one transaction on SQLite.</summary>
    private static async Task WriteResultsAsync(MlmDbContext db, long runId, List<(long Id, long Current, long Draft)> ranked, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (connection is NpgsqlConnection npgsql)
            {
                await using var writer = await npgsql.BeginBinaryImportAsync("COPY simulation_results (run_id, rank, distributor_id, current_cents, draft_cents) FROM STDIN (FORMAT BINARY)", ct);
                for (var i = 0; i < ranked.Count; i++)
                {
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(runId, NpgsqlDbType.Bigint, ct);
                    await writer.WriteAsync((long)i + 1, NpgsqlDbType.Bigint, ct);
                    await writer.WriteAsync(ranked[i].Id, NpgsqlDbType.Bigint, ct);
                    await writer.WriteAsync(ranked[i].Current, NpgsqlDbType.Bigint, ct);
                    await writer.WriteAsync(ranked[i].Draft, NpgsqlDbType.Bigint, ct);
                }

                await writer.CompleteAsync(ct);
                return;
            }

            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO simulation_results (run_id, rank, distributor_id, current_cents, draft_cents) VALUES (@run, @rank, @id, @current, @draft)";
            var parameters = ResultColumns.Select(name =>
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + name;
                command.Parameters.Add(parameter);
                return parameter;
            }).ToArray();
            for (var i = 0; i < ranked.Count; i++)
            {
                Bind(parameters, runId, i + 1, ranked[i]);
                await command.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Bind(DbParameter[] parameters, long runId, long rank, (long Id, long Current, long Draft) row)
    {
        parameters[0].Value = runId;
        parameters[1].Value = rank;
        parameters[2].Value = row.Id;
        parameters[3].Value = row.Current;
        parameters[4].Value = row.Draft;
    }
}
