namespace MlmNetwork.Domain.Tests;

public class MoneyTests
{
    [Theory]
    [InlineData(1000, 1000, 100)] // 10.00 at 10% = 1.00
    [InlineData(5, 1000, 1)] // 0.05 at 10% = 0.005 -> 0.01 (half away from zero)
    [InlineData(4, 1000, 0)] // 0.04 at 10% = 0.004 -> 0.00
    [InlineData(-5, 1000, -1)] // -0.005 -> -0.01, away from zero, not toward +infinity
    [InlineData(-4, 1000, 0)]
    [InlineData(1050, 50, 5)] // 10.50 at 0.5% = 0.0525 -> 0.05
    [InlineData(1000, 25, 3)] // 10.00 at 0.25% = 0.025 -> 0.03
    [InlineData(1000, 15, 2)] // 10.00 at 0.15% = 0.015 -> 0.02
    [InlineData(3333, 3333, 1111)] // 33.33 at 33.33% = 11.108889 -> 11.11
    [InlineData(12345, 1250, 1543)] // 123.45 at 12.5% = 15.43125 -> 15.43
    [InlineData(12340, 1250, 1543)] // 123.40 at 12.5% = 15.425 -> 15.43
    [InlineData(0, 1000, 0)]
    [InlineData(99999999, 10000, 99999999)]
    public void PercentOf_rounds_each_amount_to_the_cent_half_away_from_zero(long cents, int basisPoints, long expectedCents)
    {
        Assert.Equal(new Money(expectedCents), new Money(cents).PercentOf(new Percent(basisPoints)));
    }

    [Fact]
    public void PercentOf_matches_decimal_rounding_on_random_amounts()
    {
        var random = new Random(20261127);
        for (var i = 0; i < 100_000; i++)
        {
            var cents = random.NextInt64(-10_000_000, 10_000_000);
            var basisPoints = random.Next(0, 10_001);
            var expected = Math.Round(cents / 100m * (basisPoints / 100m) / 100m, 2, MidpointRounding.AwayFromZero);
            Assert.Equal(expected, new Money(cents).PercentOf(new Percent(basisPoints)).Amount);
        }
    }

    [Theory]
    [InlineData("12.34", 1234)]
    [InlineData("0.10", 10)]
    [InlineData("7", 700)]
    [InlineData("-2.5", -250)]
    public void FromAmount_reads_major_units(string amount, long cents)
    {
        Assert.Equal(new Money(cents), Money.FromAmount(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("12.345")]
    [InlineData("0.001")]
    [InlineData("1e20")]
    public void FromAmount_refuses_more_than_two_decimals_or_absurd_sizes(string amount)
    {
        var value = decimal.Parse(amount, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        var error = Assert.Throws<DomainRuleException>(() => Money.FromAmount(value, "price"));
        Assert.Equal(RuleBreach.Invalid, error.Breach);
        Assert.Equal("price", error.Field);
    }

    [Theory]
    [InlineData("10", 1000)]
    [InlineData("0.25", 25)]
    [InlineData("100", 10000)]
    [InlineData("0", 0)]
    public void Percent_reads_up_to_two_decimals(string value, int basisPoints)
    {
        Assert.Equal(new Percent(basisPoints), Percent.FromValue(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("100.01")]
    [InlineData("1.005")]
    public void Percent_refuses_out_of_range_or_three_decimals(string value)
    {
        Assert.Throws<DomainRuleException>(() => Percent.FromValue(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-11", 2026, 11)]
    [InlineData("2025-01", 2025, 1)]
    public void Period_parses_calendar_months(string text, int year, int month)
    {
        var period = Period.Parse(text);
        Assert.Equal(new Period(year, month), period);
        Assert.Equal(text, period.ToString());
        Assert.Equal(period, Period.FromKey(period.Key));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-1")]
    [InlineData("26-11")]
    [InlineData("november")]
    public void Period_refuses_anything_but_yyyy_MM(string text)
    {
        Assert.Throws<DomainRuleException>(() => Period.Parse(text));
    }

    [Fact]
    public void Period_of_a_utc_instant_is_its_calendar_month()
    {
        Assert.Equal(new Period(2026, 12), Period.Of(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(new Period(2026, 11), Period.Of(new DateTime(2026, 11, 30, 23, 59, 59, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData("2026-12", "2026-01")]
    [InlineData("2026-11", "2025-12")]
    [InlineData("2001-03", "2000-04")]
    public void A_reports_default_range_is_the_twelve_months_ending_with_the_last(string last, string first)
    {
        Assert.Equal(Period.Parse(first), Period.Parse(last).FirstOfTwelve());
    }

    [Fact]
    public void A_period_that_is_no_month_is_refused_under_the_field_that_carried_it()
    {
        Assert.Equal("to", Assert.Throws<DomainRuleException>(() => Period.Parse("2026-13", "to")).Field);
        Assert.Equal("period", Assert.Throws<DomainRuleException>(() => Period.Parse("abc")).Field);
    }
}
