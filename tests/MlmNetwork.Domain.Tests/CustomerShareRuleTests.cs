using MlmNetwork.Domain;

namespace MlmNetwork.Domain.Tests;

public class CustomerShareRuleTests
{
    /// <summary>The share sold to customers: rounded down to the basis point, held between 0 and 100 %, none without positive volume.</summary>
    [Theory]
    [InlineData(20000, 10000, 5000)]     // 100 of 200: 50 %
    [InlineData(34000, 30000, 8823)]     // 300 of 340: 88.235… rounded down
    [InlineData(66000, 40000, 6060)]     // 400 of 660: 60.606…
    [InlineData(30000, 20999, 6999)]     // 69.996… is shown 69.99, never 70
    [InlineData(10000, 10000, 10000)]
    [InlineData(10000, 0, 0)]
    [InlineData(10000, -500, 0)]         // a refund of an older customer sale: never below 0 %
    [InlineData(5000, 8000, 10000)]      // personal use refunded this month: never above 100 %
    [InlineData(0, 0, null)]             // 0 of 0: no share
    [InlineData(-1000, 0, null)]
    public void The_customer_share_is_the_customer_volume_over_the_personal_volume(long personal, long customer, int? basisPoints)
    {
        var share = new MonthVolume(new Money(personal), new Money(customer)).CustomerShare;

        Assert.Equal(basisPoints, share?.BasisPoints);
    }

    /// <summary>Who qualifies for downline commissions against a minimum of 70 % (null: none set).</summary>
    [Theory]
    [InlineData(7000, 20000, 14000, true)]   // exactly 70 %
    [InlineData(7000, 20000, 13999, false)]  // a cent short
    [InlineData(7000, 0, 0, false)]          // no volume at all: unqualified when a minimum is set
    [InlineData(7000, -100, 0, false)]
    [InlineData(null, 0, 0, true)]           // no minimum: everybody qualifies
    [InlineData(0, 0, 0, true)]              // 0 % is the same as none
    [InlineData(10000, 5000, 5000, true)]
    [InlineData(7050, 10000, 7049, false)]   // 70.5 %
    public void A_distributor_qualifies_when_their_customer_share_reaches_the_minimum(int? minimum, long personal, long customer, bool qualifies)
    {
        var rule = new CustomerShareRule(minimum is { } m ? new Percent(m) : null, forfeitAtClose: true);

        Assert.Equal(qualifies, rule.Qualifies(new MonthVolume(new Money(personal), new Money(customer))));
    }

    /// <summary>
    /// The close's two rules on one line (minimum personal volume 50.00, minimum customer share 70 %):
    /// the volume rule first takes the whole remainder of any line; the share rule takes the rest of a
    /// downline line only, and only with the switch on. A line is forfeited once, by the first rule.
    /// </summary>
    [Theory]
    // level, personal, customer, outstanding, switch, forfeited, cause
    [InlineData(1, 10000, 5000, 1500, true, 1500, ForfeitCause.CustomerShare)]   // 50 % to customers: the downline line goes
    [InlineData(0, 10000, 5000, 1000, true, 0, ForfeitCause.None)]               // their own sale's line stays
    [InlineData(1, 10000, 5000, 1500, false, 0, ForfeitCause.None)]              // switch off: flagged only
    [InlineData(1, 10000, 7000, 1500, true, 0, ForfeitCause.None)]               // 70 %: qualifies
    [InlineData(1, 4000, 0, 1500, true, 1500, ForfeitCause.PersonalVolume)]      // below both: once, by the volume rule
    [InlineData(0, 4000, 4000, 1000, true, 1000, ForfeitCause.PersonalVolume)]   // all to customers but too little volume
    [InlineData(2, 0, 0, 300, true, 300, ForfeitCause.PersonalVolume)]           // no volume: the volume rule takes it first
    [InlineData(1, 10000, 0, 0, true, 0, ForfeitCause.None)]                     // refunded in full: nothing left to forfeit
    [InlineData(1, 10000, 0, 700, true, 700, ForfeitCause.CustomerShare)]        // what remains after a partial refund
    public void The_close_forfeits_a_line_once_by_the_first_rule_it_fails(int level, long personal, long customer, long outstanding, bool forfeitAtClose, long forfeited, ForfeitCause cause)
    {
        var rules = new CloseRules(new MinimumVolume(new Money(5000)), new CustomerShareRule(new Percent(7000), forfeitAtClose));

        var forfeit = rules.ForfeitOf(level, new MonthVolume(new Money(personal), new Money(customer)), new Money(outstanding));

        Assert.Equal((new Money(forfeited), cause), (forfeit.Amount, forfeit.Cause));
    }

    [Fact]
    public void With_no_minimum_volume_a_distributor_without_volume_loses_only_downline_lines()
    {
        var rules = new CloseRules(new MinimumVolume(Money.Zero), new CustomerShareRule(new Percent(7000), true));

        Assert.Equal(new Money(300), rules.ForfeitOf(1, default, new Money(300)).Amount);
        Assert.Equal(Money.Zero, rules.ForfeitOf(0, default, new Money(300)).Amount);
    }

    [Fact]
    public void Forfeiting_needs_a_minimum()
    {
        var refused = Assert.Throws<DomainRuleException>(() => CommissionPlan.Draft(new Percent(1000), [new Percent(500)], false, Money.Zero, new CustomerShareRule(null, true)));

        Assert.Equal("forfeitBelowCustomerShare", refused.Field);
    }

    [Fact]
    public void A_plan_pays_as_another_only_with_the_same_customer_share_rule()
    {
        var flagged = CommissionPlan.Draft(new Percent(1000), [new Percent(500)], false, Money.Zero, new CustomerShareRule(new Percent(7000), false));
        var forfeiting = CommissionPlan.Draft(new Percent(1000), [new Percent(500)], false, Money.Zero, new CustomerShareRule(new Percent(7000), true));

        Assert.False(flagged.PaysAs(forfeiting));
        Assert.True(forfeiting.PaysAs(CommissionPlan.Draft(new Percent(1000), [new Percent(500)], false, Money.Zero, new CustomerShareRule(new Percent(7000), true))));
    }

    [Fact]
    public void A_replayed_downline_line_is_forfeited_at_the_close_like_the_ledgers()
    {
        var closed = new DateTime(2026, 4, 2, 9, 0, 0, DateTimeKind.Utc);
        var rules = new CloseRules(default, new CustomerShareRule(new Percent(7000), true));
        var volume = new MonthVolume(new Money(20000), new Money(10000));

        Assert.Equal(new Money(-1500), LineFate.Of(new Money(1500), new Percent(500), 1, [], closed, rules, volume).Forfeited);
        Assert.Equal(Money.Zero, LineFate.Of(new Money(1000), new Percent(1000), 0, [], closed, rules, volume).Forfeited);
    }
}
