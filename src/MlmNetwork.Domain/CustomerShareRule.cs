namespace MlmNetwork.Domain;

/// <summary>
/// A month's personal volume as the close sees it (docs/rules.md, "customer share"): the commission
/// base of the distributor's own sales of the month net of refunds written in it
/// (<paramref name="Personal"/>), and the part of it sold to customers (<paramref name="Customer"/>);
/// the rest is personal use. Starter kits count in neither (rule 9).
/// </summary>
public readonly record struct MonthVolume(Money Personal, Money Customer)
{
    /// <summary>
    /// The share of the volume sold to customers, rounded down to the basis point and held
    /// between 0 and 100 %; none when there is no positive volume to share (0 of 0).
    /// </summary>
    public Percent? CustomerShare => ShareOf(Customer, Personal);

    /// <summary>
    /// <paramref name="part"/> as a share of <paramref name="whole"/>, rounded down to the basis
    /// point (so a share shown as 70 % is never really 69.99 %) and held between 0 and 100 %; none
    /// when the whole is zero or negative.
    /// </summary>
    public static Percent? ShareOf(Money part, Money whole)
    {
        if (whole <= Money.Zero)
        {
            return null;
        }

        return new Percent((int)Math.Clamp(part.Cents * 10_000 / whole.Cents, 0, 10_000));
    }
}

/// <summary>
/// The plan's minimum customer share (docs/rules.md, "customer share"): to qualify for downline
/// commissions (levels 1 and up) in a month, at least <see cref="Minimum"/> of the distributor's
/// personal volume of the month must have been sold to customers. A distributor with no positive
/// volume (0 of 0) does not qualify when a minimum is set. The report flags everyone below it;
/// only when <see cref="ForfeitAtClose"/> is on does the month's close forfeit what remains of the
/// unqualified distributor's downline lines of the month; their own-sale lines (level 0) stay.
/// </summary>
public readonly record struct CustomerShareRule
{
    public CustomerShareRule(Percent? minimum, bool forfeitAtClose)
    {
        Minimum = minimum is { BasisPoints: 0 } ? null : minimum; // 0 % asks nothing: the same as none
        ForfeitAtClose = forfeitAtClose;
    }

    /// <summary>No minimum, nothing forfeited.</summary>
    public static CustomerShareRule None => default;

    /// <summary>The least share of volume sold to customers; null when the plan asks none.</summary>
    public Percent? Minimum { get; }

    /// <summary>Whether the month's close forfeits the downline lines of the unqualified.</summary>
    public bool ForfeitAtClose { get; }

    /// <summary>Whether the plan asks for any customer share at all.</summary>
    public bool Applies => Minimum is not null;

    /// <summary>Whether the close takes anything back under this rule.</summary>
    public bool Forfeits => Applies && ForfeitAtClose;

    /// <summary>Whether a month's volume qualifies for downline commissions: always when no minimum is set; never with no positive volume.</summary>
    public bool Qualifies(MonthVolume volume) =>
        Minimum is not { } minimum || (volume.Personal > Money.Zero && volume.Customer.Cents * 10_000 >= (long)minimum.BasisPoints * volume.Personal.Cents);

    /// <summary>
    /// What closing the month takes back of one line of <paramref name="level"/> of which
    /// <paramref name="outstanding"/> remains: all of it for a downline line (level 1 and up) of
    /// an unqualified beneficiary while the switch is on; nothing otherwise.
    /// </summary>
    public Money ForfeitOf(int level, MonthVolume volume, Money outstanding) =>
        Forfeits && level >= 1 && outstanding > Money.Zero && !Qualifies(volume) ? outstanding : Money.Zero;
}
