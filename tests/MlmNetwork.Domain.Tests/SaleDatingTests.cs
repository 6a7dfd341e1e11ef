namespace MlmNetwork.Domain.Tests;

/// <summary>Rule 12: a sale is dated only in an open month, under a plan in force, from 2000 to today.</summary>
public class SaleDatingTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime PlanFrom = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    // The attacker's dates, with 2026-09 the last closed month: never closed themselves, but before it.
    [InlineData("2026-07-15", 202609, "The order date {0:yyyy-MM-dd} is in {1}, before the last closed month ({2}); a sale can only be dated in an open month.")]
    [InlineData("2020-01-01", 202609, "The order date {0:yyyy-MM-dd} is in {1}, before the last closed month ({2}); a sale can only be dated in an open month.")]
    [InlineData("0001-01-01", 202609, "The order date {0:yyyy-MM-dd} is before {1}; no sale can be dated then.")]
    [InlineData("1999-12-31", null, "The order date {0:yyyy-MM-dd} is before {1}; no sale can be dated then.")]
    [InlineData("2026-09-30", 202609, "Period {0} is closed; no sale can be posted into it.")]
    // No month closed yet: the first plan's in-force date is the limit.
    [InlineData("2020-01-01", null, "The order date {0:yyyy-MM-dd} is before the first commission plan came into force ({1:yyyy-MM-dd}); no sale can be dated then.")]
    [InlineData("2026-05-31", null, "The order date {0:yyyy-MM-dd} is before the first commission plan came into force ({1:yyyy-MM-dd}); no sale can be dated then.")]
    [InlineData("2026-11-28", null, "The order date {0:yyyy-MM-dd} is in the future.")]
    [InlineData("2999-12-31", 202609, "The order date {0:yyyy-MM-dd} is in the future.")]
    public void A_sale_outside_the_open_months_is_refused_with_why(string date, int? lastClosed, string template)
    {
        var at = DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);

        var refused = Assert.Throws<DomainRuleException>(() => SaleDating.EnsureAllowed(at, Now, lastClosed is { } key ? Period.FromKey(key) : null, PlanFrom));

        Assert.Equal(template, refused.Template);
    }

    [Theory]
    [InlineData("2026-10-01", 202609)]
    [InlineData("2026-11-27", 202610)]
    [InlineData("2026-06-01", null)]
    [InlineData("2026-08-15", null)]
    public void A_sale_in_an_open_month_under_a_plan_is_allowed(string date, int? lastClosed)
    {
        var at = DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);

        SaleDating.EnsureAllowed(at, Now, lastClosed is { } key ? Period.FromKey(key) : null, PlanFrom);
    }

    [Fact]
    public void Without_a_plan_no_sale_is_dated_at_all()
    {
        var refused = Assert.Throws<DomainRuleException>(() => SaleDating.EnsureAllowed(Now, Now, null, null));

        Assert.Equal("No commission plan has been set up yet.", refused.Template);
    }
}
