using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Ledger;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Infrastructure.Sales;
using MlmNetwork.Infrastructure.Simulator;
using Npgsql;

namespace MlmNetwork.Benchmarks;

public sealed record Figure(string Name, double Value, string Unit);

/// <param name="Reuse">With <c>--only-simulator</c> and a database kept by an earlier run (<c>--keep</c>) of the same size: replay again on it, without generating or importing anything.</param>
/// <param name="Repeat">With <paramref name="Reuse"/>: how many replays to run one after the other in the same process (the figures of each are kept).</param>
/// <param name="DropLineKeys">Import (and time the raw COPY) with the foreign keys of commission_lines dropped, then put them back and time checking them all at once (ADR 019's figures).</param>
/// <param name="SkipCluster">Leave out the load phases on two instances behind HAProxy and on the replica (deploy/local-cluster.sh).</param>
/// <param name="SimulatorOnly">Only what the plan simulator's figure needs: the tree, every sale in one month (closed), and the replay; no COPY baseline, no load phases.</param>
public sealed record BenchOptions(string ServerConnection, int Distributors, int Sales, int Seed = 2026, bool Check = false, bool KeepDatabase = false, string? AppDll = null, bool SkipCopy = false, bool SimulatorOnly = false, bool Reuse = false, int Repeat = 1, bool DropLineKeys = false, bool SkipCluster = false);

/// <summary>Business time the benchmark moves month by month, so the sales spread over a year.</summary>
public sealed class BenchClock : BusinessClock
{
    public DateTime Now { get; set; } = DateTime.UtcNow;

    public override DateTime UtcNow => Now;
}

/// <summary>
/// One benchmark run on a database it creates: generate the tree, import a year of sales with
/// their commission lines through the batch path, and time a raw binary COPY of the same lines
/// into the same table (same indexes, rolled back) in the same run.
/// </summary>
public sealed class BenchmarkRun(BenchOptions options, TextWriter log)
{
    private static readonly decimal[] Levels = [5m, 4m, 3m, 2m, 1m, 1m, 1m, 0.5m, 0.5m, 0.5m];

    public List<Figure> Figures { get; } = [];

    public string DatabaseName => $"mlm_bench_{options.Distributors}_{options.Sales}";

    public LedgerReport? Ledger { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        var database = new NpgsqlConnectionStringBuilder(options.ServerConnection) { Database = DatabaseName, CommandTimeout = 0 }.ConnectionString;
        var clock = new BenchClock();
        if (options.Reuse && options.SimulatorOnly && await HasSalesAsync(database, ct))
        {
            log.WriteLine($"Reusing the kept database {DatabaseName}: no generation, no import");
            await using var reused = BuildServices(database, clock);
            await using (var db = await reused.GetRequiredService<IDbContextFactory<MlmDbContext>>().CreateDbContextAsync(ct))
            {
                await db.Database.MigrateAsync(ct);
            }

            for (var i = 0; i < options.Repeat; i++)
            {
                await ReplayAsync(reused, clock, ct);
            }

            return;
        }

        await RecreateDatabaseAsync(ct);
        await using var provider = BuildServices(database, clock);
        var contexts = provider.GetRequiredService<IDbContextFactory<MlmDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            await db.Database.MigrateAsync(ct);
        }

