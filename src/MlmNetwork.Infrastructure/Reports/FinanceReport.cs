using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Reports;

/// <summary>A month of the company's finances: the network's month and what was paid out in it.</summary>
public sealed record FinanceMonth(NetworkMonth Figures, Money PaidOut)
{
    public Period Period => Figures.Period;
}

/// <summary>
/// The company's finances month by month: sales, the commission base, commissions earned,
/// reversed and forfeited, what payouts paid, and the payout ratio (<see cref="NetworkMonth.PayoutRatioOfSales"/>:
/// commissions net of reversals and forfeits over sales net of refunds). Read from the network's
/// month counters (ADR 014) and the confirmed payout runs, so it costs the same at any size; no
/// commission line is read.
/// </summary>
public sealed record FinanceReport(Period From, Period To, IReadOnlyList<FinanceMonth> Months)
{
    /// <summary>The longest range the report covers at once.</summary>
    public const int MaxMonths = 120;

    /// <summary>Every month added up; its ratios are those of the sums.</summary>
    public FinanceMonth Total => new(
        new NetworkMonth(
            From,
            Months.Sum(m => m.Figures.SalesCount),
            Money.Sum(Months.Select(m => m.Figures.SalesTotal)),
            Money.Sum(Months.Select(m => m.Figures.SalesBase)),
            Money.Sum(Months.Select(m => m.Figures.RefundedTotal)),
            Money.Sum(Months.Select(m => m.Figures.RefundedBase)),
            Money.Sum(Months.Select(m => m.Figures.Earned)),
            Money.Sum(Months.Select(m => m.Figures.Reversed)),
            Money.Sum(Months.Select(m => m.Figures.Forfeited))),
        Money.Sum(Months.Select(m => m.PaidOut)));

    /// <summary>A range the report covers: from no later than to, at most <see cref="MaxMonths"/> months.</summary>
    public static void CheckRange(Period from, Period to)
    {
        if (from > to)
        {
            throw DomainRuleException.Invalid($"The first month {from} comes after the last month {to}.", "from");
        }

        if (((to.Year - from.Year) * 12) + to.Month - from.Month + 1 > MaxMonths)
        {
            throw DomainRuleException.Invalid($"The report covers at most {MaxMonths} months at once.", "from");
        }
    }

    // Paid out in a month: the confirmed runs closed in it, and the payouts recorded in it before runs existed.
    private const string Sql = $"""
        {NetworkMonth.RangeSql}
        SELECT closed_at, total_cents FROM payout_runs WHERE status = @confirmed AND closed_at >= @start AND closed_at < @end;
        SELECT period_key, SUM(amount_cents) FROM payouts WHERE payout_run_id IS NULL AND period_key >= @firstPeriod AND period_key <= @period GROUP BY period_key;
        """;

    public static Task<FinanceReport> LoadAsync(MlmDbContext db, Period from, Period to, CancellationToken ct)
    {
        CheckRange(from, to);
        return RawSql.ReadAsync(db, Sql, async reader =>
        {
            var months = NetworkMonth.Fill(from, to, await RawSql.RowsThenNextAsync(reader, NetworkMonth.Read, ct));
            var paid = new Dictionary<int, long>();
            foreach (var (closedAt, cents) in await RawSql.RowsThenNextAsync(reader, r => (r.GetDateTime(0), r.Whole(1)), ct))
            {
                var key = Period.Of(DateTime.SpecifyKind(closedAt, DateTimeKind.Utc)).Key;
                paid[key] = paid.GetValueOrDefault(key) + cents;
            }

            foreach (var (key, cents) in await RawSql.RowsAsync(reader, r => ((int)r.Whole(0), r.Whole(1)), ct))
            {
                paid[key] = paid.GetValueOrDefault(key) + cents;
            }

            return new FinanceReport(from, to, months.Select(m => new FinanceMonth(m, new Money(paid.GetValueOrDefault(m.Period.Key)))).ToList());
        }, ct, ("firstPeriod", from.Key), ("period", to.Key), ("confirmed", (int)PayoutRunStatus.Confirmed), ("start", from.StartsAt), ("end", to.EndsAt));
    }
}
