namespace MlmNetwork.Infrastructure.Simulator;

/// <summary>
/// Where one replay's time went (what the benchmark prints and the job logs). The reads run at
/// once on their own connections, so each read's figure is its own duration from the job's start,
/// and they overlap each other and the replay; <see cref="WaitedForReads"/> is how long the replay
/// stood idle waiting for them. <see cref="ReplayCpu"/> and <see cref="JobCpu"/> are the processor
/// time this process spent (all its threads) during the replay and the whole job: on a machine
/// shared with other work they say what the job costs, which its elapsed times do not.
/// </summary>
public sealed record ReplayTimings(
    TimeSpan TreeLoad,
    TimeSpan SalesRead,
    TimeSpan RealLines,
    TimeSpan Volumes,
    TimeSpan Events,
    TimeSpan WaitedForReads,
    TimeSpan Replay,
    TimeSpan Rank,
    TimeSpan Write,
    TimeSpan Total,
    TimeSpan ReplayCpu,
    TimeSpan JobCpu);

/// <summary>What a replay returns: the run's totals and where its time went.</summary>
public sealed record ReplayOutcome(Domain.SimulationTotals Totals, ReplayTimings Timings);