        var year = new DateTime(DateTime.UtcNow.Year - 1, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var generator = new NetworkGenerator(options.Distributors, options.Seed);
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync(ct);
            var generated = await generator.WriteAsync(connection, year, ct);
            Add("generate.distributors.seconds", generated.TotalSeconds, "s");
            Add("generate.distributors.per_second", options.Distributors / generated.TotalSeconds, "rows/s");
            log.WriteLine($"Generated {options.Distributors:N0} distributors in {generated.TotalSeconds:F1} s (deepest chain ends at #{generator.ChainBottom}, depth {generator.Depth[generator.ChainBottom]})");
        }

        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            // The generator writes the tree by COPY: the network overview's counters are counted from it, as at an upgrade.
            await NetworkCounters.BackfillAsync(db, ct);
            await TreeHistory.EnsureStartedAsync(db, clock.UtcNow, ct);
            db.CommissionPlans.Add(CommissionPlan.Create(1, Percent.FromValue(10m), [.. Levels.Select(l => Percent.FromValue(l))], false, Money.Zero, year.AddDays(-1), "bench"));
            db.Products.AddRange(
                Product.Create("VIT-C", "Vitamin C", new Money(1999), new Money(1500), year),
                Product.Create("OMEGA-3", "Omega-3", new Money(2950), null, year),
                Product.Create("PROT", "Protein", new Money(4500), new Money(3600), year),
                Product.Create("TEA", "Green tea", new Money(899), null, year));
            await db.SaveChangesAsync(ct);
        }

        if (options.SimulatorOnly)
        {
            // Only the month to replay matters here, not the import's speed: the same batch path
            // writes the same rows, without a foreign-key check per row; putting the keys back
            // checks every row at once.
            var keys = await DropForeignKeysAsync(database, ct);
            await ImportAsync(provider, clock, year, ct);
            await RestoreForeignKeysAsync(database, keys, ct);
            await SettleAsync(database, ct);
        }
        else if (options.DropLineKeys)
        {
            var keys = await DropForeignKeysAsync(database, ct, "commission_lines");
            await ImportAsync(provider, clock, year, ct);
            if (!options.SkipCopy)
            {
                await CopyBaselineAsync(database, ct);
            }

            await RestoreForeignKeysAsync(database, keys, ct);
        }
        else
        {
            await ImportAsync(provider, clock, year, ct);
        }

        if (!options.SkipCopy && !options.SimulatorOnly && !options.DropLineKeys)
        {
            await CopyBaselineAsync(database, ct);
        }

        if (options.AppDll is not null && !options.SimulatorOnly)
        {
            await SettleAsync(database, ct);
            await new WebLoad(options.AppDll, database, log, Add) { Cluster = !options.SkipCluster }.RunAsync(generator.BiggestLeader, generator.ChainBottom, generator.DeepestBelow(generator.BiggestLeader), options.Distributors, ct);
        }
        Add("bench.peak_working_set", Process.GetCurrentProcess().PeakWorkingSet64 / 1024d / 1024d, "MiB");
        if (options.Check)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var watch = Stopwatch.StartNew();
            Ledger = await new LedgerCheck(db).RunAsync(ct);
            Add("ledger_check.seconds", watch.Elapsed.TotalSeconds, "s");
            Add("ledger_check.breaches", Ledger.Breaches.Count, "count");
            log.WriteLine($"Ledger check over {Ledger.SalesChecked:N0} sales: {(Ledger.Holds ? "holds" : $"{Ledger.Breaches.Count} breaches")}");
        }

        await ReplayAsync(provider, clock, ct);
        if (!options.KeepDatabase)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", ct);
        }
    }

    private static ServiceProvider BuildServices(string database, BenchClock clock)
    {
        var services = new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None))
            .AddSingleton<BusinessClock>(clock)
            .AddScoped<SaleBatchPosting>()
            .AddSingleton<SimulationRuns>();
        services.AddMlmDatabase(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = database }).Build());
        return services.BuildServiceProvider();
    }

    /// <summary>Drops the foreign keys of every table (or of <paramref name="table"/>); a partition's copies of its table's keys go with the table's.</summary>
    private async Task<List<(string Table, string Name, string Definition)>> DropForeignKeysAsync(string database, CancellationToken ct, string? table = null)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(ct);
        var keys = new List<(string Table, string Name, string Definition)>();
        await using var read = new NpgsqlCommand("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace AND conparentid = 0 AND (@table::text IS NULL OR conrelid = @table::regclass) ORDER BY 1, 2", connection);
        read.Parameters.Add(new NpgsqlParameter("table", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)table ?? DBNull.Value });
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                keys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (owner, name, _) in keys)
        {
            await using var drop = new NpgsqlCommand($"ALTER TABLE {owner} DROP CONSTRAINT \"{name}\"", connection);
            await drop.ExecuteNonQueryAsync(ct);
        }

        log.WriteLine($"Dropped {keys.Count} foreign keys for the import");
        return keys;
    }

    private async Task RestoreForeignKeysAsync(string database, List<(string Table, string Name, string Definition)> keys, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(ct);
        foreach (var (table, name, definition) in keys)
        {
            await using var add = new NpgsqlCommand($"ALTER TABLE {table} ADD CONSTRAINT \"{name}\" {definition}", connection);
            await add.ExecuteNonQueryAsync(ct);
        }

        Add("prepare.restore_foreign_keys.seconds", watch.Elapsed.TotalSeconds, "s");
        log.WriteLine($"Put back and checked {keys.Count} foreign keys in {watch.Elapsed.TotalSeconds:F1} s");
    }

    private async Task<bool> HasSalesAsync(string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(options.ServerConnection);
        await connection.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", DatabaseName);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                return false;
            }
        }

        await using var kept = new NpgsqlConnection(database);
        await kept.OpenAsync(ct);
        await using var any = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM sales)", kept);
        return await any.ExecuteScalarAsync(ct) is true;
    }

    private async Task ImportAsync(IServiceProvider provider, BenchClock clock, DateTime year, CancellationToken ct)
    {
        var random = new Random(options.Seed + 1);
        string[] skus = ["VIT-C", "OMEGA-3", "PROT", "TEA"];
        var perMonth = (options.Sales + 11) / 12;
        var requested = 0;
        var posted = 0;
        var lines = 0L;
        var watch = new Stopwatch();
        var generating = new Stopwatch();
        for (var month = 0; month < 12 && requested < options.Sales; month++)
        {
            generating.Start();
            var count = Math.Min(perMonth, options.Sales - requested);
            var sales = new List<BatchSale>(count);
            for (var i = 0; i < count; i++)
            {
                var seller = random.NextInt64(2, options.Distributors + 1);
                var items = new SaleRequestLine[random.Next(1, 3)];
                for (var j = 0; j < items.Length; j++)
                {
                    items[j] = new SaleRequestLine(skus[random.Next(skus.Length)], random.Next(1, 4));
                }

                sales.Add(new BatchSale(seller, items));
            }

            generating.Stop();

            // The simulator's figure is for one month of every sale: its batches then go to December, a day apart.
            clock.Now = options.SimulatorOnly ? year.AddMonths(11).AddDays(month) : year.AddMonths(month).AddDays(14);
            await using var scope = provider.CreateAsyncScope();
            watch.Start();
            // Inactive sellers cannot sell: the generator marks every 23rd distributor Inactive, so those rows are dropped here, before timing matters.
            var outcome = await scope.ServiceProvider.GetRequiredService<SaleBatchPosting>().PostAsync($"bench-{month}", [.. sales.Where(s => s.DistributorId % 23 != 0)], null, ct);
            watch.Stop();
            requested += count;
            posted += outcome.SaleCount;
            lines += outcome.LineCount;
            log.WriteLine($"  month {month + 1}: {outcome.SaleCount:N0} sales, {outcome.LineCount:N0} lines ({watch.Elapsed.TotalSeconds:F1} s so far)");
        }

        // The sales' input data (sellers, products, quantities), made in this process: its own
        // figure, apart from the import that posts them; with the tree's, the generation's total.
        Add("generate.sales.seconds", generating.Elapsed.TotalSeconds, "s");
        Add("generate.seconds", Figures.Single(f => f.Name == "generate.distributors.seconds").Value + generating.Elapsed.TotalSeconds, "s");
        log.WriteLine($"Generated the input of {requested:N0} sales in {generating.Elapsed.TotalSeconds:F1} s (not part of the import's time)");
        Add("import.sales", posted, "count");
        Add("import.lines", lines, "count");
        Add("import.seconds", watch.Elapsed.TotalSeconds, "s");
        // --sales 0 (a tree only, e.g. for bench/genealogy-sql.sh) imports nothing in no time.
        var seconds = Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
        Add("import.sales_per_second", posted / seconds, "sales/s");
        Add("import.lines_per_second", lines / seconds, "lines/s");
        log.WriteLine($"Imported {posted:N0} sales with {lines:N0} lines in {watch.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>
    /// The plan simulator (issue 10): the month of the last sales is marked closed (a bare
    /// <c>commission_periods</c> row: the replay reads the close's moment, not its statements),
    /// then a draft that pays level 2 at 3% instead of 4% and asks a minimum personal volume of
    /// 20.00 is replayed on every sale of that month through the app's background job
    /// (<see cref="SimulationRuns"/>): the tree rewound through its history, each sale paid by the
    /// domain's calculation, refunds and the close's forfeits replayed, the real lines summed, and
    /// every distributor's row written. Timed from the job's start to its end.
    /// </summary>
    private async Task ReplayAsync(ServiceProvider provider, BenchClock clock, CancellationToken ct)
    {
        var contexts = provider.GetRequiredService<IDbContextFactory<MlmDbContext>>();
        long draftId;
        Period month;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            month = Period.Of(await db.Sales.MaxAsync(s => s.CreatedAt, ct));
            var plan = await db.CommissionPlans.AsNoTracking().OrderByDescending(p => p.Version).FirstAsync(ct);
            clock.Now = month.EndsAt.AddHours(9);
            if (!await db.CommissionPeriods.AnyAsync(p => p.Key == month.Key, ct))
            {
                db.CommissionPeriods.Add(CommissionPeriod.Close(month, plan, clock.Now, "bench"));
            }

            var levels = plan.Levels.ToList();
            levels[1] = Percent.FromValue(3m);
            var draft = PlanDraft.Create("bench: level 2 at 3%", CommissionPlan.Draft(plan.PersonalPercent, levels, plan.Compression, new Money(2000)), "bench", clock.Now);
            db.PlanDrafts.Add(draft);
            await db.SaveChangesAsync(ct);
            draftId = draft.Id;
        }

        var runs = provider.GetRequiredService<SimulationRuns>();
        var queued = await runs.QueueAsync(draftId, month, month, "bench", ct);
        var watch = Stopwatch.StartNew();
        await runs.RunNextAsync(ct);
        watch.Stop();
        await using var check = await contexts.CreateDbContextAsync(ct);
        var run = await check.SimulationRuns.AsNoTracking().SingleAsync(r => r.Id == queued.Id, ct);
        if (run.Status != SimulationStatus.Done)
        {
            throw new InvalidOperationException($"The replay ended {run.Status}: {run.Error}");
        }

        Add("simulator.replay.sales", run.SalesReplayed, "count");
        Add("simulator.replay.distributors", run.Distributors, "count");
        Add("simulator.replay.seconds", watch.Elapsed.TotalSeconds, "s");
        Add("simulator.replay.sales_per_second", run.SalesReplayed / Math.Max(watch.Elapsed.TotalSeconds, 1e-9), "sales/s");
        if (runs.LastTimings is { } t)
        {
            Add("simulator.part.tree_load_done.seconds", t.TreeLoad.TotalSeconds, "s");
            Add("simulator.part.sales_read_done.seconds", t.SalesRead.TotalSeconds, "s");
            Add("simulator.part.real_lines_done.seconds", t.RealLines.TotalSeconds, "s");
            Add("simulator.part.volumes_done.seconds", t.Volumes.TotalSeconds, "s");
            Add("simulator.part.refunds_history_done.seconds", t.Events.TotalSeconds, "s");
            Add("simulator.part.waited_for_reads.seconds", t.WaitedForReads.TotalSeconds, "s");
            Add("simulator.part.replay.seconds", t.Replay.TotalSeconds, "s");
            Add("simulator.part.rank.seconds", t.Rank.TotalSeconds, "s");
            Add("simulator.part.write_results.seconds", t.Write.TotalSeconds, "s");
            Add("simulator.part.job.seconds", t.Total.TotalSeconds, "s");
            Add("simulator.cpu.replay.seconds", t.ReplayCpu.TotalSeconds, "s");
            Add("simulator.cpu.job.seconds", t.JobCpu.TotalSeconds, "s");
            log.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  parts (reads overlap, on their own connections; 'done' = seconds from the job's start): tree done {t.TreeLoad.TotalSeconds:F2}, sales done {t.SalesRead.TotalSeconds:F2}, real lines done {t.RealLines.TotalSeconds:F2}, volumes done {t.Volumes.TotalSeconds:F2}, refunds/history done {t.Events.TotalSeconds:F2}; waited for reads {t.WaitedForReads.TotalSeconds:F2}, replay {t.Replay.TotalSeconds:F2}, rank {t.Rank.TotalSeconds:F2}, write results {t.Write.TotalSeconds:F2}, job {t.Total.TotalSeconds:F2}; processor time of this process: replay {t.ReplayCpu.TotalSeconds:F2}, job {t.JobCpu.TotalSeconds:F2}"));
        }

        log.WriteLine($"Replayed {month} ({run.SalesReplayed:N0} sales, {run.Distributors:N0} distributors paid) under a draft plan in {watch.Elapsed.TotalSeconds:F1} s; net commissions {run.CurrentNet} in force, {run.DraftNet} under the draft");
    }

    /// <summary>
    /// PostgreSQL's own limit: the same commission lines, exported, then COPYed back into
    /// commission_lines (same table, same indexes and constraints) in a transaction rolled back.
    /// </summary>
    private async Task CopyBaselineAsync(string database, CancellationToken ct)
    {
        var file = Path.Combine(Path.GetTempPath(), $"{DatabaseName}-lines.bin");
        const string columns = "sale_id, beneficiary_id, level, distance, basis_points, amount_cents, plan_version, kind, created_at, period_key";
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(ct);
        await using (var export = await connection.BeginRawBinaryCopyAsync($"COPY (SELECT {columns} FROM commission_lines) TO STDOUT (FORMAT BINARY)", ct))
        await using (var target = File.Create(file))
        {
            await export.CopyToAsync(target, ct);
        }

        await using var transaction = await connection.BeginTransactionAsync(ct);
        var watch = Stopwatch.StartNew();
        await using (var import = await connection.BeginRawBinaryCopyAsync($"COPY commission_lines ({columns}) FROM STDIN (FORMAT BINARY)", ct))
        await using (var source = File.OpenRead(file))
        {
            await source.CopyToAsync(import, ct);
        }

        watch.Stop();
        await transaction.RollbackAsync(ct);
        File.Delete(file);
        var import_ = Figures.Single(f => f.Name == "import.seconds").Value;
        Add("copy.lines.seconds", watch.Elapsed.TotalSeconds, "s");
        Add("import.ratio_to_copy", import_ / watch.Elapsed.TotalSeconds, "x");
        log.WriteLine($"Raw COPY of the same lines into commission_lines: {watch.Elapsed.TotalSeconds:F1} s; import/COPY = {import_ / watch.Elapsed.TotalSeconds:F2}");
    }

    /// <summary>
    /// What an operator does after a bulk load, before the app takes traffic: VACUUM ANALYZE and a
    /// checkpoint, so autovacuum and the checkpointer do not run in the middle of the load tests.
    /// </summary>
    private async Task SettleAsync(string database, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(ct);
        await using (var vacuum = new NpgsqlCommand("VACUUM (ANALYZE)", connection))
        {
            await vacuum.ExecuteNonQueryAsync(ct);
        }

        await using (var checkpoint = new NpgsqlCommand("CHECKPOINT", connection))
        {
            await checkpoint.ExecuteNonQueryAsync(ct);
        }

        Add("settle.vacuum_analyze_checkpoint.seconds", watch.Elapsed.TotalSeconds, "s");
        log.WriteLine($"VACUUM (ANALYZE) and CHECKPOINT after the import: {watch.Elapsed.TotalSeconds:F1} s");
    }

    private async Task RecreateDatabaseAsync(CancellationToken ct)
    {
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", ct);
        await ExecuteOnServerAsync($"CREATE DATABASE \"{DatabaseName}\"", ct);
    }

    private async Task ExecuteOnServerAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(options.ServerConnection);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private void Add(string name, double value, string unit) => Figures.Add(new Figure(name, Math.Round(value, 3), unit));

    public static string Format(Figure f) => string.Create(CultureInfo.InvariantCulture, $"{f.Name,-36} {f.Value,14:N3} {f.Unit}");
}
