namespace MlmNetwork.Domain.Tests;

public class IncomeDisclosureTests
{
    private static long[] Values(string cents) => cents.Length == 0 ? [] : [.. cents.Split(' ').Select(long.Parse)];

    [Theory]
    // nearest rank: position ⌈p × n / 100⌉ of the sorted values
    [InlineData("", 50, 0)]                                // nobody: 0
    [InlineData("700", 10, 700)]                           // one person is every percentile
    [InlineData("700", 99, 700)]
    [InlineData("0 100", 50, 0)]                           // ⌈1⌉ = 1st: the lower middle
    [InlineData("0 100", 51, 100)]                         // ⌈1.02⌉ = 2nd
    [InlineData("5 1 4 2 3", 50, 3)]                       // unsorted in: ⌈2.5⌉ = 3rd of 1..5
    [InlineData("1 2 3 4 5 6 7 8 9 10", 10, 1)]            // ⌈1⌉
    [InlineData("1 2 3 4 5 6 7 8 9 10", 25, 3)]            // ⌈2.5⌉
    [InlineData("1 2 3 4 5 6 7 8 9 10", 75, 8)]            // ⌈7.5⌉
    [InlineData("1 2 3 4 5 6 7 8 9 10", 90, 9)]
    [InlineData("1 2 3 4 5 6 7 8 9 10", 99, 10)]           // ⌈9.9⌉
    [InlineData("1 2 3 4 5 6 7 8 9 10", 100, 10)]
    [InlineData("-300 0 0 250", 25, -300)]                 // net of refunds, a figure may be negative
    public void A_percentile_is_the_value_at_the_nearest_rank(string cents, int rank, long expected)
    {
        var sorted = Values(cents).Order().ToArray();
        Assert.Equal(expected, EarningsStatistics.Percentile(sorted, rank));
    }

    [Theory]
    [InlineData(0, 1, 0)]
    [InlineData(1, 1, 1)]      // somebody is always the top
    [InlineData(99, 1, 1)]
    [InlineData(100, 1, 1)]
    [InlineData(101, 1, 2)]    // ⌈1.01⌉
    [InlineData(10, 10, 1)]
    [InlineData(11, 10, 2)]
    [InlineData(1000000, 1, 10000)]
    public void The_best_paid_k_percent_are_rounded_up_to_whole_people(int count, int percent, int expected)
    {
        Assert.Equal(expected, EarningsStatistics.TopCount(count, percent));
    }

    [Theory]
    // 10 people: the top 10% is 1 person, the top 1% too
    [InlineData("0 0 0 0 0 0 0 0 100 900", 10, 90.0)]
    [InlineData("0 0 0 0 0 0 0 0 100 900", 1, 90.0)]
    // 20 people: top 10% is 2 people
    [InlineData("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 100 300 600", 10, 90.0)]
    [InlineData("100 100 100", 10, 33.33)]
    [InlineData("100 100 100 100 100 100", 10, 16.67)]      // 1 of 6: 16.666… rounds up
    [InlineData("0 0 0", 10, null)]                          // nothing earned: no share to state
    [InlineData("-500 200", 10, null)]                       // net total below zero: no share
    [InlineData("-100 50 250", 10, 125.0)]                   // a negative earner makes the top take more than the total
    public void The_top_share_is_what_the_best_paid_took_of_everybody_s_earnings(string cents, int percent, double? expected)
    {
        var sorted = Values(cents).Order().ToArray();
        Assert.Equal(expected is null ? null : (decimal)expected.Value, EarningsStatistics.TopShare(sorted, percent));
    }

    [Fact]
    public void A_summary_of_a_hand_made_table_states_every_figure()
    {
        // 10 people, 4 of whom earned nothing (one of them lost 5.00 to a refund).
        var summary = EarningsStatistics.Summarize(Values("0 120000 0 -500 1500 0 300 2500 40000 7000"));

        Assert.Equal(10, summary.Count);
        Assert.Equal(4, summary.EarnedNothing);
        Assert.Equal(40m, summary.EarnedNothingShare);
        Assert.Equal(new Money(170800), summary.Total);
        Assert.Equal(new Money(17080), summary.Mean);
        // sorted: -500 0 0 0 300 1500 2500 7000 40000 120000
        Assert.Equal(new Money(300), summary.Median);
        Assert.Equal([-500L, 0, 300, 7000, 40000, 120000], summary.Percentiles.Select(p => p.Value.Cents));
        Assert.Equal([10, 25, 50, 75, 90, 99], summary.Percentiles.Select(p => p.Rank));
        Assert.Equal(70.26m, summary.Top1Share);    // 120000 / 170800
        Assert.Equal(70.26m, summary.Top10Share);   // one person is also the top 10% of ten
    }

    [Theory]
    [InlineData("100 200", 150)]
    [InlineData("1 2", 2)]          // 1.5 cents rounds half away from zero
    [InlineData("-1 -2", -2)]
    [InlineData("", 0)]
    public void The_mean_is_rounded_to_the_cent_half_away_from_zero(string cents, long mean)
    {
        Assert.Equal(new Money(mean), EarningsStatistics.Summarize(Values(cents)).Mean);
    }

    [Fact]
    public void Nobody_counted_gives_zeros_and_no_shares()
    {
        var summary = EarningsStatistics.Summarize([]);

        Assert.Equal((0L, 0L, 0m, Money.Zero, Money.Zero), (summary.Count, summary.EarnedNothing, summary.EarnedNothingShare, summary.Total, summary.Median));
        Assert.Null(summary.Top1Share);
        Assert.Null(summary.Top10Share);
    }

