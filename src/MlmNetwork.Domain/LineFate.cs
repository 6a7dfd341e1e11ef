namespace MlmNetwork.Domain;

/// <summary>A refund of a sale as a replay sees it: when it was written, the base it took back, and whether it completed the sale.</summary>
public readonly record struct RefundEvent(DateTime At, Money Base, bool Completes);

/// <summary>
/// What became of one earned line: what it earned, what refunds reversed and what the month's
/// close forfeited, signed as in the ledger (reversed and forfeited are zero or negative).
/// </summary>
public readonly record struct LineFate(Money Earned, Money Reversed, Money Forfeited)
{
    public Money Net => Earned + Reversed + Forfeited;

    /// <summary>
    /// Replays the ledger's rules on one line earned under some plan (docs/rules.md rules 7,
    /// "personal volume" and "customer share"): the sale's refunds in order reverse <see cref="CommissionLine.RefundReversal"/>
    /// of what remains; the close of the sale's month (when it has closed: <paramref name="closedAt"/>)
    /// forfeits what <paramref name="rules"/> take of what remains then, given the beneficiary's
    /// volume of the month. A refund written at or before the close's moment comes before it.
    /// The same rules that wrote the real lines, so a plan replayed on its own sales gives them back.
    /// </summary>
    /// <param name="earned">The line's amount (positive).</param>
    /// <param name="percent">The line's percent, which a partial refund applies to the refunded base.</param>
    /// <param name="refunds">The sale's refunds, oldest first.</param>
    /// <param name="closedAt">When the sale's month was closed; null while it is open.</param>
    /// <param name="level">The line's level (0 for the seller's own).</param>
    /// <param name="rules">The qualification rules applied at that close.</param>
    /// <param name="volume">The beneficiary's volume in the sale's month at the close.</param>
    public static LineFate Of(Money earned, Percent percent, int level, IReadOnlyList<RefundEvent> refunds, DateTime? closedAt, CloseRules rules, MonthVolume volume)
    {
        ArgumentNullException.ThrowIfNull(refunds);
        var outstanding = earned;
        var reversed = Money.Zero;
        var forfeited = Money.Zero;
        var closeDone = closedAt is null; // an open month has no close to replay
        foreach (var refund in refunds)
        {
            if (!closeDone && refund.At > closedAt)
            {
                forfeited = -rules.ForfeitOf(level, volume, outstanding).Amount;
                outstanding += forfeited;
                closeDone = true;
            }

            var amount = CommissionLine.RefundReversal(refund.Base, percent, outstanding, refund.Completes);
            reversed -= amount;
            outstanding -= amount;
        }

        if (!closeDone)
        {
            forfeited = -rules.ForfeitOf(level, volume, outstanding).Amount;
        }

        return new LineFate(earned, reversed, forfeited);
    }
}
