using MlmNetwork.Domain;

namespace MlmNetwork.Domain.Tests;

public class PlanSimulatorRuleTests
{
    private static readonly DateTime Sold = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Closed = new(2026, 4, 2, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// A line of 50.00 at 5% (a sale with a base of 1,000.00) meets the sale's refunds and its
    /// month's close, like the ledger's lines: refund parts are base x percent, capped by what
    /// remains; the refund that completes the sale takes what remains; the close forfeits what
    /// remains when the volume is short.
    /// </summary>
    [Theory]
    [InlineData("", 0, 0, 5000, 0, 0)]                                  // nothing happened
    [InlineData("", 2000, 1999, 5000, 0, -5000)]                         // short by a cent: all forfeited
    [InlineData("", 2000, 2000, 5000, 0, 0)]                             // reached: kept
    [InlineData("before:20000:0", 2000, 0, 5000, -1000, -4000)]          // refunded 200.00 before the close: the rest forfeited
    [InlineData("before:20000:0,after:80000:1", 2000, 0, 5000, -1000, -4000)] // the completing refund after the forfeit takes nothing more
    [InlineData("after:100000:1", 2000, 0, 5000, 0, -5000)]              // forfeited first; the later full refund finds nothing left
    [InlineData("before:100000:1", 2000, 0, 5000, -5000, 0)]             // refunded in full before the close: nothing to forfeit
    [InlineData("before:33333:0,before:33333:0,before:33334:1", 0, 0, 5000, -5000, 0)] // thirds: 16.67 + 16.67 + what remains (16.66)
    [InlineData("after:20000:0", 0, 0, 5000, -1000, 0)]                  // no minimum: a refund after the close still reverses
    [InlineData("at:20000:0", 2000, 0, 5000, -1000, -4000)]              // a refund at the close's very moment comes before it
    public void A_replayed_line_meets_its_refunds_and_its_close_by_the_ledgers_rules(string refunds, long minimum, long volume, long earned, long reversed, long forfeited)
    {
        var events = refunds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(':')).Select(p => new RefundEvent(
            p[0] switch { "before" => Closed.AddDays(-1), "at" => Closed, _ => Closed.AddDays(1) },
            new Money(long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)),
            p[2] == "1")).ToList();

        var fate = LineFate.Of(new Money(earned), new Percent(500), 0, events, Closed, new CloseRules(new MinimumVolume(new Money(minimum)), CustomerShareRule.None), new MonthVolume(new Money(volume), Money.Zero));

