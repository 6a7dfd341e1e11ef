using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure;

/// <summary>What a distributor earned over all time: every line of theirs, net of reversals and forfeits.</summary>
public sealed class EarnerTotal
{
    public long DistributorId { get; set; }

    public Money Amount { get; set; }
}
