namespace MlmNetwork.Domain;

/// <summary>
/// A distributor's statement for a closed month: the balance at the start, the month's
/// movements (earned, reversed, forfeited, paid out) and the balance at the end. It shows; it is
/// never itself payable — what the company owes is the one balance (docs/rules.md, "Balance").
/// Written when the month closes and never changed: later lines and payouts count in the month
/// they are written, so each statement opens where the one before closed.
/// </summary>
public sealed class Statement
{
    private Statement()
    {
    }

    public long Id { get; private set; }

    public int PeriodKey { get; private set; }

    public long DistributorId { get; private set; }

    /// <summary>The balance at the start of the month: every earlier line minus every earlier payout.</summary>
    public Money Opening { get; private set; }

    public Money Earned { get; private set; }

    public Money Reversed { get; private set; }

    public Money Forfeited { get; private set; }

    /// <summary>Payouts recorded during the month (they count in the month they are made, whatever they paid for).</summary>
    public Money Paid { get; private set; }

    public Money PersonalVolume { get; private set; }

    public bool Qualified { get; private set; }

    /// <summary>The balance at the end of the month.</summary>
    public Money Closing => Opening + Earned + Reversed + Forfeited - Paid;

    public static Statement For(Period period, long distributorId, Money opening, Money earned, Money reversed, Money forfeited, Money paid, Money personalVolume, bool qualified) => new()
    {
        PeriodKey = period.Key,
        DistributorId = distributorId,
        Opening = opening,
        Earned = earned,
        Reversed = reversed,
        Forfeited = forfeited,
        Paid = paid,
        PersonalVolume = personalVolume,
        Qualified = qualified,
    };
}
