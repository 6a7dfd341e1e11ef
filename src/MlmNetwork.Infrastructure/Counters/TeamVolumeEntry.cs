using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// A sale's (or a refund's) volume waiting to be added to the team counters of the seller's
/// whole upline: written with the sale as one row, so concurrent sales never queue behind
/// each other on a busy leader's counters; <c>TeamVolumeRollup</c> applies and removes it.
/// </summary>
public sealed class TeamVolumeEntry
{
    public long Id { get; set; }

    public long DistributorId { get; set; }

    public int PeriodKey { get; set; }

    public int SaleCount { get; set; }

    public Money Volume { get; set; }
}
