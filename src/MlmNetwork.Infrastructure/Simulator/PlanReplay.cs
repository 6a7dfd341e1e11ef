using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
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
    /// <summary>How often the run's progress is written while the sales are replayed, in milliseconds.</summary>
    private const int ProgressEvery = 1_000;

    private static readonly string[] ResultColumns = ["run", "rank", "id", "current", "draft"];

    private readonly record struct SaleRow(long Id, long SellerId, DateTime At, long BaseCents, long TotalCents, int PeriodKey, int PlanVersion);

    private readonly record struct ResultRow(long Id, long Current, long Draft);

    /// <summary>The rank order: biggest gain under the draft first, then by id.</summary>
    private readonly struct ByGain : IComparer<ResultRow>
    {
        public int Compare(ResultRow a, ResultRow b) =>
            (b.Draft - b.Current).CompareTo(a.Draft - a.Current) is var c && c != 0 ? c : a.Id.CompareTo(b.Id);
    }

    /// <summary>How many sales the range holds (starter kit orders pay nothing and are left out).</summary>
    public static async Task<long> CountSalesAsync(MlmDbContext db, Period from, Period to, CancellationToken ct) =>
        (await RawSql.QueryAsync(db, "SELECT COUNT(*) FROM sales WHERE created_at >= @start AND created_at < @end AND starter_kit_id IS NULL", r => r.Whole(0), ct, ("start", from.StartsAt), ("end", to.EndsAt)))[0];

    /// <summary>
    /// Runs the replay and writes the run's result rows; returns the totals for the run and where
    /// its time went. What it reads (the tree, the sales, the real pay, the volumes) is read at
    /// once on separate connections.
    /// </summary>
    public static async Task<ReplayOutcome> RunAsync(IDbContextFactory<MlmDbContext> contexts, long runId, CommissionPlan draft, Period from, Period to, Func<long, Task> progress, CancellationToken ct)
    {
        var job = Stopwatch.StartNew();
        using var process = Process.GetCurrentProcess();
        var jobCpu = process.TotalProcessorTime;
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(progress);
        var (start, end) = (from.StartsAt, to.EndsAt);
        var rules = new CloseRules(new MinimumVolume(draft.MinPersonalVolume), draft.CustomerShare);
        var treeTask = OnOwnAsync(contexts, job, db => TreeSnapshot.LoadWholeAsync(db, ct), ct);
        var salesTask = OnOwnAsync(contexts, job, db => SalesAsync(db, start, end, ct), ct);
        var realTask = OnOwnAsync(contexts, job, db => RealLinesAsync(db, from, to, ct), ct);
        var volumesTask = rules.Forfeit ? OnOwnAsync(contexts, job, db => VolumesAsync(db, from, to, ct), ct) : Task.FromResult<(IReadOnlyList<(int, long, long, long)>, TimeSpan)>(([], TimeSpan.Zero));
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
        var events = job.Elapsed;

        // The tree as it stood when the range began: every change since, taken back newest first.
        var waiting = Stopwatch.StartNew();
        var (tree, treeLoad) = await treeTask;
        waiting.Stop();
        for (var i = changes.Count - 1; i >= 0; i--)
        {
            tree.Undo(changes[i]);
        }

        waiting.Start();
        var (sales, salesRead) = await salesTask;
        var (volumeRows, volumesRead) = await volumesTask;
        waiting.Stop();
        var replay = Stopwatch.StartNew();
        process.Refresh();
        var replayCpu = process.TotalProcessorTime;

        // Per distributor, in the tree's slots: each month's personal and customer volume, and the pay under each plan.
        var volumes = new Dictionary<int, MonthVolume[]>();
        foreach (var (key, id, personal, customer) in volumeRows)
        {
            if (!volumes.TryGetValue(key, out var month))
            {
                volumes[key] = month = new MonthVolume[tree.SlotCount];
            }

            month[tree.SlotOf(id)] = new MonthVolume(new Money(personal), new Money(customer));
        }

        // One thread replays every sale: on a machine whose cores are shared, two replaying threads
        // took longer than one (each collection of garbage waits for both to stop).
        var context = new ReplayContext(draft, rules, sales, changes, refunds, closes, volumes);
        var done = new StrongBox<long>();
        var work = Task.Run(() => ReplaySales(tree, context, done), ct);
        while (await Task.WhenAny(work, Task.Delay(ProgressEvery, ct)) != work)
        {
            await progress(Volatile.Read(ref done.Value));
        }

        var (draftPay, earned, reversed, forfeited, sold) = await work;
        var currentPay = new long[tree.SlotCount];
        replay.Stop();
        process.Refresh();
        replayCpu = process.TotalProcessorTime - replayCpu;
        waiting.Start();
        var (real, realLines) = await realTask;
        waiting.Stop();
        var rank = Stopwatch.StartNew();
        foreach (var (id, cents) in real.PerBeneficiary)
        {
            currentPay[tree.SlotOf(id)] += cents;
        }

        var ranked = new List<ResultRow>();
        for (var slot = 0; slot < draftPay.Length; slot++)
        {
            if (currentPay[slot] != 0 || draftPay[slot] != 0)
            {
                ranked.Add(new ResultRow(tree.IdAt(slot), currentPay[slot], draftPay[slot]));
            }
        }

        ranked.Sort(default(ByGain));
        rank.Stop();
        var write = Stopwatch.StartNew();
        await WriteResultsAsync(db, runId, ranked, ct);
        write.Stop();
        await progress(sales.Count);

        var totals = new SimulationTotals(
            sales.Count,
            new Money(sold),
            new Money(real.Earned),
            new Money(real.Reversed),
            new Money(real.Forfeited),
            new Money(earned),
            new Money(reversed),
            new Money(forfeited),
            ranked.Count,
            string.Join(", ", sales.Select(s => s.PlanVersion).Distinct().Order().Select(v => v.ToString(CultureInfo.InvariantCulture))),
            historySince is null || historySince > start ? historySince ?? end : null,
            PayHistogram.Of([.. ranked.Select(p => (p.Current, p.Draft))]));
        return new ReplayOutcome(totals, new ReplayTimings(treeLoad, salesRead, realLines, volumesRead, events, waiting.Elapsed, replay.Elapsed, rank.Elapsed, write.Elapsed, job.Elapsed, replayCpu, RefreshedCpu(process) - jobCpu));
    }

    private static TimeSpan RefreshedCpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>Runs a read on a connection of its own; returns what it read and when it ended, counted from the job's start.</summary>
    private static async Task<(T Value, TimeSpan Done)> OnOwnAsync<T>(IDbContextFactory<MlmDbContext> contexts, Stopwatch job, Func<MlmDbContext, Task<T>> read, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var value = await read(db);
        return (value, job.Elapsed);
    }

    private static Task<IReadOnlyList<SaleRow>> SalesAsync(MlmDbContext db, DateTime start, DateTime end, CancellationToken ct) =>
        RawSql.QueryAsync(
            db,
            "SELECT id, distributor_id, created_at, base_cents, total_cents, period_key, plan_version FROM sales WHERE created_at >= @start AND created_at < @end AND starter_kit_id IS NULL ORDER BY created_at, id",
            r => new SaleRow(r.GetInt64(0), r.GetInt64(1), r.GetDateTime(2), r.GetInt64(3), r.GetInt64(4), r.GetInt32(5), r.GetInt32(6)),
            ct,
            ("start", start),
            ("end", end));

    /// <summary>
    /// The real lines of the range's sales, per beneficiary, and their totals by kind, read from
    /// the counters the ledger check verifies instead of summing millions of ledger lines: a
    /// sale's earned lines count in its own month and a close forfeits only lines of its month, so
    /// the range's months' earnings per distributor (<c>earner_month_totals</c>: every line in the
    /// month it was written) hold exactly those lines and the range's forfeits, plus the reversals
    /// written in the range (of whichever sale), which are taken out, while every reversal of the
    /// range's sales, whenever the refund came, is added. Reversals are few: both are read off
    /// indexes (the one of reversals by month, and the refunded sales').
    /// </summary>
    private static async Task<RealLines> RealLinesAsync(MlmDbContext db, Period from, Period to, CancellationToken ct)
    {
        var months = new (string Name, object Value)[] { ("from", from.Key), ("to", to.Key) };
        var earned = await RawSql.QueryAsync(
            db,
            "SELECT distributor_id, amount_cents FROM earner_month_totals WHERE period_key >= @from AND period_key <= @to",
            r => (Id: r.GetInt64(0), Cents: r.GetInt64(1)),
            ct,
            months);
        var reversedInRange = await RawSql.QueryAsync(
            db,
            "SELECT beneficiary_id, SUM(amount_cents) FROM commission_lines WHERE kind = 1 AND period_key >= @from AND period_key <= @to GROUP BY beneficiary_id",
            r => (Id: r.GetInt64(0), Cents: r.Whole(1)),
            ct,
            months);
        var reversedOfSales = await RawSql.QueryAsync(
            db,
            """
            SELECT l.beneficiary_id, SUM(l.amount_cents) FROM commission_lines l JOIN sales s ON s.id = l.sale_id
            WHERE l.kind = 1 AND s.created_at >= @start AND s.created_at < @end AND s.refund_count > 0
            GROUP BY l.beneficiary_id
            """,
            r => (Id: r.GetInt64(0), Cents: r.Whole(1)),
            ct,
            ("start", from.StartsAt),
            ("end", to.EndsAt));
        var totals = (await RawSql.QueryAsync(
            db,
            "SELECT SUM(earned_cents), SUM(forfeited_cents) FROM network_month_stats WHERE period_key >= @from AND period_key <= @to",
            r => (Earned: r.Whole(0), Forfeited: r.Whole(1)),
            ct,
            months))[0];
        IEnumerable<(long Id, long Cents)> lines = [.. earned, .. reversedInRange.Select(l => (l.Id, -l.Cents)), .. reversedOfSales];
        return new RealLines(lines, totals.Earned, reversedOfSales.Sum(l => l.Cents), totals.Forfeited);
    }

    /// <summary>The real lines of a range's sales: amounts per beneficiary (several rows may name one) and the totals by kind.</summary>
    private sealed record RealLines(IEnumerable<(long Id, long Cents)> PerBeneficiary, long Earned, long Reversed, long Forfeited);

    private static Task<IReadOnlyList<(int PeriodKey, long Id, long Personal, long Customer)>> VolumesAsync(MlmDbContext db, Period from, Period to, CancellationToken ct) =>
        RawSql.QueryAsync(
            db,
            "SELECT period_key, distributor_id, personal_volume_cents, customer_volume_cents FROM distributor_month_stats WHERE period_key >= @from AND period_key <= @to",
            r => (r.GetInt32(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)),
            ct,
            ("from", from.Key),
            ("to", to.Key));

    /// <summary>The run's rows, ranked; by binary COPY on PostgreSQL, by one prepared insert per row in one transaction on SQLite.</summary>
    private static async Task WriteResultsAsync(MlmDbContext db, long runId, List<ResultRow> ranked, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (connection is NpgsqlConnection npgsql)
            {
                // Written synchronously: each value lands in the importer's buffer, which only a full
                // buffer flushes; awaiting 3.5 million writes would cost more than the copy itself.
                await using var writer = await npgsql.BeginBinaryImportAsync("COPY simulation_results (run_id, rank, distributor_id, current_cents, draft_cents) FROM STDIN (FORMAT BINARY)", ct);
                for (var i = 0; i < ranked.Count; i++)
                {
                    writer.StartRow();
                    writer.Write(runId, NpgsqlDbType.Bigint);
                    writer.Write((long)i + 1, NpgsqlDbType.Bigint);
                    writer.Write(ranked[i].Id, NpgsqlDbType.Bigint);
                    writer.Write(ranked[i].Current, NpgsqlDbType.Bigint);
                    writer.Write(ranked[i].Draft, NpgsqlDbType.Bigint);
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

    private static void Bind(DbParameter[] parameters, long runId, long rank, ResultRow row)
    {
        parameters[0].Value = runId;
        parameters[1].Value = rank;
        parameters[2].Value = row.Id;
        parameters[3].Value = row.Current;
        parameters[4].Value = row.Draft;
    }

    /// <summary>What the replay of the sales reads.</summary>
    private sealed record ReplayContext(
        CommissionPlan Draft,
        CloseRules Rules,
        IReadOnlyList<SaleRow> Sales,
        IReadOnlyList<DistributorChange> Changes,
        Dictionary<long, (IReadOnlyList<RefundEvent> Events, long Total)> Refunds,
        Dictionary<int, DateTime> Closes,
        Dictionary<int, MonthVolume[]> Volumes);

    /// <summary>The draft's pay per slot and its totals over the replayed sales.</summary>
    private sealed record ReplaySums(long[] Pay, long Earned, long Reversed, long Forfeited, long Sold);

    /// <summary>
    /// Every sale, in time order, paid by the draft on the chain of <paramref name="tree"/> (moved
    /// forward through the changes as the sales pass them), each line meeting the sale's refunds
    /// and its month's close; <paramref name="done"/> counts the sales replayed, for the progress.
    /// </summary>
    private static ReplaySums ReplaySales(TreeSnapshot tree, ReplayContext c, StrongBox<long> done)
    {
        const int CountEvery = 10_000;
        var pay = new long[tree.SlotCount];
        var chain = new List<UplineMember>(c.Draft.LevelCount + 2);
        long earned = 0, reversed = 0, forfeited = 0, sold = 0;
        var next = 0;
        var (periodKey, closedAt, monthVolumes) = (0, (DateTime?)null, (MonthVolume[]?)null);
        for (var i = 0; i < c.Sales.Count; i++)
        {
            var sale = c.Sales[i];
            while (next < c.Changes.Count && c.Changes[next].At <= sale.At)
            {
                tree.Redo(c.Changes[next++]);
            }

            if (i == 0 || sale.PeriodKey != periodKey)
            {
                periodKey = sale.PeriodKey;
                closedAt = c.Closes.TryGetValue(periodKey, out var closed) ? closed : null;
                monthVolumes = c.Volumes.GetValueOrDefault(periodKey);
            }

            var saleRefunds = c.Refunds.TryGetValue(sale.Id, out var r) ? r.Events : [];
            sold += sale.TotalCents - (saleRefunds.Count > 0 ? r.Total : 0);
            tree.ChainFor(sale.SellerId, c.Draft, chain);
            foreach (var share in c.Draft.Calculate(new Money(sale.BaseCents), chain).Shares)
            {
                var slot = tree.SlotOf(share.BeneficiaryId);
                var volume = monthVolumes is null ? default : monthVolumes[slot];
                var fate = LineFate.Of(share.Amount, share.Percent, share.Level, saleRefunds, closedAt, c.Rules, volume);
                earned += fate.Earned.Cents;
                reversed += fate.Reversed.Cents;
                forfeited += fate.Forfeited.Cents;
                pay[slot] += fate.Net.Cents;
            }

            if ((i + 1) % CountEvery == 0)
            {
                Interlocked.Add(ref done.Value, CountEvery);
            }
        }

        return new ReplaySums(pay, earned, reversed, forfeited, sold);
    }
}
