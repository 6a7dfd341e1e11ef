namespace MlmNetwork.Domain;

/// <summary>Which rule of the month's close took a line back.</summary>
public enum ForfeitCause
{
    None = 0,
    /// <summary>The beneficiary's personal volume was below the plan's minimum.</summary>
    PersonalVolume = 1,
    /// <summary>The share of the beneficiary's volume sold to customers was below the plan's minimum (a downline line).</summary>
    CustomerShare = 2,
}

/// <summary>What the month's close forfeits of one line, and why.</summary>
public readonly record struct CloseForfeit(Money Amount, ForfeitCause Cause);

/// <summary>
/// The qualification rules a month's close applies to each line earned in the month, in order
/// (docs/rules.md, "personal volume" and "customer share"): first the minimum personal volume,
/// which takes what remains of every line; then, on what the first left, the minimum customer
/// share, which takes what remains of downline lines. A line is therefore forfeited at most once,
/// with the reason of the rule that took it. The close, the simulator's replay and the reports ask this type.
/// </summary>
public readonly record struct CloseRules(MinimumVolume Minimum, CustomerShareRule CustomerShare)
{
    /// <summary>Whether the close can take anything back at all.</summary>
    public bool Forfeit => Minimum.Applies || CustomerShare.Forfeits;

    /// <summary>What the close takes back of a line of <paramref name="level"/> of which <paramref name="outstanding"/> remains after refunds.</summary>
    public CloseForfeit ForfeitOf(int level, MonthVolume volume, Money outstanding)
    {
        var byVolume = Minimum.Forfeits(volume.Personal, outstanding);
        if (byVolume > Money.Zero)
        {
            return new CloseForfeit(byVolume, ForfeitCause.PersonalVolume);
        }

        var byShare = CustomerShare.ForfeitOf(level, volume, outstanding);
        return byShare > Money.Zero ? new CloseForfeit(byShare, ForfeitCause.CustomerShare) : new CloseForfeit(Money.Zero, ForfeitCause.None);
    }
}
