using MlmNetwork.Domain;

namespace MlmNetwork.Domain.Tests;

public class PayoutRunRuleTests
{
    private static readonly Period September = new(2026, 9);
    private static readonly DateTime Now = new(2026, 10, 5, 9, 0, 0, DateTimeKind.Utc);

    private static KeyValuePair<long, PayableBalance> Owed(long id, long upTo, long all, long paid) =>
        new(id, new PayableBalance(new Money(upTo), new Money(all), new Money(paid)));

    [Theory]
    [InlineData(5000, 5000, 0, 5000)]      // earned, nothing paid: all of it
    [InlineData(5000, 8000, 3000, 2000)]   // part paid before: the rest up to the month
    [InlineData(5000, 3000, 0, 3000)]      // a refund since: never more than the whole balance
    [InlineData(5000, 5000, 5000, 0)]      // paid in full: nothing
    [InlineData(-1000, -1000, 0, 0)]       // negative: nothing, carried over
    [InlineData(5000, 5000, 6000, 0)]      // overpaid by a refund after payment: nothing
    public void What_is_payable_never_exceeds_what_was_earned_less_what_was_paid(long upTo, long all, long paid, long payable)
    {
        Assert.Equal(new Money(payable), new PayableBalance(new Money(upTo), new Money(all), new Money(paid)).Payable);
    }

    [Fact]
    public void A_run_proposes_balances_that_reach_the_minimum_and_carries_the_rest()
    {
        var run = PayoutRun.Propose(September, true, new Money(1000), [Owed(1, 999, 999, 0), Owed(2, 1000, 1000, 0), Owed(3, -500, -500, 0), Owed(4, 2500, 4000, 500)], Now, "admin");

        Assert.Equal([(2L, new Money(1000)), (4L, new Money(2000))], run.Items.Select(i => (i.DistributorId, i.Amount)));
        Assert.Equal((new Money(3000), 2, PayoutRunStatus.Proposed), (run.Total, run.ItemCount, run.Status));
    }

    [Fact]
    public void A_run_pays_closed_months_only_and_something()
    {
        Assert.Throws<DomainRuleException>(() => PayoutRun.Propose(September, false, Money.Zero, [Owed(1, 100, 100, 0)], Now, "admin"));
        Assert.Throws<DomainRuleException>(() => PayoutRun.Propose(September, true, new Money(1000), [Owed(1, 100, 100, 0)], Now, "admin"));
    }

    [Fact]
    public void Confirming_checks_every_item_against_what_is_payable_now_and_happens_once()
    {
        var run = PayoutRun.Propose(September, true, Money.Zero, [Owed(1, 3000, 3000, 0)], Now, "admin");

        var refused = Assert.Throws<DomainRuleException>(() => run.Confirm(new DateOnly(2026, 10, 2), "BANK", new Dictionary<long, PayableBalance> { [1] = new(new Money(3000), new Money(3000), new Money(1)) }, Now, "admin"));
        Assert.Equal(RuleBreach.Conflict, refused.Breach);
        Assert.Equal(PayoutRunStatus.Proposed, run.Status);

        var payouts = run.Confirm(new DateOnly(2026, 10, 2), " BANK-7 ", new Dictionary<long, PayableBalance> { [1] = new(new Money(3000), new Money(3000), Money.Zero) }, Now, "admin");
        Assert.Equal((1L, new Money(3000), 202609, 202610, "BANK-7"), (payouts[0].DistributorId, payouts[0].Amount, payouts[0].UpToPeriodKey, payouts[0].PeriodKey, payouts[0].Reference));
        Assert.Equal(RuleBreach.Conflict, Assert.Throws<DomainRuleException>(() => run.Confirm(new DateOnly(2026, 10, 2), "BANK", new Dictionary<long, PayableBalance>(), Now, "admin")).Breach);
        Assert.Throws<DomainRuleException>(() => run.Cancel(Now, "admin"));
    }

    [Theory]
    [InlineData("2026-09-30", "BANK")]   // before the month ended
    [InlineData("2026-10-07", "BANK")]   // in the future
    [InlineData("2026-10-02", "")]
    [InlineData("2026-10-02", "BANK\u0000")]
    public void A_payment_needs_a_plausible_date_and_a_reference(string paidOn, string reference)
    {
        var run = PayoutRun.Propose(September, true, Money.Zero, [Owed(1, 3000, 3000, 0)], Now, "admin");
        var balances = new Dictionary<long, PayableBalance> { [1] = new(new Money(3000), new Money(3000), Money.Zero) };

        Assert.Throws<DomainRuleException>(() => run.Confirm(DateOnly.Parse(paidOn, System.Globalization.CultureInfo.InvariantCulture), reference, balances, Now, "admin"));
    }
}
