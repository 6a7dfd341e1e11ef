namespace MlmNetwork.Domain;

/// <summary>
/// The plan's minimum personal volume for a month (docs/rules.md, "personal volume"): when the
/// month closes, a beneficiary whose personal volume is below it forfeits what remains of every
/// line they earned in that month (after any refunds). A minimum of zero asks nothing and
/// forfeits nothing. The month's close and the dashboard's "what is at risk" both ask this type.
/// </summary>
public readonly record struct MinimumVolume(Money Minimum)
{
    /// <summary>Whether the plan asks for any volume at all.</summary>
    public bool Applies => Minimum > Money.Zero;

    /// <summary>Whether a month's personal volume keeps that month's lines.</summary>
    public bool Keeps(Money personalVolume) => !Applies || personalVolume >= Minimum;

    /// <summary>
    /// What closing the month takes back of one line earned in it, of which
    /// <paramref name="outstanding"/> remains after refunds: all of what remains when the
    /// volume falls short, nothing otherwise (nor when nothing remains).
    /// </summary>
    public Money Forfeits(Money personalVolume, Money outstanding) =>
        Keeps(personalVolume) || outstanding <= Money.Zero ? Money.Zero : outstanding;

    /// <summary>
    /// Where a beneficiary stands in an open month: the volume still missing, and what the
    /// close would forfeit if the month ended now. <paramref name="outstanding"/> is what
    /// remains of all the lines they earned in the month; no line's remainder is ever negative
    /// (a refund never takes back more than was earned), so forfeiting the month's lines one by
    /// one takes exactly their sum.
    /// </summary>
    public VolumeProgress Progress(Money personalVolume, Money outstanding) => new(
        Minimum,
        personalVolume,
        Keeps(personalVolume) ? Money.Zero : Minimum - personalVolume,
        Forfeits(personalVolume, outstanding));
}

/// <summary>A beneficiary's standing against the minimum personal volume in an open month.</summary>
/// <param name="Minimum">The plan's minimum for the month.</param>
/// <param name="PersonalVolume">The month's personal volume so far.</param>
/// <param name="Missing">The volume still needed to keep the month's lines (zero once reached).</param>
/// <param name="AtRisk">What the close would forfeit if the month ended now.</param>
public sealed record VolumeProgress(Money Minimum, Money PersonalVolume, Money Missing, Money AtRisk)
{
    public bool Reached => Missing == Money.Zero;

    /// <summary>How far along, 0 to 100 (whole percent, rounded down; 100 once reached).</summary>
    public int PercentDone => Reached || Minimum <= Money.Zero
        ? 100
        : (int)Math.Clamp(Math.Max(PersonalVolume.Cents, 0) * 100 / Minimum.Cents, 0, 99);
}
