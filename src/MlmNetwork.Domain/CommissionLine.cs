namespace MlmNetwork.Domain;

public enum CommissionLineKind
{
    /// <summary>Earned from a sale.</summary>
    Commission = 0,
    /// <summary>Reverses an earlier line of the same sale (a refund).</summary>
    Reversal = 1,
    /// <summary>Takes back a line of a period whose beneficiary did not qualify (minimum personal volume).</summary>
    Forfeit = 2,
}

/// <summary>
/// One immutable ledger entry: who earns, from which sale, at which level, how much, under
/// which plan version. Never edited or deleted; a correction is a new line.
/// </summary>
public sealed class CommissionLine
{
    public const int ReasonMaxLength = 300;

    private CommissionLine()
    {
    }

    public long Id { get; private set; }

    public long SaleId { get; private set; }

    public long BeneficiaryId { get; private set; }

    /// <summary>0 for the seller's own sale, k for the k-th paid level.</summary>
    public int Level { get; private set; }

    /// <summary>How far above the seller the beneficiary stood when the sale posted (differs from the level when compression skipped somebody).</summary>
    public int Distance { get; private set; }

    public Percent Percent { get; private set; }

    public Money Amount { get; private set; }

    public int PlanVersion { get; private set; }

    public CommissionLineKind Kind { get; private set; }

    /// <summary>The line this one cancels (reversals and forfeits).</summary>
    public long? ReversesLineId { get; private set; }

    /// <summary>The line this one cancels, while both are in memory (before the first has an id).</summary>
    private CommissionLine? cancelledLine;

    /// <summary>The refund that wrote this reversal; null for other lines (and reversals written before refunds were recorded on their own).</summary>
    public long? SaleRefundId { get; private set; }

    /// <summary>Why a forfeit or reversal was written.</summary>
    public string? Reason { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>The period key (yyyyMM) the line counts in: when it was written, or the closed period a forfeit belongs to.</summary>
    public int PeriodKey { get; private set; }

    internal static CommissionLine Earned(Sale sale, CommissionShare share, int planVersion, DateTime now) => new()
    {
        SaleId = sale.Id,
        BeneficiaryId = share.BeneficiaryId,
        Level = share.Level,
        Distance = share.Distance,
        Percent = share.Percent,
        Amount = share.Amount,
        PlanVersion = planVersion,
        Kind = CommissionLineKind.Commission,
        CreatedAt = now,
        PeriodKey = Period.Of(now).Key,
    };

    /// <summary>
    /// What a refund takes back of one earned line (docs/rules.md rule 7): the refunded base
    /// times the line's percent, rounded half away from zero, never more than
    /// <paramref name="outstanding"/> (what remains of the line); the refund that completes the
    /// sale takes exactly what remains. Zero when no reversing line is written.
    /// </summary>
    public static Money RefundReversal(Money refundBase, Percent percent, Money outstanding, bool completes)
    {
        if (completes)
        {
            return outstanding;
        }

        var share = refundBase.PercentOf(percent);
        var amount = share < outstanding ? share : outstanding;
        return amount > Money.Zero ? amount : Money.Zero;
    }

    /// <summary>Reverses <paramref name="amount"/> of this earned line (all of it or a refunded part), in the period open at <paramref name="now"/>.</summary>
    internal CommissionLine ReversePart(Money amount, string reason, DateTime now) => Cancel(CommissionLineKind.Reversal, amount, reason, now, Period.Of(now));

    /// <summary>
    /// Takes back what remains of this line (<paramref name="outstanding"/>, after any partial
    /// refund) because its beneficiary did not qualify in <paramref name="period"/> (rule:
    /// minimum personal volume). Only an earned line can be forfeited, and only in its own month
    /// (the close of the month it counts in), so its forfeit counts in that month too.
    /// </summary>
    public CommissionLine Forfeit(Money outstanding, string reason, DateTime now, Period period)
    {
        if (Kind != CommissionLineKind.Commission)
        {
            throw DomainRuleException.Invalid($"Only an earned line can be forfeited.");
        }

        if (period.Key != PeriodKey)
        {
            throw DomainRuleException.Invalid($"A line of {Period.FromKey(PeriodKey)} can only be forfeited at the close of that month, not of {period}.");
        }

        return Cancel(CommissionLineKind.Forfeit, outstanding, reason, now, period);
    }

    /// <summary>True when this line reverses or forfeits <paramref name="line"/>.</summary>
    public bool Cancels(CommissionLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return ReferenceEquals(cancelledLine, line) || (line.Id != 0 && ReversesLineId == line.Id);
    }

    private CommissionLine Cancel(CommissionLineKind kind, Money amount, string reason, DateTime now, Period period) => new()
    {
        SaleId = SaleId,
        BeneficiaryId = BeneficiaryId,
        Level = Level,
        Distance = Distance,
        Percent = Percent,
        Amount = -amount,
        PlanVersion = PlanVersion,
        Kind = kind,
        ReversesLineId = Id,
        cancelledLine = this,
        Reason = reason.Length > ReasonMaxLength ? reason[..ReasonMaxLength] : reason,
        CreatedAt = now,
        PeriodKey = period.Key,
    };
}
