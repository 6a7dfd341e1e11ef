namespace MlmNetwork.Domain;

public enum CommissionLineKind
{
    /// <summary>Earned from a sale.</summary>
    Commission = 0,
    /// <summary>Reverses an earlier line (a refund).</summary>
    Reversal = 1,
}

/// <summary>
/// One immutable ledger entry: who earns, from which sale, at which level, how much, under
/// which plan version. Never edited or deleted; a correction is a new line.
/// </summary>
public sealed class CommissionLine
{
    private CommissionLine()
    {
    }

    public long Id { get; private set; }

    public long SaleId { get; private set; }

    public long BeneficiaryId { get; private set; }

    /// <summary>0 for the seller's own sale, k for the k-th paid ancestor.</summary>
    public int Level { get; private set; }

    public Percent Percent { get; private set; }

    public Money Amount { get; private set; }

    public int PlanVersion { get; private set; }

    public CommissionLineKind Kind { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>The period key (yyyyMM) the line counts in: when it was written.</summary>
    public int PeriodKey { get; private set; }

    internal static CommissionLine Earned(Sale sale, CommissionShare share, int planVersion, DateTime now) => new()
    {
        SaleId = sale.Id,
        BeneficiaryId = share.BeneficiaryId,
        Level = share.Level,
        Percent = share.Percent,
        Amount = share.Amount,
        PlanVersion = planVersion,
        Kind = CommissionLineKind.Commission,
        CreatedAt = now,
        PeriodKey = Period.Of(now).Key,
    };
}
