namespace MlmNetwork.Domain.Tests;

public class DisclosureRuleTests
{
    private static readonly DateTime End = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    // fewer than 10 people: no percentile at all
    [InlineData(1, 50, false)]
    [InlineData(9, 50, false)]
    // 10 people: p10 is the lowest (position 1), p90 the 9th, p99 the highest (position ⌈9.9⌉ = 10)
    [InlineData(10, 10, false)]
    [InlineData(10, 25, true)]
    [InlineData(10, 50, true)]
    [InlineData(10, 90, true)]
    [InlineData(10, 99, false)]
    [InlineData(11, 10, true)]      // ⌈1.1⌉ = 2: somebody below
    // 26 people (the demo): p10..p90 shown, p99 would be the top earner's
    [InlineData(26, 10, true)]
    [InlineData(26, 90, true)]
    [InlineData(26, 99, false)]
    [InlineData(99, 99, false)]     // ⌈98.01⌉ = 99 of 99: the highest
    [InlineData(100, 99, true)]     // 99th of 100: one person above
    [InlineData(1000000, 99, true)]
    public void A_percentile_is_shown_only_when_somebody_ranks_below_it_and_somebody_above(long count, int rank, bool shown)
    {
        Assert.Equal(shown, DisclosureRule.ShowsPercentile(count, rank));
    }

    [Theory]
    [InlineData(9, 10, false)]
    [InlineData(10, 10, false)]     // the top 10% of 10 is one person: the share times the total is what they earned
    [InlineData(26, 10, false)]     // 3 people
    [InlineData(90, 10, false)]     // 9 people
    [InlineData(91, 10, true)]      // ⌈9.1⌉ = 10 people
    [InlineData(100, 1, false)]     // the top 1% of 100 is one person
    [InlineData(900, 1, false)]
    [InlineData(901, 1, true)]      // ⌈9.01⌉ = 10 people
    public void A_top_share_is_shown_only_when_the_best_paid_are_at_least_ten_people(long count, int percent, bool shown)
    {
        Assert.Equal(shown, DisclosureRule.ShowsTopShare(count, percent));
    }

    [Theory]
    // counts of the tenure groups (under 1 year, 1-2, over 2) -> what is withheld: - shown, F fewer than 10, R reveals the smaller ones
    [InlineData("24 1 1", true, "R F F")]        // the demo: 26 - 24 would be Bob's and Alice's together
    [InlineData("30 20 0", true, "- - F")]       // an empty group hides nothing
    [InlineData("30 20 5", true, "- R F")]       // the smallest shown group goes with it: 25 withheld together
    [InlineData("30 20 12", true, "- - -")]
    [InlineData("30 12 5", true, "- R F")]
    [InlineData("12 11 3", true, "- R F")]       // the smallest shown first: 3 + 11 = 14
    [InlineData("40 9 3", true, "- F F")]        // 12 withheld together: enough
    [InlineData("5 3 1", false, "F F F")]        // a company of 9: nothing but the counts
    public void Tenure_groups_are_withheld_when_small_or_when_they_would_give_a_small_one_away(string counts, bool companyShown, string expected)
    {
        var withheld = DisclosureRule.WithheldGroups([.. counts.Split(' ').Select(long.Parse)], companyShown);
        Assert.Equal(expected, string.Join(' ', withheld.Select(w => w switch
        {
            null => "-",
            WithheldBecause.FewerThanMinimum => "F",
            WithheldBecause.RevealsSmallerGroups => "R",
            _ => "?",
        })));
    }

    private static DistributorIncome Person(long earned, long paid, int monthsBefore) => new(earned, paid, End.AddMonths(-monthsBefore));

    [Fact]
    public void A_small_company_shows_its_counts_only()
    {
        // Alice is the only one over two years and the top earner: nothing may give her 13004 away.
        var people = new[] { Person(0, 0, 2), Person(500, 0, 3), Person(6110, 0, 14), Person(13004, 13004, 30) };
        var raw = IncomeDisclosure.Compute(new Period(2026, 8), new Period(2026, 10), people, [new KitOffer(1, "Basic", new Money(3000), 2)], new Money(19614), Money.Zero, Money.Zero, End);

        var d = DisclosureRule.Apply(raw);

        Assert.Equal((4L, WithheldBecause.FewerThanMinimum), (d.All.Count, d.All.Withheld));
        Assert.Equal([null, null, null, null, null], new object?[] { d.All.EarnedNothing, d.All.EarnedNothingShare, d.All.Total, d.All.Mean, d.All.Median });
        Assert.All(d.All.Percentiles, p => Assert.Null(p.Value));
        Assert.Equal((null, true, null, true), (d.All.Top1Share, d.All.Top1Withheld, d.All.Top10Share, d.All.Top10Withheld));
        Assert.Equal([2L, 1, 1], d.ByTenure.Select(g => g.Earnings.Count));
        Assert.All(d.ByTenure, g => Assert.Equal(WithheldBecause.FewerThanMinimum, g.Earnings.Withheld));
        Assert.All(d.ByTenure, g => Assert.Null(g.Earnings.Mean));
        Assert.Null(d.Commissions);
        Assert.Null(d.Kits);
        Assert.True(d.WithholdsAnything);
    }

