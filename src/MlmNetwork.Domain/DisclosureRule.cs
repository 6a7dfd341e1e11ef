namespace MlmNetwork.Domain;

/// <summary>
/// What a published income disclosure withholds so that nobody's earnings can be read from it
/// (docs/rules.md, rule 12). Every figure it would publish is either a sum or average over a
/// group, or one person's amount (a nearest-rank percentile is always what somebody earned):
/// <list type="bullet">
/// <item>A group (the whole company or a tenure group) of fewer than <see cref="MinPeople"/>
/// distributors shows its count only. When the company is withheld, so are its commission
/// totals and the starter kit comparison.</item>
/// <item>If the withheld tenure groups hold 1 to <see cref="MinPeople"/> − 1 people together, their
/// totals would be the company's minus the shown groups': the smallest shown groups are withheld
/// too, until the withheld ones hold at least <see cref="MinPeople"/> (or all are withheld).</item>
/// <item>A percentile p of a shown group of n is shown only when its position ⌈p·n/100⌉ is neither
/// the first nor the last: somebody ranks below it and somebody above, so it is never the group's
/// lowest or highest earnings (p99 needs 100 people, p90 10, p10 11).</item>
/// <item>The share the best-paid k% took is shown only when they are at least
/// <see cref="MinPeople"/> people (⌈k·n/100⌉ ≥ 10: the top 10% needs 91 people, the top 1% 901);
/// otherwise the share times the total would be the sum of a few people's earnings, or one's.</item>
/// <item>The amount paid out is shown only when at least <see cref="MinPeople"/> distributors were paid.</item>
/// </list>
/// The rule is applied whenever a disclosure is shown (the stored snapshot keeps every figure), so
/// a snapshot published before the rule existed does not leak either.
/// </summary>
public static class DisclosureRule
{
    /// <summary>The fewest people a published figure may be drawn from.</summary>
    public const int MinPeople = 10;

    /// <summary>Whether the nearest-rank <paramref name="rank"/>-th percentile of <paramref name="count"/> people may be shown.</summary>
    public static bool ShowsPercentile(long count, int rank)
    {
        if (count < MinPeople)
        {
            return false;
        }

        var position = (long)Math.Ceiling(rank * (decimal)count / 100m);
        return position >= 2 && position <= count - 1;
    }

    /// <summary>Whether the share the best-paid <paramref name="percent"/>% of <paramref name="count"/> people took may be shown.</summary>
    public static bool ShowsTopShare(long count, int percent) =>
        count >= MinPeople && (long)Math.Ceiling(percent * (decimal)count / 100m) >= MinPeople;

    /// <summary>
    /// Which of the tenure groups (their counts) are withheld and why, given whether the whole
    /// company is shown: the small ones, then the smallest others until the withheld together
    /// hold none or at least <see cref="MinPeople"/>.
    /// </summary>
    public static IReadOnlyList<WithheldBecause?> WithheldGroups(IReadOnlyList<long> counts, bool companyShown)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var withheld = counts.Select(c => !companyShown || c < MinPeople ? WithheldBecause.FewerThanMinimum : (WithheldBecause?)null).ToArray();
        var hidden = counts.Where((_, i) => withheld[i] is not null).Sum();
        while (hidden is > 0 and < MinPeople && withheld.Any(w => w is null))
        {
            var smallest = Enumerable.Range(0, counts.Count).Where(i => withheld[i] is null).OrderBy(i => counts[i]).ThenBy(i => i).First();
            withheld[smallest] = WithheldBecause.RevealsSmallerGroups;
            hidden += counts[smallest];
        }

        return withheld;
    }

    /// <summary>The disclosure as it may be shown to anybody.</summary>
    public static DisclosedIncome Apply(IncomeDisclosure disclosure)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        var companyShown = disclosure.All.Count >= MinPeople;
        var groups = WithheldGroups([.. disclosure.ByTenure.Select(g => g.Earnings.Count)], companyShown);
        return new DisclosedIncome(
            disclosure.From,
            disclosure.To,
            disclosure.Months,
            disclosure.GeneratedAt,
            Earnings(disclosure.All, companyShown ? null : WithheldBecause.FewerThanMinimum),
            [.. disclosure.ByTenure.Select((g, i) => new DisclosedTenureGroup(g.Tenure, Earnings(g.Earnings, groups[i])))],
            companyShown
                ? new DisclosedCommissions(disclosure.Earned, disclosure.Reversed, disclosure.Forfeited, disclosure.PaidPeople >= MinPeople ? disclosure.Paid : null, disclosure.PaidPeople)
                : null,
            companyShown ? disclosure.Kits : null);
    }

    /// <summary>A group's figures as they may be shown; all but the count withheld when <paramref name="withheld"/> says why.</summary>
    public static DisclosedEarnings Earnings(EarningsSummary summary, WithheldBecause? withheld)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (withheld is not null || summary.Count < MinPeople)
        {
            return new DisclosedEarnings(
                summary.Count, withheld ?? WithheldBecause.FewerThanMinimum, null, null, null, null, null,
                [.. summary.Percentiles.Select(p => new DisclosedPercentile(p.Rank, null))], null, true, null, true);
        }

        bool top1 = ShowsTopShare(summary.Count, 1), top10 = ShowsTopShare(summary.Count, 10);
        return new DisclosedEarnings(
            summary.Count, null, summary.EarnedNothing, summary.EarnedNothingShare, summary.Total, summary.Mean, summary.Median,
            [.. summary.Percentiles.Select(p => new DisclosedPercentile(p.Rank, ShowsPercentile(summary.Count, p.Rank) ? p.Value : null))],
            top1 ? summary.Top1Share : null, !top1, top10 ? summary.Top10Share : null, !top10);
    }
}
