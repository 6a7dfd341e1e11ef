namespace MlmNetwork.Domain;

/// <summary>Why a group's figures are withheld from a published income disclosure (<see cref="DisclosureRule"/>).</summary>
public enum WithheldBecause
{
    /// <summary>The group has fewer than <see cref="DisclosureRule.MinPeople"/> distributors.</summary>
    FewerThanMinimum = 1,
    /// <summary>Subtracted from the whole company's figures, the group's would give away a smaller group's.</summary>
    RevealsSmallerGroups = 2,
}

/// <summary>A percentile as published: its value, or null when the rule withholds it.</summary>
public sealed record DisclosedPercentile(int Rank, Money? Value);

/// <summary>
/// A group's earnings as published (<see cref="DisclosureRule"/>): the count always; the other
/// figures null when withheld. <see cref="Withheld"/> says why the whole group is withheld; a
/// group that is shown may still withhold a percentile or a top share (its flag says so, where
/// null alone would also mean that nothing was earned).
/// </summary>
public sealed record DisclosedEarnings(
    long Count,
    WithheldBecause? Withheld,
    long? EarnedNothing,
    decimal? EarnedNothingShare,
    Money? Total,
    Money? Mean,
    Money? Median,
    IReadOnlyList<DisclosedPercentile> Percentiles,
    decimal? Top1Share,
    bool Top1Withheld,
    decimal? Top10Share,
    bool Top10Withheld)
{
    public Money? PercentileOf(int rank) => Percentiles.Single(p => p.Rank == rank).Value;

    /// <summary>Whether any of the group's figures is withheld (the count never is).</summary>
    public bool WithholdsAnything => Withheld is not null || Top1Withheld || Top10Withheld || Percentiles.Any(p => p.Value is null);
}

/// <summary>A tenure group's earnings as published.</summary>
public sealed record DisclosedTenureGroup(Tenure Tenure, DisclosedEarnings Earnings);

/// <summary>
/// The company's commission totals of the range as published; <see cref="Paid"/> is null when
/// fewer than <see cref="DisclosureRule.MinPeople"/> distributors were paid.
/// </summary>
public sealed record DisclosedCommissions(Money Earned, Money Reversed, Money Forfeited, Money? Paid, long PaidPeople)
{
    public Money Net => Earned + Reversed + Forfeited;
}

/// <summary>
/// An income disclosure as it may be shown to anybody: <see cref="IncomeDisclosure"/> with every
/// figure withheld that could give away what one person earned (<see cref="DisclosureRule"/>).
/// <see cref="Commissions"/> and <see cref="Kits"/> are null when the whole company is withheld.
/// </summary>
public sealed record DisclosedIncome(
    Period From,
    Period To,
    int Months,
    DateTime GeneratedAt,
    DisclosedEarnings All,
    IReadOnlyList<DisclosedTenureGroup> ByTenure,
    DisclosedCommissions? Commissions,
    IReadOnlyList<KitComparison>? Kits)
{
    /// <summary>Whether any figure is withheld.</summary>
    public bool WithholdsAnything =>
        All.WithholdsAnything || ByTenure.Any(g => g.Earnings.WithholdsAnything) || Commissions?.Paid is null || Kits is null;
}
