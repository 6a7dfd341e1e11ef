namespace MlmNetwork.Domain.Tests;

public class CommissionPlanTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);

    private static CommissionPlan Plan(int personal, int[] levels, bool compression = false) =>
        CommissionPlan.Create(1, new Percent(personal), [.. levels.Select(l => new Percent(l))], compression, Money.Zero, Now, "test");

    /// <summary>
    /// Builds a chain from a compact description: one letter per member, seller first, nearest
    /// ancestor next. A = Active, I = Inactive, T = Terminated, H = house account. Ids are 100 + distance.
    /// </summary>
    private static List<UplineMember> Chain(string members) =>
        [.. members.Select((c, i) => new UplineMember(100 + i, i, c == 'H', c switch
        {
            'I' => DistributorStatus.Inactive,
            'T' => DistributorStatus.Terminated,
            _ => DistributorStatus.Active,
        }))];

    private static string Describe(IEnumerable<CommissionShare> shares) =>
        string.Join(" ", shares.Select(s => $"{s.BeneficiaryId - 100}@{s.Level}:{s.Amount}"));

    [Theory]
    // chain, base cents, personal bp, levels bp, compression, expected "distance@level:amount"
    [InlineData("AAAAH", 10000, 1000, new[] { 500, 300, 200 }, false, "0@0:10.00 1@1:5.00 2@2:3.00 3@3:2.00")]
    [InlineData("AAH", 10000, 1000, new[] { 500, 300, 200 }, false, "0@0:10.00 1@1:5.00")] // chain shorter than the plan; house never earns
    [InlineData("AH", 10000, 1000, new[] { 500 }, false, "0@0:10.00")] // sponsor is the house: nothing paid upwards
    [InlineData("AAAAAAH", 10000, 1000, new[] { 500, 300 }, false, "0@0:10.00 1@1:5.00 2@2:3.00")] // levels above the plan not paid
    [InlineData("AAAH", 10000, 0, new[] { 0, 300 }, false, "2@2:3.00")] // zero-percent levels write nothing
    [InlineData("AIAAH", 10000, 1000, new[] { 500, 300, 200 }, false, "0@0:10.00 2@2:3.00 3@3:2.00")] // inactive uses up its level
    [InlineData("AIAAH", 10000, 1000, new[] { 500, 300, 200 }, true, "0@0:10.00 2@1:5.00 3@2:3.00")] // compression: next active takes it
    [InlineData("ATIAAAH", 10000, 1000, new[] { 500, 300 }, true, "0@0:10.00 3@1:5.00 4@2:3.00")]
    [InlineData("AIIH", 10000, 1000, new[] { 500, 300 }, true, "0@0:10.00")] // compression stops at the house
    [InlineData("IAAH", 10000, 1000, new[] { 500 }, false, "1@1:5.00")] // an inactive seller earns nothing; the upline still does
    [InlineData("AAH", 5, 1000, new[] { 1000 }, false, "0@0:0.01 1@1:0.01")] // 0.005 rounds up
    [InlineData("AAH", 4, 1000, new[] { 1000 }, false, "")] // 0.004 rounds to nothing: no line
    [InlineData("AAAH", 1999, 1250, new[] { 1250, 250 }, false, "0@0:2.50 1@1:2.50 2@2:0.50")] // 19.99 x 12.5% = 2.49875
    public void SharesFor_pays_the_seller_and_each_level_as_the_rules_say(string chain, long baseCents, int personal, int[] levels, bool compression, string expected)
    {
        var shares = Plan(personal, levels, compression).SharesFor(new Money(baseCents), Chain(chain));
        Assert.Equal(expected, Describe(shares));
    }

    [Fact]
    public void SharesFor_records_the_percent_of_each_level()
    {
        var shares = Plan(1000, [500, 250]).SharesFor(new Money(10000), Chain("AAAH"));
        Assert.Equal([new Percent(1000), new Percent(500), new Percent(250)], shares.Select(s => s.Percent));
    }

    [Fact]
    public void SharesFor_refuses_a_chain_with_gaps()
    {
        var chain = new List<UplineMember> { new(1, 0, false, DistributorStatus.Active), new(2, 2, false, DistributorStatus.Active) };
        Assert.Throws<ArgumentException>(() => Plan(1000, [500]).SharesFor(new Money(100), chain));
    }

    [Theory]
    [InlineData(false, 3, 0, true)]
    [InlineData(false, 10, 0, false)]
    [InlineData(true, 10, 9, true)]
    [InlineData(true, 12, 10, false)]
    public void NeedsMoreChain_counts_ancestors_or_earning_ancestors(bool compression, int seen, int earningSeen, bool expected)
    {
        var plan = Plan(1000, [.. Enumerable.Repeat(100, 10)], compression);
        Assert.Equal(expected, plan.NeedsMoreChain(seen, earningSeen));
    }

    [Fact]
    public void Create_refuses_percents_adding_up_to_more_than_100()
    {
        var error = Assert.Throws<DomainRuleException>(() => Plan(5000, [3000, 2001]));
        Assert.Equal("levels", error.Field);
    }

    [Fact]
    public void Create_refuses_more_than_the_maximum_levels()
    {
        Assert.Throws<DomainRuleException>(() => Plan(0, [.. Enumerable.Repeat(1, CommissionPlan.MaxLevels + 1)]));
    }

    [Theory]
    // latest version's start (hours from now, null: no version yet), closed month (yyyy-MM or ""), new start (hours from now), refused because
    [InlineData(null, "", 0.0, null)] // the first version, from now
    [InlineData(-100.0, "", 0.0, null)] // from now, after the latest
    [InlineData(-100.0, "", 24.0, null)] // scheduled for tomorrow
    [InlineData(48.0, "", 48.0, null)] // the same start as a scheduled latest: the new version wins from then
    [InlineData(-100.0, "", -0.01, "in the past")]
    [InlineData(null, "", -24.0, "in the past")]
    [InlineData(48.0, "", 0.0, "versions stay in order")] // a version scheduled for later blocks one from now
    [InlineData(48.0, "", 24.0, "versions stay in order")]
    [InlineData(-100.0, "2026-11", 0.0, "inside a closed month")] // now, in a month already closed (a clock set back)
    [InlineData(-100.0, "2026-12", 24.0 * 10, "inside a closed month")]
    [InlineData(-100.0, "2026-11", 24.0 * 10, null)] // the next month is open
    public void CreateNext_starts_now_or_later_never_in_a_closed_month_and_after_the_latest_version(double? latestHours, string closed, double startHours, string? refusal)
    {
        var latest = latestHours is { } h ? CommissionPlan.Create(3, new Percent(1000), [new Percent(500)], false, Money.Zero, Now.AddHours(h), "test") : null;
        IReadOnlyCollection<Period> closedPeriods = closed.Length == 0 ? [] : [Period.Parse(closed)];

        CommissionPlan Next() => CommissionPlan.CreateNext(latest, new Percent(800), [new Percent(400)], true, Money.Zero, Now.AddHours(startHours), Now, closedPeriods, "admin");

        if (refusal is null)
        {
            var plan = Next();
            Assert.Equal((latest?.Version ?? 0) + 1, plan.Version);
            Assert.Equal(Now.AddHours(startHours), plan.EffectiveFrom);
            Assert.Equal(startHours > 0, plan.IsScheduledAt(Now));
        }
        else
        {
            var error = Assert.Throws<DomainRuleException>(Next);
            Assert.Contains(refusal, error.Message);
            Assert.Equal("effectiveFrom", error.Field);
        }
    }

    [Fact]
    public void CreateNext_still_checks_the_percents()
    {
        var error = Assert.Throws<DomainRuleException>(() => CommissionPlan.CreateNext(null, new Percent(9000), [new Percent(2000)], false, Money.Zero, Now, Now, [], "admin"));
        Assert.Equal("levels", error.Field);
    }
}
