namespace MlmNetwork.Domain;

/// <summary>
/// Money paid to a distributor: one item of a confirmed payout run (payouts recorded before
/// runs existed keep the statement they were recorded against). Immutable once written.
/// </summary>
public sealed class Payout
{
    private Payout()
    {
        Reference = string.Empty;
        RecordedBy = string.Empty;
    }

    public long Id { get; private set; }

    public long DistributorId { get; private set; }

    /// <summary>The run that paid it; null for a payout recorded before payout runs.</summary>
    public long? PayoutRunId { get; private set; }

    /// <summary>The statement a payout recorded before payout runs was made against; null since.</summary>
    public long? StatementId { get; private set; }

    public Money Amount { get; private set; }

    /// <summary>The month whose earnings (and earlier ones) it paid.</summary>
    public int UpToPeriodKey { get; private set; }

    /// <summary>The month it counts in on the statements: the month it was recorded.</summary>
    public int PeriodKey { get; private set; }

    public DateOnly PaidOn { get; private set; }

    public string Reference { get; private set; }

    public DateTime RecordedAt { get; private set; }

    public string RecordedBy { get; private set; }

    /// <summary>
    /// Records a payment (docs/rules.md rule 10): a positive amount that never exceeds what is
    /// payable, given what the distributor earned up to the month paid for and what was already
    /// paid to them.
    /// </summary>
    public static Payout Record(long distributorId, Money amount, PayableBalance balance, Period upTo, long? payoutRunId, DateOnly paidOn, string reference, DateTime now, string actor)
    {
        if (amount <= Money.Zero)
        {
            throw DomainRuleException.Invalid($"A payout is a positive amount.", "amount");
        }

        if (amount > balance.Payable)
        {
            throw DomainRuleException.Conflict($"Distributor #{distributorId} may be paid at most {balance.Payable} now (earned {balance.EarnedUpTo} up to {upTo}, balance {balance.Balance}, already paid {balance.Paid}); {amount} would pay more than is owed.", "amount");
        }

        return new Payout
        {
            DistributorId = distributorId,
            PayoutRunId = payoutRunId,
            Amount = amount,
            UpToPeriodKey = upTo.Key,
            PeriodKey = Period.Of(now).Key,
            PaidOn = PaymentDetails.CheckPaidOn(paidOn, upTo, now),
            Reference = PaymentDetails.CheckReference(reference),
            RecordedAt = now,
            RecordedBy = actor,
        };
    }
}