    [Theory]
    [InlineData("100 200 300", 100, 0)]
    [InlineData("100 200 300", 101, 1)]
    [InlineData("100 200 300", 300, 2)]
    [InlineData("100 200 300", 301, 3)]
    [InlineData("", 301, 0)]
    public void Count_below_is_strictly_less_than_the_threshold(string cents, long threshold, long expected)
    {
        Assert.Equal(expected, EarningsStatistics.CountBelow(Values(cents).Order().ToArray(), threshold));
    }

    [Theory]
    [InlineData("2026-12-31T23:59:59", Tenure.UnderOneYear)]
    [InlineData("2026-01-01T00:00:01", Tenure.UnderOneYear)]
    [InlineData("2026-01-01T00:00:00", Tenure.OneToTwoYears)]   // exactly a year before the end
    [InlineData("2025-01-01T00:00:01", Tenure.OneToTwoYears)]
    [InlineData("2025-01-01T00:00:00", Tenure.OverTwoYears)]    // exactly two years
    [InlineData("2019-06-15T12:00:00", Tenure.OverTwoYears)]
    public void Tenure_is_counted_from_joining_to_the_end_of_the_range(string joined, Tenure expected)
    {
        var end = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(expected, Tenures.At(DateTime.SpecifyKind(DateTime.Parse(joined, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc), end));
    }

    [Fact]
    public void A_disclosure_splits_by_tenure_and_sets_earnings_against_the_kits()
    {
        var end = new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc);
        DistributorIncome Person(long earned, long paid, int monthsBefore) => new(earned, paid, end.AddMonths(-monthsBefore));
        var people = new[]
        {
            Person(0, 0, 2), Person(1000, 0, 3), Person(2500, 2500, 6),           // under a year
            Person(5000, 5000, 13), Person(-200, 0, 20),                           // one to two
            Person(90000, 80000, 30), Person(0, 0, 40),                            // over two
        };
        var kits = new[] { new KitOffer(1, "Basic", new Money(3000), 1), new KitOffer(2, "Business", new Money(15000), 4), new KitOffer(3, "Mini", new Money(2500), 0) };

        var d = IncomeDisclosure.Compute(new Period(2026, 1), new Period(2026, 6), people, kits, new Money(99000), new Money(-500), new Money(-200), end);

        Assert.Equal(7, d.All.Count);
        Assert.Equal(3, d.All.EarnedNothing);                                       // 0, -200, 0
        Assert.Equal(new Money(98300), d.All.Total);
        Assert.Equal(new Money(98300), d.NetCommissions);
        Assert.Equal(new Money(87500), d.Paid);
        Assert.Equal(3, d.PaidPeople);
        Assert.Equal([3L, 2, 2], d.ByTenure.Select(g => g.Earnings.Count));
        Assert.Equal([Tenure.UnderOneYear, Tenure.OneToTwoYears, Tenure.OverTwoYears], d.ByTenure.Select(g => g.Tenure));
        Assert.Equal(new Money(1000), d.ByTenure[0].Earnings.Median);              // 0 1000 2500
        Assert.Equal(new Money(-200), d.ByTenure[1].Earnings.Median);              // -200 5000: the lower middle
        Assert.Equal(50m, d.ByTenure[2].Earnings.EarnedNothingShare);
        // The cheapest kit (Mini, 25.00) and the most chosen (Business, 150.00).
        Assert.Equal(2, d.Kits.Count);
        var mini = d.Kits.Single(k => k.Cheapest);
        Assert.Equal(("Mini", false, 4L, 57.14m), (mini.Name, mini.MostChosen, mini.EarnedLess, mini.EarnedLessShare));  // -200 0 0 1000
        var business = d.Kits.Single(k => k.MostChosen);
        Assert.Equal(("Business", false, 6L, 85.71m), (business.Name, business.Cheapest, business.EarnedLess, business.EarnedLessShare));
    }

    [Fact]
    public void When_nobody_chose_a_kit_only_the_cheapest_is_set_against_the_earnings()
    {
        var kits = new[] { new KitOffer(1, "Basic", new Money(3000), 0), new KitOffer(2, "Business", new Money(15000), 0) };
        var d = IncomeDisclosure.Compute(new Period(2026, 1), new Period(2026, 1), [new DistributorIncome(5000, 0, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc))], kits, new Money(5000), Money.Zero, Money.Zero, DateTime.UtcNow);

        var kit = Assert.Single(d.Kits);
        Assert.Equal(("Basic", true, false, 0L), (kit.Name, kit.Cheapest, kit.MostChosen, kit.EarnedLess));
        Assert.Empty(IncomeDisclosure.Compute(new Period(2026, 1), new Period(2026, 1), [], [], Money.Zero, Money.Zero, Money.Zero, DateTime.UtcNow).Kits);
    }

    [Theory]
    [InlineData("2026-01", "2026-03", "202601 202602 202603", null)]
    [InlineData("2026-03", "2026-03", "202603", null)]
    [InlineData("2026-01", "2026-03", "202601 202603", "2026-02 is not closed; a disclosure covers closed months only.")]
    [InlineData("2026-04", "2026-03", "202603 202604", "The first month 2026-04 comes after the last month 2026-03.")]
    [InlineData("2015-01", "2026-03", "", "A disclosure covers at most 120 months.")]
    public void A_disclosure_covers_closed_months_only(string from, string to, string closed, string? refusal)
    {
        var keys = closed.Length == 0 ? new HashSet<int>() : closed.Split(' ').Select(int.Parse).ToHashSet();
        var check = () => IncomeDisclosure.CheckRange(Period.Parse(from), Period.Parse(to), keys);
        if (refusal is null)
        {
            check();
        }
        else
        {
            Assert.Equal(refusal, Assert.Throws<DomainRuleException>(check).Message);
        }
    }
}
