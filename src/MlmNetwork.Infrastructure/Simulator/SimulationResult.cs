using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Simulator;

/// <summary>
/// One distributor's pay over a run's range under the plans in force (the real lines) and the
/// draft; <see cref="Rank"/> orders a run's rows by the difference, biggest gain first, so a page
/// of either end is a range of ranks.
/// </summary>
public sealed class SimulationResult
{
    public long RunId { get; set; }

    public long Rank { get; set; }

    public long DistributorId { get; set; }

    public Money Current { get; set; }

    public Money Draft { get; set; }

    public Money Difference => Draft - Current;
}
