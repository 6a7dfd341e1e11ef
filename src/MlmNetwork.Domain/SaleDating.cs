namespace MlmNetwork.Domain;

/// <summary>
/// When a sale may be dated (rule 13): only in an open month — after the last closed month —,
/// on or after the first plan version's in-force moment, from <see cref="Period.FirstYear"/> on
/// and never after today. Every path that records a sale (a single sale, the batch API, the CSV
/// import with its order dates, a shop order's payment) asks here first, so no sale lands in a
/// month whose commissions were settled, or under a plan that was not in force.
/// </summary>
public static class SaleDating
{
    /// <summary>Refuses <paramref name="at"/> unless a sale may be dated then.</summary>
    /// <param name="at">The moment the sale is dated (UTC).</param>
    /// <param name="now">Now (UTC): a sale is never dated after today.</param>
    /// <param name="lastClosed">The latest closed month, if any.</param>
    /// <param name="firstPlanFrom">When the first plan version came into force; null when there is no plan.</param>
    public static void EnsureAllowed(DateTime at, DateTime now, Period? lastClosed, DateTime? firstPlanFrom)
    {
        var day = DateOnly.FromDateTime(at);
        if (at.Year < Period.FirstYear)
        {
            throw DomainRuleException.Invalid($"The order date {day:yyyy-MM-dd} is before {Period.FirstYear}; no sale can be dated then.", "order_date");
        }

        if (day > DateOnly.FromDateTime(now))
        {
            throw DomainRuleException.Invalid($"The order date {day:yyyy-MM-dd} is in the future.", "order_date");
        }

        if (firstPlanFrom is not { } planFrom)
        {
            throw DomainRuleException.Invalid($"No commission plan has been set up yet.");
        }

        var period = Period.Of(at);
        if (lastClosed is { } closed && period == closed)
        {
            throw DomainRuleException.Invalid($"Period {period} is closed; no sale can be posted into it.");
        }

        if (lastClosed is { } settled && period < settled)
        {
            throw DomainRuleException.Invalid($"The order date {day:yyyy-MM-dd} is in {period}, before the last closed month ({settled}); a sale can only be dated in an open month.", "order_date");
        }

        if (at < planFrom)
        {
            throw DomainRuleException.Invalid($"The order date {day:yyyy-MM-dd} is before the first commission plan came into force ({DateOnly.FromDateTime(planFrom):yyyy-MM-dd}); no sale can be dated then.", "order_date");
        }
    }
}
