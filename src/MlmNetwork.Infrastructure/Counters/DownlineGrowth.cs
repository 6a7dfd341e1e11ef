namespace MlmNetwork.Infrastructure;

/// <summary>
/// How many of the people now in a distributor's downline joined the network in a month (team
/// growth): kept as the tree changes (a sign-up counts for every ancestor; a sponsor move carries
/// the moved team's months from the old upline to the new), never counted per request.
/// </summary>
public sealed class DownlineGrowth
{
    public long DistributorId { get; set; }

    public int PeriodKey { get; set; }

    public long JoinedCount { get; set; }
}
