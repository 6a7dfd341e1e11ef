using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Simulator;

/// <summary>
/// Queues replays and runs them one at a time in the background (the web app's
/// <c>SimulationWorker</c>), keeping each run's progress in its row so the page can show it.
/// With several app instances, a replay is started and run only by the instance holding the
/// <see cref="LockKeys.Simulator"/> cluster lock, so a queued run starts once, and a run left
/// running is known to be interrupted (failed) only when nobody holds the lock.
/// </summary>
public sealed class SimulationRuns(IDbContextFactory<MlmDbContext> contexts, BusinessClock clock, ILogger<SimulationRuns> logger, ClusterLocks? clusterLocks = null)
{
    private readonly ClusterLocks locks = clusterLocks ?? new(contexts);

    /// <summary>Where the last completed replay's time went (what the benchmark prints).</summary>
    public ReplayTimings? LastTimings { get; private set; }

    /// <summary>Queues a replay of a draft over closed months; refused while another replay waits or runs.</summary>
    public async Task<SimulationRun> QueueAsync(long draftId, Period from, Period to, string actor, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var draft = await PlanDrafts.FindAsync(db, draftId, ct);
        var closed = (await db.CommissionPeriods.AsNoTracking().Select(p => p.Key).ToListAsync(ct)).Select(Period.FromKey).ToList();
        if (await db.SimulationRuns.AnyAsync(r => r.ActiveSlot != null, ct))
        {
            throw OneAtATime();
        }

        var run = SimulationRun.Queue(draft, from, to, closed, actor, clock.UtcNow);
        db.SimulationRuns.Add(run);
        db.Audit(actor, "simulation.run", draft.Name, $"{from} to {to}", clock.UtcNow);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            throw OneAtATime();
        }

        return run;
    }

    /// <summary>
    /// Runs the queued replay, if any, holding the simulator lock while it does; returns whether
    /// it ran one (false too when another instance holds the lock: that one runs the replays).
    /// </summary>
    public async Task<bool> RunNextAsync(CancellationToken ct)
    {
        await using var held = await locks.TryTakeAsync(LockKeys.Simulator, ct);
        if (held is null)
        {
            return false;
        }

        // Holding the lock: a run still running was left by an instance that stopped.
        await FailInterruptedAsync(ct);
        return await RunQueuedAsync(ct);
    }

    private async Task<bool> RunQueuedAsync(CancellationToken ct)
    {
        long id;
        CommissionPlan plan;
        Period from, to;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var run = await db.SimulationRuns.Where(r => r.Status == SimulationStatus.Queued).OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
            if (run is null)
            {
                return false;
            }

            run.Start(await PlanReplay.CountSalesAsync(db, run.From, run.To, ct), clock.UtcNow);
            await db.SaveChangesAsync(ct);
            (id, plan, from, to) = (run.Id, run.Plan, run.From, run.To);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var (totals, timings) = await PlanReplay.RunAsync(
                contexts,
                id,
                plan,
                from,
                to,
                done => db.SimulationRuns.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.SalesReplayed, done), ct),
                ct);
            var completed = await ChangeLockedAsync(id, async (run, locked) =>
            {
                if (run.Status == SimulationStatus.Running)
                {
                    run.Complete(totals, clock.UtcNow);
                    return true;
                }

                // Ended as interrupted by another instance while this one replayed (this instance had lost the lock): its results go.
                await locked.SimulationResults.Where(r => r.RunId == id).ExecuteDeleteAsync(ct);
                return false;
            }, ct);
            if (!completed)
            {
                logger.LogWarning("Simulation run {RunId} was ended by another app instance while this one replayed it; its results were dropped", id);
                return true;
            }

            LastTimings = timings;
            logger.LogInformation(
                "Simulation run {RunId} replayed {SaleCount} sales in {Seconds:F1} s: tree {TreeSeconds:F2} s, sales {SalesSeconds:F2} s, real lines {RealLinesSeconds:F2} s, volumes {VolumesSeconds:F2} s, refunds and history {EventsSeconds:F2} s (reads end at these moments from the start, on their own connections); waited for reads {WaitedSeconds:F2} s, replay {ReplaySeconds:F2} s, rank {RankSeconds:F2} s, write {Rows} rows {WriteSeconds:F2} s; processor time of the replay {ReplayCpuSeconds:F2} s, of the job {JobCpuSeconds:F2} s (this process, all threads)",
                id,
                totals.SaleCount,
                watch.Elapsed.TotalSeconds,
                timings.TreeLoad.TotalSeconds,
                timings.SalesRead.TotalSeconds,
                timings.RealLines.TotalSeconds,
                timings.Volumes.TotalSeconds,
                timings.Events.TotalSeconds,
                timings.WaitedForReads.TotalSeconds,
                timings.Replay.TotalSeconds,
                timings.Rank.TotalSeconds,
                totals.Distributors,
                timings.Write.TotalSeconds,
                timings.ReplayCpu.TotalSeconds,
                timings.JobCpu.TotalSeconds);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Simulation run {RunId} failed", id);
            await FailAsync(id, e is DomainRuleException rule ? rule.Message : "The replay failed; see the app's log.", CancellationToken.None);
        }

        return true;
    }

    /// <summary>
    /// A run left running by a stopped app instance is failed (its partial rows removed), so
    /// another can start; a run another instance is replaying (it holds the lock) is left alone.
    /// </summary>
    public async Task RecoverAsync(CancellationToken ct)
    {
        await using var held = await locks.TryTakeAsync(LockKeys.Simulator, ct);
        if (held is not null)
        {
            await FailInterruptedAsync(ct);
        }
    }

    private async Task FailInterruptedAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var id in await db.SimulationRuns.Where(r => r.Status == SimulationStatus.Running).Select(r => r.Id).ToListAsync(ct))
        {
            await FailAsync(id, "The app stopped while this run was replaying; start it again.", ct);
        }
    }

    /// <summary>Fails a run and removes its partial rows; a run that completed meanwhile keeps its outcome.</summary>
    private Task<bool> FailAsync(long id, string error, CancellationToken ct) =>
        ChangeLockedAsync(id, async (run, db) =>
        {
            if (run.Status == SimulationStatus.Done)
            {
                return false;
            }

            await db.SimulationResults.Where(r => r.RunId == id).ExecuteDeleteAsync(ct);
            run.Fail(error, clock.UtcNow);
            return true;
        }, ct);

    /// <summary>
    /// Changes a run holding its row lock (on PostgreSQL) in one transaction, so a replay that
    /// completes and another instance failing it as interrupted cannot both win; the change
    /// says whether it did what it was for (false too when there is no such run).
    /// </summary>
    private async Task<bool> ChangeLockedAsync(long id, Func<SimulationRun, MlmDbContext, Task<bool>> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM simulation_runs WHERE id = {id} FOR UPDATE", ct);
        }

        if (await db.SimulationRuns.FirstOrDefaultAsync(r => r.Id == id, ct) is not { } run)
        {
            return false;
        }

        var changed = await change(run, db);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return changed;
    }

    private static DomainRuleException OneAtATime() =>
        DomainRuleException.Conflict($"Another replay is waiting or running; one replay runs at a time. Start this one when it has finished.");
}