    [Fact]
    public void A_company_of_twenty_six_shows_its_middle_figures_and_withholds_the_top_and_the_small_groups()
    {
        // 24 under a year earning 100, 200, ... 2400; Bob one to two years (6110), Alice over two (13004).
        var people = Enumerable.Range(1, 24).Select(i => Person(i * 100, 0, 2)).Append(Person(6110, 6110, 14)).Append(Person(13004, 13004, 30)).ToList();
        var raw = IncomeDisclosure.Compute(new Period(2026, 8), new Period(2026, 10), people, [new KitOffer(1, "Basic", new Money(3000), 26)], new Money(49114), Money.Zero, Money.Zero, End);

        var d = DisclosureRule.Apply(raw);

        Assert.Null(d.All.Withheld);
        Assert.Equal((26L, new Money(49114), new Money(1889), new Money(1300)), (d.All.Count, d.All.Total!.Value, d.All.Mean!.Value, d.All.Median!.Value));
        // positions ⌈p·26/100⌉: 3, 7, 13, 20, 24 (the 24th is 2400); the 99th would be the 26th, Alice
        Assert.Equal(new long?[] { 300, 700, 1300, 2000, 2400, null }, d.All.Percentiles.Select(p => p.Value?.Cents));
        Assert.Equal((null, true, null, true), (d.All.Top1Share, d.All.Top1Withheld, d.All.Top10Share, d.All.Top10Withheld));
        Assert.Equal([WithheldBecause.RevealsSmallerGroups, WithheldBecause.FewerThanMinimum, WithheldBecause.FewerThanMinimum], d.ByTenure.Select(g => g.Earnings.Withheld));
        Assert.Equal([24L, 1, 1], d.ByTenure.Select(g => g.Earnings.Count));
        Assert.All(d.ByTenure, g => Assert.Null(g.Earnings.Total));
        // Two were paid: what they were paid together is withheld; the ledger's totals of 26 people are not.
        Assert.Equal((new Money(49114), (Money?)null, 2L), (d.Commissions!.Net, d.Commissions.Paid, d.Commissions.PaidPeople));
        Assert.Equal(24, Assert.Single(d.Kits!).EarnedLess);   // all but Bob and Alice earned less than 30.00
    }

    [Fact]
    public void Large_groups_show_every_figure()
    {
        // 1,000 people earning 1..1000 cents; 100 of them over two years, 900 under one; all paid.
        var people = Enumerable.Range(1, 1000).Select(i => Person(i, i, i <= 100 ? 30 : 2)).ToList();
        var raw = IncomeDisclosure.Compute(new Period(2026, 1), new Period(2026, 10), people, [], new Money(500500), Money.Zero, Money.Zero, End);

        var d = DisclosureRule.Apply(raw);

        Assert.False(d.All.WithholdsAnything);
        Assert.Equal(new long?[] { 100, 250, 500, 750, 900, 990 }, d.All.Percentiles.Select(p => p.Value?.Cents));
        Assert.Equal((raw.All.Top1Share, raw.All.Top10Share), (d.All.Top1Share, d.All.Top10Share));
        Assert.Equal(new Money(500500), d.Commissions!.Paid);
        var over = d.ByTenure.Single(g => g.Tenure == Tenure.OverTwoYears).Earnings;
        // 100 people: p99 is the 99th, the top 10% are 10 people; the top 1% would be one.
        Assert.Equal(new Money(99), over.PercentileOf(99));
        Assert.NotNull(over.Top10Share);
        Assert.True(over.Top1Withheld);
        Assert.Equal(WithheldBecause.FewerThanMinimum, d.ByTenure.Single(g => g.Tenure == Tenure.OneToTwoYears).Earnings.Withheld);
    }
}