        Assert.Equal((new Money(earned), new Money(reversed), new Money(forfeited)), (fate.Earned, fate.Reversed, fate.Forfeited));
        Assert.Equal(new Money(earned + reversed + forfeited), fate.Net);
    }

    [Fact]
    public void A_line_of_an_open_month_is_never_forfeited()
    {
        var fate = LineFate.Of(new Money(5000), new Percent(500), 1, [], null, new CloseRules(new MinimumVolume(new Money(2000)), new CustomerShareRule(new Percent(7000), true)), default);

        Assert.Equal(new Money(5000), fate.Net);
    }

    [Fact]
    public void The_replay_of_a_refund_takes_back_what_the_ledgers_refund_took_back()
    {
        // The same sale refunded in two parts by the ledger (Sale.Refund) and by the replay (LineFate).
        var product = Product.Create("P", "P", new Money(3333), null, Sold);
        var chain = new List<UplineMember> { new(1, 0, false, DistributorStatus.Active), new(2, 1, false, DistributorStatus.Active) };
        var plan = CommissionPlan.Create(1, new Percent(1000), [new Percent(333)], false, Money.Zero, Sold, "test");
        var sale = Sale.Record([new SaleItem(product, 3)], plan, chain, "k", "h", null, Sold);
        var first = sale.Refund("r1", "h1", [new RefundPart("P", 1)], Sold.AddDays(1));
        var second = sale.Refund("r2", "h2", [new RefundPart("P", 2)], Sold.AddDays(2));
        var events = new List<RefundEvent> { new(first.CreatedAt, first.Base, first.Completes), new(second.CreatedAt, second.Base, second.Completes) };

        foreach (var line in sale.Commissions.Where(c => c.Kind == CommissionLineKind.Commission))
        {
            var ledger = Money.Sum(sale.Commissions.Where(c => c.BeneficiaryId == line.BeneficiaryId).Select(c => c.Amount));
            var replay = LineFate.Of(line.Amount, line.Percent, line.Level, events, null, default, default);
            Assert.Equal(ledger, replay.Net);
            Assert.Equal(Money.Zero, replay.Net);
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    public void A_draft_plan_has_the_versions_refusals(int tooManyLevels, int overHundred)
    {
        var levels = Enumerable.Repeat(new Percent(overHundred == 1 ? 4000 : 100), tooManyLevels == 1 ? CommissionPlan.MaxLevels + 1 : 3).ToList();

        Assert.Throws<DomainRuleException>(() => CommissionPlan.Draft(new Percent(1000), levels, false, Money.Zero));
    }

    [Fact]
    public void A_draft_plan_pays_like_the_version_it_copies()
    {
        var version = CommissionPlan.Create(4, new Percent(1000), [new Percent(500), new Percent(300)], true, new Money(2000), Sold, "admin");
        var draft = PlanDraft.Create("Copy", version, "admin", Sold).Plan;
        var chain = new List<UplineMember> { new(1, 0, false, DistributorStatus.Active), new(2, 1, false, DistributorStatus.Inactive), new(3, 2, false, DistributorStatus.Active), new(4, 3, false, DistributorStatus.Active) };

        Assert.True(draft.PaysAs(version));
        Assert.Equal(0, draft.Version);
        Assert.Equal(version.Calculate(new Money(12345), chain), draft.Calculate(new Money(12345), chain), new BreakdownComparer());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_draft_needs_a_name(string name)
    {
        var plan = CommissionPlan.Draft(new Percent(1000), [], false, Money.Zero);

        Assert.Equal(RuleBreach.Invalid, Assert.Throws<DomainRuleException>(() => PlanDraft.Create(name, plan, "admin", Sold)).Breach);
    }

    [Fact]
    public void The_histogram_counts_each_distributor_once_per_plan_in_bars_of_one_two_five()
    {
        // Pay in cents: nothing, 0.50, 1.00, 1.50, 7.00 under the plans in force; the draft pays 2.00 more each.
        var pay = new List<(long, long)> { (0, 0), (50, 250), (100, 300), (150, 350), (700, 900), (-20, 0) };

        var bins = PayHistogram.Of(pay).Bins;

        Assert.Equal([0L, 50, 100, 200, 500, 1000], bins.Select(b => b.UpTo.Cents));   // no empty bars below the smallest pay (0.50)
        Assert.Equal(6, bins.Sum(b => b.Current));
        Assert.Equal(6, bins.Sum(b => b.Draft));
        Assert.Equal(2, bins[0].Current);       // nothing and -0.20
        Assert.Equal(2, bins[0].Draft);         // nothing twice
        Assert.Equal(1, bins.Single(b => b.UpTo.Cents == 50).Current);
        Assert.Equal(3, bins.Single(b => b.UpTo.Cents == 500).Draft);  // 2.50, 3.00 and 3.50
        Assert.Equal(PayHistogram.Of(pay).Format(), PayHistogram.Parse(PayHistogram.Of(pay).Format()).Format());
    }

    [Fact]
    public void The_histogram_keeps_at_most_twelve_bars_merging_the_smallest()
    {
        var bins = PayHistogram.Of([(1, 1), (100_000_000, 5)]).Bins;

        Assert.Equal(PayHistogram.MaxBins, bins.Count);
        Assert.Equal(1, bins[1].Current);        // 0.01 lands in the first bar above nothing
        Assert.Equal(2, bins[1].Draft);
        Assert.Equal(100_000_000, bins[^1].UpTo.Cents);
    }

    private sealed class BreakdownComparer : IEqualityComparer<CommissionBreakdown>
    {
        public bool Equals(CommissionBreakdown? x, CommissionBreakdown? y) =>
            x!.Shares.SequenceEqual(y!.Shares) && x.Unpaid.SequenceEqual(y.Unpaid);

        public int GetHashCode(CommissionBreakdown obj) => obj.Shares.Count;
    }
}
