using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure;

/// <summary>Earnings per distributor, month and level: the sum of their ledger lines, kept as the lines are written.</summary>
public sealed class DistributorEarnings
{
    public long DistributorId { get; set; }

    public int PeriodKey { get; set; }

    public int Level { get; set; }

    public Money Amount { get; set; }

    public int LineCount { get; set; }
}
