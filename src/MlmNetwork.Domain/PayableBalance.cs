namespace MlmNetwork.Domain;

/// <summary>
/// What the company may pay a distributor in a payout run up to a month (docs/rules.md rule 10):
/// their lines up to that month minus everything already paid to them, and never more than
/// their whole balance (a refund written since is recovered before anything more is paid).
/// A negative balance pays nothing and carries over.
/// </summary>
public readonly record struct PayableBalance(Money EarnedUpTo, Money EarnedInAll, Money Paid)
{
    /// <summary>Every line minus every payout: what the company owes today.</summary>
    public Money Balance => EarnedInAll - Paid;

    public Money Payable
    {
        get
        {
            var earned = EarnedUpTo < EarnedInAll ? EarnedUpTo : EarnedInAll;
            var payable = earned - Paid;
            return payable > Money.Zero ? payable : Money.Zero;
        }
    }
}
