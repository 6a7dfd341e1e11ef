namespace MlmNetwork.Domain;

/// <summary>One distributor counted in an income disclosure: their net earnings and payouts in the range, and when they joined.</summary>
public readonly record struct DistributorIncome(long EarnedCents, long PaidCents, DateTime JoinedAt);

/// <summary>A starter kit on offer, and how many of the people counted chose it when they joined.</summary>
public sealed record KitOffer(long Id, string Name, Money Price, long ChosenBy);

/// <summary>Earnings set against a starter kit's price: how many people earned less in the range than the kit costs.</summary>
public sealed record KitComparison(string Name, Money Price, bool Cheapest, bool MostChosen, long EarnedLess, decimal EarnedLessShare);

/// <summary>The statistics of one tenure group.</summary>
public sealed record TenureGroup(Tenure Tenure, EarningsSummary Earnings);

/// <summary>
/// An income disclosure statement: what the distributors of the network really earned over a
/// range of closed months, computed from the ledger and the payouts, never typed in.
/// <para>Who is counted: every distributor other than the company's own account who had joined
/// by the end of the range and had not been terminated before its start (whether they earned or
/// not), and anyone with a commission line in the range. Earnings: each one's commission lines counted in the range's months, earned net of
/// reversals and forfeits. Paid: what payouts for the range's months paid them. Tenure is the
/// time from joining to the end of the range. Statistics as <see cref="EarningsStatistics"/>.</para>
/// </summary>
public sealed record IncomeDisclosure(
    Period From,
    Period To,
    DateTime GeneratedAt,
    EarningsSummary All,
    IReadOnlyList<TenureGroup> ByTenure,
    Money Earned,
    Money Reversed,
    Money Forfeited,
    Money Paid,
    long PaidPeople,
    IReadOnlyList<KitComparison> Kits)
{
    /// <summary>The longest range a disclosure covers.</summary>
    public const int MaxMonths = 120;

    public Money NetCommissions => Earned + Reversed + Forfeited;

    public int Months => ((To.Year - From.Year) * 12) + To.Month - From.Month + 1;

    /// <summary>
    /// A range a disclosure may cover: from no later than to, at most <see cref="MaxMonths"/>
    /// months, every one of them closed (its figures final).
    /// </summary>
    public static void CheckRange(Period from, Period to, IReadOnlySet<int> closedKeys)
    {
        ArgumentNullException.ThrowIfNull(closedKeys);
        if (from > to)
        {
            throw DomainRuleException.Invalid($"The first month {from} comes after the last month {to}.", "from");
        }

        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month + 1;
        if (months > MaxMonths)
        {
            throw DomainRuleException.Invalid($"A disclosure covers at most {MaxMonths} months.", "from");
        }

        for (var period = from; period <= to; period = Period.Of(period.EndsAt))
        {
            if (!closedKeys.Contains(period.Key))
            {
                throw DomainRuleException.Invalid($"{period} is not closed; a disclosure covers closed months only.", "to");
            }
        }
    }

    /// <summary>
    /// Computes the disclosure of the people counted (<paramref name="people"/>, see the type's
    /// summary), with the ledger's totals of the range and the starter kits on offer: the
    /// cheapest and the most chosen (the cheaper of equals) are set against the earnings.
    /// </summary>
    public static IncomeDisclosure Compute(
        Period from, Period to, IReadOnlyList<DistributorIncome> people, IReadOnlyList<KitOffer> kitsOnOffer, Money earned, Money reversed, Money forfeited, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(kitsOnOffer);
        var end = to.EndsAt;
        var all = new long[people.Count];
        var byTenure = Enum.GetValues<Tenure>().ToDictionary(t => t, _ => new List<long>());
        long paid = 0, paidPeople = 0;
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            all[i] = person.EarnedCents;
            byTenure[Tenures.At(person.JoinedAt, end)].Add(person.EarnedCents);
            paid = checked(paid + person.PaidCents);
            if (person.PaidCents > 0)
            {
                paidPeople++;
            }
        }

        var summary = EarningsStatistics.Summarize(all);
        var groups = byTenure.Select(g => new TenureGroup(g.Key, EarningsStatistics.Summarize([.. g.Value]))).ToList();
        return new IncomeDisclosure(from, to, now, summary, groups, earned, reversed, forfeited, new Money(paid), paidPeople, CompareKits(all, kitsOnOffer));
    }

    private static List<KitComparison> CompareKits(long[] sorted, IReadOnlyList<KitOffer> kits)
    {
        if (kits.Count == 0)
        {
            return [];
        }

        var cheapest = kits.OrderBy(k => k.Price).ThenBy(k => k.Id).First();
        var mostChosen = kits.Where(k => k.ChosenBy > 0).OrderByDescending(k => k.ChosenBy).ThenBy(k => k.Price).ThenBy(k => k.Id).FirstOrDefault();
        return new[] { cheapest, mostChosen ?? cheapest }
            .Distinct()
            .Select(kit =>
            {
                var below = EarningsStatistics.CountBelow(sorted, kit.Price.Cents);
                return new KitComparison(kit.Name, kit.Price, kit == cheapest, kit == mostChosen, below, EarningsStatistics.Share(below, sorted.Length));
            })
            .ToList();
    }
}
