namespace MlmNetwork.Infrastructure.Simulator;

/// <summary>
/// Where one replay's time went (what the benchmark prints and the job logs). The reads run at
/// once on their own connections, so each read's figure is its own duration from the job's start,
/// and they overlap each other and the replay; <see cref="WaitedForReads"/> is how long the replay
/// stood idle waiting for them.
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
    TimeSpan Total);

/// <summary>What a replay returns: the run's totals and where its time went.</summary>
public sealed record ReplayOutcome(Domain.SimulationTotals Totals, ReplayTimings Timings);
