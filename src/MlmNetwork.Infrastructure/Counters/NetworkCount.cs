using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// How many distributors stand at a depth of the tree with a status (the house not counted),
/// kept as people join, change status and move, so the network overview never counts the tree.
/// </summary>
public sealed class NetworkCount
{
    public int Depth { get; set; }

    public DistributorStatus Status { get; set; }

    public long Count { get; set; }
}
