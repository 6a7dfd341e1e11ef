using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// What a distributor earned in a month, all levels and kinds of line together (the sum of their
/// <see cref="DistributorEarnings"/> of the month), kept so the top earners are read off an index.
/// </summary>
public sealed class EarnerMonthTotal
{
    public long DistributorId { get; set; }

    public int PeriodKey { get; set; }

    public Money Amount { get; set; }
}
