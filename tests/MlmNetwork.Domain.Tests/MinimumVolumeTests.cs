using MlmNetwork.Domain;

namespace MlmNetwork.Domain.Tests;

public class MinimumVolumeTests
{
    [Theory]
    [InlineData(2000, 0, 3166, 3166)]     // no volume yet: the whole line
    [InlineData(2000, 1999, 3166, 3166)]  // a cent short: still the whole line
    [InlineData(2000, 2000, 3166, 0)]     // reached exactly: kept
    [InlineData(2000, 5000, 3166, 0)]     // above: kept
    [InlineData(2000, -500, 3166, 3166)]  // refunds took the volume below zero: forfeited
    [InlineData(2000, 0, 0, 0)]           // a line refunded in full: nothing left to forfeit
    [InlineData(0, 0, 3166, 0)]           // no minimum in the plan: nothing ever forfeited
    [InlineData(0, -500, 3166, 0)]        // no minimum, negative volume: still nothing
    public void The_close_forfeits_what_remains_of_a_line_when_the_volume_falls_short(long minimum, long volume, long outstanding, long forfeited)
    {
        Assert.Equal(new Money(forfeited), new MinimumVolume(new Money(minimum)).Forfeits(new Money(volume), new Money(outstanding)));
    }

    [Theory]
    [InlineData(2000, 0, 3166, 2000, 3166, 0)]     // "20.00 more volume keeps 31.66"
    [InlineData(2000, 1500, 3166, 500, 3166, 75)]
    [InlineData(2000, 1999, 0, 1, 0, 99)]          // short, with nothing earned yet: nothing at risk
    [InlineData(2000, 2000, 3166, 0, 0, 100)]      // reached: nothing at risk
    [InlineData(2000, 9000, 3166, 0, 0, 100)]
    [InlineData(2000, -500, 1000, 2500, 1000, 0)]  // negative volume: all of the minimum is missing
    [InlineData(0, 0, 3166, 0, 0, 100)]            // no minimum: nothing missing, nothing at risk
    public void Progress_says_what_volume_is_missing_and_what_the_close_would_forfeit(long minimum, long volume, long outstanding, long missing, long atRisk, int percent)
    {
        var progress = new MinimumVolume(new Money(minimum)).Progress(new Money(volume), new Money(outstanding));

        Assert.Equal((new Money(missing), new Money(atRisk), percent), (progress.Missing, progress.AtRisk, progress.PercentDone));
        Assert.Equal(missing == 0, progress.Reached);
    }

    [Theory]
    [InlineData(2000, 1000)]
    [InlineData(2000, 2000)]
    [InlineData(0, 0)]
    public void What_is_at_risk_in_a_month_is_what_forfeiting_its_lines_one_by_one_takes(long minimum, long volume)
    {
        long[] remaining = [1250, 0, 333, 1583];
        var rule = new MinimumVolume(new Money(minimum));

        var oneByOne = Money.Sum(remaining.Select(r => rule.Forfeits(new Money(volume), new Money(r))));

        Assert.Equal(oneByOne, rule.Progress(new Money(volume), new Money(remaining.Sum())).AtRisk);
    }

    [Theory]
    [InlineData(2000, 1999, false)]
    [InlineData(2000, 2000, true)]
    [InlineData(0, -1, true)]
    public void A_closed_month_qualifies_exactly_the_volumes_the_rule_keeps(long minimum, long volume, bool qualifies)
    {
        var plan = CommissionPlan.Create(1, Percent.FromValue(10m), [Percent.FromValue(5m)], false, new Money(minimum), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), "test");
        var closed = CommissionPeriod.Close(new Period(2026, 9), plan, new DateTime(2026, 10, 2, 0, 0, 0, DateTimeKind.Utc), "test");

        Assert.Equal(qualifies, closed.Qualifies(new Money(volume)));
    }

    /// <summary>A forfeit counts in its line's month (what the ledger's unique forfeit per line and month relies on, ADR 019).</summary>
    [Theory]
    [InlineData(2026, 3, true)]
    [InlineData(2026, 4, false)]
    [InlineData(2026, 2, false)]
    [InlineData(2027, 3, false)]
    public void A_line_is_forfeited_only_at_the_close_of_its_own_month(int year, int month, bool allowed)
    {
        var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var plan = CommissionPlan.Create(1, Percent.FromValue(10m), [Percent.FromValue(5m)], false, Money.Zero, from, "test");
        var sale = Sale.Record([new SaleItem(Product.Create("A", "A", new Money(10000), null, from), 1)], plan, [new UplineMember(2, 0, false, DistributorStatus.Active)], "k", "h", null, new DateTime(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc));
        var line = sale.Commissions.Single();
        var close = new Period(year, month);

        if (allowed)
        {
            Assert.Equal(202603, line.Forfeit(line.Amount, "below", close.EndsAt.AddDays(1), close).PeriodKey);
        }
        else
        {
            var refused = Assert.Throws<DomainRuleException>(() => line.Forfeit(line.Amount, "late", close.EndsAt.AddDays(1), close));
            Assert.Equal($"A line of 2026-03 can only be forfeited at the close of that month, not of {close}.", refused.Message);
        }
    }
}
