namespace MlmNetwork.Domain;

public enum DistributorChangeKind
{
    /// <summary>The moment the app began to keep this history: changes before it were not recorded.</summary>
    HistoryStarted = 0,
    Status = 1,
    Sponsor = 2,
}

/// <summary>
/// One change of the sponsor tree or of a status, with the values before and after, so the tree
/// and the statuses as they stood at any moment since <see cref="DistributorChangeKind.HistoryStarted"/>
/// can be rebuilt from the tree as it stands (the plan simulator replays past sales on them).
/// </summary>
public sealed class DistributorChange
{
    private DistributorChange()
    {
    }

    public long Id { get; private set; }

    public DistributorChangeKind Kind { get; private set; }

    /// <summary>Null only for <see cref="DistributorChangeKind.HistoryStarted"/>.</summary>
    public long? DistributorId { get; private set; }

    public DateTime At { get; private set; }

    public DistributorStatus? StatusBefore { get; private set; }

    public DistributorStatus? StatusAfter { get; private set; }

    public long? SponsorBefore { get; private set; }

    public long? SponsorAfter { get; private set; }

    /// <summary>The history begins: complete since <paramref name="since"/> (the beginning when nothing was sold yet).</summary>
    public static DistributorChange HistoryStarted(DateTime since) => new() { Kind = DistributorChangeKind.HistoryStarted, At = since };

    public static DistributorChange StatusChanged(long distributorId, DistributorStatus before, DistributorStatus after, DateTime at) =>
        new() { Kind = DistributorChangeKind.Status, DistributorId = distributorId, StatusBefore = before, StatusAfter = after, At = at };

    public static DistributorChange SponsorChanged(long distributorId, long? before, long after, DateTime at) =>
        new() { Kind = DistributorChangeKind.Sponsor, DistributorId = distributorId, SponsorBefore = before, SponsorAfter = after, At = at };
}
