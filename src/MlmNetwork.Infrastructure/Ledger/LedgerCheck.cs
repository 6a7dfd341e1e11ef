using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Network;

namespace MlmNetwork.Infrastructure.Ledger;

/// <summary>One breach of a ledger rule: its text is a template with values, so a page can show it in the reader's language.</summary>
public sealed record LedgerBreach(string Rule, FormattableString Text)
{
    /// <summary>The breach in English, for the command line and the log.</summary>
    public string Detail => Text.ToString(CultureInfo.InvariantCulture);
}

public sealed record LedgerReport(int SalesChecked, int LinesChecked, IReadOnlyList<LedgerBreach> Breaches)
{
    public bool Holds => Breaches.Count == 0;
}

/// <summary>
/// Verifies the ledger's invariants over every sale and line: each sale's earned lines are what
/// its recorded plan version gives for the chain recorded with it (paid and unpaid members);
/// totals match the products; every reversal and forfeit mirrors the line it cancels; every
/// refunded sale nets to zero per beneficiary; and the earnings counters the dashboards and
/// balances read equal the sums of the lines, and the network overview's counters equal what
/// they count (the tree, the sign-ups, the sales, refunds and lines of each month, each earner's
/// totals); no distributor was ever paid more than they had
/// earned up to the month paid for; confirmed runs paid exactly their items; and every
/// statement opens where the one before closed. It reads; it never changes anything.
/// </summary>
public sealed class LedgerCheck(MlmDbContext db)
{
    private const int BatchSize = 500;
    private const int MaxBreachesReported = 200;

    public async Task<LedgerReport> RunAsync(CancellationToken ct)
    {
        var breaches = new List<LedgerBreach>();
        var plans = await db.CommissionPlans.AsNoTracking().ToDictionaryAsync(p => p.Version, ct);
        var sales = 0;
        var lines = 0;
        long lastId = 0;
        while (true)
        {
            var batch = await db.Sales.AsNoTracking()
                .Include(s => s.Lines).Include(s => s.Commissions).Include(s => s.Unpaid).Include(s => s.Refunds)
                .AsSplitQuery()
                .Where(s => s.Id > lastId).OrderBy(s => s.Id).Take(BatchSize)
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var sale in batch)
            {
                CheckSale(sale, plans, breaches);
                lines += sale.Commissions.Count;
            }

            sales += batch.Count;
            lastId = batch[^1].Id;
        }

        await CheckRefundsNetToZeroAsync(breaches, ct);
        await CheckLineIdsAsync(breaches, ct);
        // One pass over the lines and one over the payouts serve the counter, payout and statement checks.
        var lineSums = (await RawSql.QueryAsync(
            db,
            "SELECT beneficiary_id, period_key, level, SUM(amount_cents), COUNT(*) FROM commission_lines GROUP BY beneficiary_id, period_key, level",
            r => (Key: (r.Whole(0), r.Whole(1), r.Whole(2)), Cents: r.Whole(3), Count: r.Whole(4)),
            ct)).ToDictionary(r => r.Key, r => (r.Cents, r.Count));
        var earnedByMonth = lineSums
            .GroupBy(l => (Id: l.Key.Item1, Period: (int)l.Key.Item2))
            .Select(g => (g.Key.Id, g.Key.Period, Cents: g.Sum(l => l.Value.Cents)))
            .ToLookup(e => e.Id);
        var payouts = await db.Payouts.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => new PayoutRow(p.Id, p.DistributorId, p.Amount, p.UpToPeriodKey, p.PeriodKey, p.PayoutRunId))
            .ToListAsync(ct);
        await CheckCountersAsync(lineSums, breaches, ct);
        await CheckOverviewCountersAsync(lineSums, breaches, ct);
        await CheckPayoutsAsync(earnedByMonth, payouts, breaches, ct);
        await CheckStatementsAsync(earnedByMonth, payouts, breaches, ct);
        return new LedgerReport(sales, lines, breaches.Take(MaxBreachesReported).ToList());
    }

    private static void CheckSale(Sale sale, Dictionary<int, CommissionPlan> plans, List<LedgerBreach> breaches)
    {
        if (sale.IsStarterKitOrder)
        {
            CheckStarterKitOrder(sale, breaches);
            return;
        }

        var total = Money.Sum(sale.Lines.Select(l => l.LineTotal));
        var basis = Money.Sum(sale.Lines.Select(l => l.LineBase));
        if (total != sale.Total || basis != sale.Base)
        {
            breaches.Add(new("sale totals", $"sale {sale.Id}: total {sale.Total} / base {sale.Base}, products give {total} / {basis}"));
        }

        if (!plans.TryGetValue(sale.PlanVersion, out var plan))
        {
            breaches.Add(new("plan version", $"sale {sale.Id}: plan v{sale.PlanVersion} does not exist"));
            return;
        }

        var earned = sale.Commissions.Where(c => c.Kind == CommissionLineKind.Commission).ToList();
        var reach = earned.Select(l => l.Distance).Concat(sale.Unpaid.Select(u => u.Distance)).DefaultIfEmpty(0).Max();
        var chain = new List<UplineMember>(reach + 1);
        for (var distance = 0; distance <= reach; distance++)
        {
            var paid = earned.FirstOrDefault(l => l.Distance == distance);
            var unpaid = sale.Unpaid.FirstOrDefault(u => u.Distance == distance);
            chain.Add(paid is not null ? new UplineMember(paid.BeneficiaryId, distance, false, DistributorStatus.Active)
                : unpaid is not null ? new UplineMember(unpaid.DistributorId, distance, false, unpaid.Status)
                : new UplineMember(-1 - distance, distance, false, DistributorStatus.Active)); // earned nothing: a zero percent or a share below half a cent
        }

        var expected = plan.SharesFor(sale.Base, chain).Select(s => Describe(s.BeneficiaryId, s.Level, s.Percent, s.Amount, plan.Version)).Order().ToList();
        var actual = earned.Select(l => Describe(l.BeneficiaryId, l.Level, l.Percent, l.Amount, l.PlanVersion)).Order().ToList();
        if (!expected.SequenceEqual(actual))
        {
            breaches.Add(new("commission rules", $"sale {sale.Id}: lines [{string.Join("; ", actual)}], rules give [{string.Join("; ", expected)}]"));
        }

        CheckCancellations(sale, breaches);
        CheckRefunds(sale, breaches);
    }

    /// <summary>
    /// A starter kit order pays nobody (rule 9): it has no commission line of any kind and no
    /// member passed over; its products carry no price or base of their own, its base is zero,
    /// its total (the kit's price) is more than zero; and it is refunded whole or not at all.
    /// </summary>
    private static void CheckStarterKitOrder(Sale sale, List<LedgerBreach> breaches)
    {
        if (sale.Commissions.Count > 0 || sale.Unpaid.Count > 0)
        {
            breaches.Add(new("starter kits pay nothing", $"sale {sale.Id} is a starter kit order but has {sale.Commissions.Count} commission lines ({Money.Sum(sale.Commissions.Select(c => c.Amount))})"));
        }

        if (sale.Base != Money.Zero || sale.Total <= Money.Zero || sale.Lines.Count == 0 || sale.Lines.Any(l => l.UnitPrice != Money.Zero || l.UnitCommissionBase != Money.Zero))
        {
            breaches.Add(new("starter kit totals", $"sale {sale.Id}: a starter kit order of total {sale.Total} / base {sale.Base} with {sale.Lines.Count} product lines; it has the kit's price, a zero base and products at no price of their own"));
        }

        var refunded = Money.Sum(sale.Refunds.Select(r => r.Total));
        var whole = sale.RefundedAt is not null;
        if (sale.Refunds.Count > 1 || refunded != (whole ? sale.Total : Money.Zero) || sale.Refunds.Any(r => r.Base != Money.Zero)
            || sale.Lines.Any(l => l.RefundedQuantity != (whole ? l.Quantity : 0)))
        {
            breaches.Add(new("refunds within the sale", $"sale {sale.Id}: a starter kit order of {sale.Total} with refunds of {refunded}; a kit is refunded whole or not at all"));
        }
    }

    /// <summary>
    /// Every reversal or forfeit cancels a line of the same sale and beneficiary (the database has
    /// no foreign key from a cancelling line to the line it cancels: ADR 019, so this is where it is
    /// proved), a forfeit is in the month of the line it forfeits and no line is forfeited twice
    /// (what makes the database's unique (line, month) of forfeits unique per line), and no earned
    /// line is cancelled past what it earned.
    /// </summary>
    private static void CheckCancellations(Sale sale, List<LedgerBreach> breaches)
    {
        foreach (var cancel in sale.Commissions.Where(c => c.Kind != CommissionLineKind.Commission))
        {
            var original = sale.Commissions.FirstOrDefault(c => c.Id == cancel.ReversesLineId);
            var mirrorsAForfeit = original?.Kind == CommissionLineKind.Forfeit && cancel.Kind == CommissionLineKind.Reversal && original.Amount == -cancel.Amount;
            var partOfEarned = original?.Kind == CommissionLineKind.Commission && cancel.Amount.Cents * original.Amount.Cents <= 0 && Math.Abs(cancel.Amount.Cents) <= Math.Abs(original.Amount.Cents);
            if (original is null || original.BeneficiaryId != cancel.BeneficiaryId || !(mirrorsAForfeit || partOfEarned))
            {
                breaches.Add(new("reversals mirror", $"sale {sale.Id}: {cancel.Kind} line {cancel.Id} does not cancel (part of) line {cancel.ReversesLineId}"));
            }
            else if (cancel.Kind == CommissionLineKind.Forfeit && cancel.PeriodKey != original.PeriodKey)
            {
                breaches.Add(new("forfeits in their line's month", $"sale {sale.Id}: forfeit line {cancel.Id} counts in {Period.FromKey(cancel.PeriodKey)}, the line {original.Id} it forfeits in {Period.FromKey(original.PeriodKey)}"));
            }
        }

        foreach (var twice in sale.Commissions.Where(c => c.Kind == CommissionLineKind.Forfeit).GroupBy(c => c.ReversesLineId).Where(g => g.Count() > 1))
        {
            breaches.Add(new("a line is forfeited once", $"sale {sale.Id}: line {twice.Key} is forfeited {twice.Count()} times (lines {string.Join(", ", twice.Select(f => f.Id))})"));
        }

        foreach (var earned in sale.Commissions.Where(c => c.Kind == CommissionLineKind.Commission))
        {
            var outstanding = sale.Outstanding(earned);
            if (outstanding.Cents * earned.Amount.Cents < 0 || Math.Abs(outstanding.Cents) > Math.Abs(earned.Amount.Cents))
            {
                breaches.Add(new("reversals mirror", $"sale {sale.Id}: line {earned.Id} earned {earned.Amount} but {outstanding} remains after its reversals and forfeits"));
            }
        }
    }

    /// <summary>Refunds take back no more than was sold; a partial refund reverses no more than its base times each line's percent; a completed sale has nothing left.</summary>
    private static void CheckRefunds(Sale sale, List<LedgerBreach> breaches)
    {
        var refundedTotal = Money.Sum(sale.Lines.Select(l => l.UnitPrice * l.RefundedQuantity));
        var refundedBase = Money.Sum(sale.Lines.Select(l => l.UnitCommissionBase * l.RefundedQuantity));
        var legacy = sale.RefundedAt is not null && sale.Refunds.Count == 0;
        if (sale.Lines.Any(l => l.RefundedQuantity < 0 || l.RefundedQuantity > l.Quantity)
            || (!legacy && (Money.Sum(sale.Refunds.Select(r => r.Total)) != refundedTotal || Money.Sum(sale.Refunds.Select(r => r.Base)) != refundedBase))
            || (sale.RefundedAt is not null && sale.Lines.Any(l => l.RefundedQuantity != l.Quantity)))
        {
            breaches.Add(new("refunds within the sale", $"sale {sale.Id}: refunds of {Money.Sum(sale.Refunds.Select(r => r.Total))} against quantities refunded worth {refundedTotal} of {sale.Total}"));
        }

        foreach (var refund in sale.Refunds.Where(r => !r.Completes))
        {
            foreach (var reversal in sale.Commissions.Where(c => c.SaleRefundId == refund.Id))
            {
                var earned = sale.Commissions.FirstOrDefault(c => c.Id == reversal.ReversesLineId);
                if (earned is null || -reversal.Amount > refund.Base.PercentOf(earned.Percent))
                {
                    breaches.Add(new("partial refunds reverse their part", $"sale {sale.Id}: refund {refund.Id} of base {refund.Base} reversed {reversal.Amount} of line {reversal.ReversesLineId}"));
                }
            }
        }
    }

    private static string Describe(long beneficiary, int level, Percent percent, Money amount, int version) =>
        $"{beneficiary}@{level} {percent} {amount} v{version}";

    private async Task CheckRefundsNetToZeroAsync(List<LedgerBreach> breaches, CancellationToken ct)
    {
        var unbalanced = await RawSql.QueryAsync(
            db,
            """
            SELECT s.id, l.beneficiary_id, SUM(l.amount_cents)
            FROM sales s JOIN commission_lines l ON l.sale_id = s.id
            WHERE s.refunded_at IS NOT NULL
            GROUP BY s.id, l.beneficiary_id
            HAVING SUM(l.amount_cents) <> 0
            """,
            r => (Sale: r.Whole(0), Beneficiary: r.Whole(1), Cents: r.Whole(2)),
            ct);
        breaches.AddRange(unbalanced.Select(u => new LedgerBreach("refund nets to zero", $"sale {u.Sale}: distributor {u.Beneficiary} keeps {new Money(u.Cents)}")));
    }

    /// <summary>
    /// Every line has an id of its own. On PostgreSQL the primary key is (id, month), as a table
    /// partitioned by month requires (ADR 019): one sequence keeps ids unique, and this proves it.
    /// </summary>
    private async Task CheckLineIdsAsync(List<LedgerBreach> breaches, CancellationToken ct)
    {
        var repeated = await RawSql.QueryAsync(
            db,
            "SELECT id, COUNT(*) FROM commission_lines GROUP BY id HAVING COUNT(*) > 1 ORDER BY id LIMIT 200",
            r => (Id: r.Whole(0), Count: r.Whole(1)),
            ct);
        breaches.AddRange(repeated.Select(r => new LedgerBreach("line ids are unique", $"{r.Count} lines have the id {r.Id}")));
    }

    private sealed record PayoutRow(long Id, long DistributorId, Money Amount, int UpToPeriodKey, int PeriodKey, long? PayoutRunId);

    private async Task CheckCountersAsync(Dictionary<(long, long, long), (long Cents, long Count)> fromLines, List<LedgerBreach> breaches, CancellationToken ct)
    {
        var counters = (await RawSql.QueryAsync(
            db,
            "SELECT distributor_id, period_key, level, amount_cents, line_count FROM distributor_earnings",
            r => (Key: (r.Whole(0), r.Whole(1), r.Whole(2)), Cents: r.Whole(3), Count: r.Whole(4)),
            ct)).ToDictionary(r => r.Key, r => (r.Cents, r.Count));
        foreach (var key in fromLines.Keys.Union(counters.Keys))
        {
            var lines = fromLines.GetValueOrDefault(key);
            var counter = counters.GetValueOrDefault(key);
            if (lines != counter)
            {
                breaches.Add(new("balances equal lines", $"distributor {key.Item1}, period {key.Item2}, level {key.Item3}: lines sum to {new Money(lines.Cents)} ({lines.Count:N0} lines), counter says {new Money(counter.Cents)} ({counter.Count:N0})"));
            }
        }
    }

    /// <summary>The network overview's counters against a recount of what they count.</summary>
    private async Task CheckOverviewCountersAsync(Dictionary<(long, long, long), (long Cents, long Count)> lineSums, List<LedgerBreach> breaches, CancellationToken ct)
    {
        void Compare<TKey>(Func<TKey, long, long, FormattableString> say, Dictionary<TKey, long> counted, Dictionary<TKey, long> kept)
            where TKey : notnull
        {
            foreach (var key in counted.Keys.Union(kept.Keys).Where(k => counted.GetValueOrDefault(k) != kept.GetValueOrDefault(k)))
            {
                breaches.Add(new("overview counters equal what they count", say(key, counted.GetValueOrDefault(key), kept.GetValueOrDefault(key))));
            }
        }

        async Task<Dictionary<TKey, long>> ReadAsync<TKey>(string sql, Func<System.Data.Common.DbDataReader, TKey> key)
            where TKey : notnull =>
            (await RawSql.QueryAsync(db, sql, r => (Key: key(r), Value: r.Whole(r.FieldCount - 1)), ct)).ToDictionary(r => r.Key, r => r.Value);

        Compare(
            (k, c, s) => $"distributors at (depth, status) {k}: counted {c}, counter says {s}",
            await ReadAsync("SELECT depth, status, COUNT(*) FROM distributors WHERE NOT is_house GROUP BY depth, status", r => (r.Whole(0), r.Whole(1))),
            (await ReadAsync("SELECT depth, status, count FROM network_counts", r => (r.Whole(0), r.Whole(1)))).Where(c => c.Value != 0).ToDictionary());
        var joined = await db.Distributors.AsNoTracking().Where(d => !d.IsHouse).Select(d => d.JoinedAt).ToListAsync(ct);
        Compare(
            (k, c, s) => $"sign-ups on day {k}: counted {c}, counter says {s}",
            joined.GroupBy(NetworkSignupDay.KeyOf).ToDictionary(g => (long)g.Key, g => (long)g.Count()),
            await ReadAsync("SELECT day_key, count FROM network_signup_days", r => r.Whole(0)));

        var byMonth = lineSums.GroupBy(l => (Distributor: l.Key.Item1, Period: l.Key.Item2)).ToDictionary(g => g.Key, g => g.Sum(l => l.Value.Cents));
        Compare((k, c, s) => $"earnings of (distributor, month) {k}: counted {c}, counter says {s}", byMonth, await ReadAsync("SELECT distributor_id, period_key, amount_cents FROM earner_month_totals", r => (Distributor: r.Whole(0), Period: r.Whole(1))));
        Compare(
            (k, c, s) => $"earnings of distributor {k}: counted {c}, counter says {s}",
            byMonth.GroupBy(m => m.Key.Distributor).ToDictionary(g => g.Key, g => g.Sum(m => m.Value)),
            await ReadAsync("SELECT distributor_id, amount_cents FROM earner_totals", r => r.Whole(0)));

        var months = new Dictionary<(long Period, string Figure), long>();
        void Add(long period, string figure, long value) => months[(period, figure)] = months.GetValueOrDefault((period, figure)) + value;
        foreach (var (period, count, total, commissionBase) in await RawSql.QueryAsync(db, "SELECT period_key, COUNT(*), SUM(total_cents), SUM(base_cents) FROM sales GROUP BY period_key", r => (r.Whole(0), r.Whole(1), r.Whole(2), r.Whole(3)), ct))
        {
            Add(period, "sales_count", count);
            Add(period, "sales_total_cents", total);
            Add(period, "sales_base_cents", commissionBase);
        }

        foreach (var refund in await db.Set<SaleRefund>().AsNoTracking().Select(r => new { r.CreatedAt, r.Total, r.Base }).ToListAsync(ct))
        {
            Add(Period.Of(refund.CreatedAt).Key, "refunded_total_cents", refund.Total.Cents);
            Add(Period.Of(refund.CreatedAt).Key, "refunded_base_cents", refund.Base.Cents);
        }

        foreach (var (period, kind, cents) in await RawSql.QueryAsync(db, "SELECT period_key, kind, SUM(amount_cents) FROM commission_lines GROUP BY period_key, kind", r => (r.Whole(0), (int)r.Whole(1), r.Whole(2)), ct))
        {
            Add(period, Counters.NetworkDeltaColumns[Counters.NetworkColumnOf((CommissionLineKind)kind)], cents);
        }

        var kept = new Dictionary<(long Period, string Figure), long>();
        var columns = string.Join(", ", Counters.NetworkDeltaColumns.Select(c => $"SUM({c})"));
        foreach (var row in await RawSql.QueryAsync(db, $"SELECT period_key, {columns} FROM network_month_stats GROUP BY period_key", r => Enumerable.Range(0, r.FieldCount).Select(r.Whole).ToArray(), ct))
        {
            for (var i = 0; i < Counters.NetworkDeltaColumns.Length; i++)
            {
                kept[(row[0], Counters.NetworkDeltaColumns[i])] = row[i + 1];
            }
        }

        Compare((k, c, s) => $"network month {k}: counted {c}, counter says {s}", months.Where(m => m.Value != 0).ToDictionary(), kept.Where(m => m.Value != 0).ToDictionary());
    }

    private async Task CheckPayoutsAsync(ILookup<long, (long Id, int Period, long Cents)> earnedByMonth, List<PayoutRow> payouts, List<LedgerBreach> breaches, CancellationToken ct)
    {
        foreach (var person in payouts.GroupBy(p => p.DistributorId))
        {
            var paid = Money.Zero;
            foreach (var payout in person)
            {
                paid += payout.Amount;
                var earned = new Money(earnedByMonth[person.Key].Where(e => e.Period <= payout.UpToPeriodKey).Sum(e => e.Cents));
                if (paid > earned)
                {
                    breaches.Add(new("never paid more than earned", $"distributor {person.Key}: {paid} paid up to payout {payout.Id}, but only {earned} earned up to {Period.FromKey(payout.UpToPeriodKey)}"));
                }
            }
        }

        var runs = await db.PayoutRuns.AsNoTracking().Include(r => r.Items).ToListAsync(ct);
        var runPayouts = payouts.Where(p => p.PayoutRunId is not null).ToLookup(p => p.PayoutRunId!.Value);
        foreach (var run in runs)
        {
            var written = runPayouts[run.Id].Select(p => (p.DistributorId, p.Amount)).Order().ToList();
            var expected = run.Status == PayoutRunStatus.Confirmed ? run.Items.Select(i => (i.DistributorId, i.Amount)).Order().ToList() : [];
            if (!written.SequenceEqual(expected) || Money.Sum(run.Items.Select(i => i.Amount)) != run.Total)
            {
                breaches.Add(new("payout runs pay their items once", $"payout run {run.Id} ({run.Status}, total {run.Total}): {written.Count} payouts totalling {Money.Sum(written.Select(w => w.Amount))} for {run.Items.Count} items"));
            }
        }
    }

    private async Task CheckStatementsAsync(ILookup<long, (long Id, int Period, long Cents)> lineMonths, List<PayoutRow> payouts, List<LedgerBreach> breaches, CancellationToken ct)
    {
        var closedMonths = await db.CommissionPeriods.AsNoTracking().Select(p => p.Key).OrderBy(k => k).ToListAsync(ct);
        var statements = (await db.Statements.AsNoTracking().ToListAsync(ct)).ToLookup(s => s.DistributorId);
        var payoutMonths = payouts.ToLookup(p => p.DistributorId);
        foreach (var person in statements)
        {
            var byMonth = person.ToDictionary(s => s.PeriodKey);
            foreach (var statement in person)
            {
                var expectedOpening = new Money(lineMonths[person.Key].Where(l => l.Period < statement.PeriodKey).Sum(l => l.Cents))
                    - Money.Sum(payoutMonths[person.Key].Where(p => p.PeriodKey < statement.PeriodKey).Select(p => p.Amount));
                var paidInMonth = Money.Sum(payoutMonths[person.Key].Where(p => p.PeriodKey == statement.PeriodKey).Select(p => p.Amount));
                var previousClosed = closedMonths.Where(k => k < statement.PeriodKey).DefaultIfEmpty(0).Max();
                var previousClosing = byMonth.TryGetValue(previousClosed, out var previous) ? previous.Closing : Money.Zero;
                if (statement.Opening != expectedOpening || statement.Paid != paidInMonth || (previousClosed == Period.FromKey(statement.PeriodKey).Previous().Key && statement.Opening != previousClosing))
                {
                    breaches.Add(new("statements follow on", $"distributor {person.Key}, {Period.FromKey(statement.PeriodKey)}: opens at {statement.Opening} and shows {statement.Paid} paid, the previous month closed at {previousClosing}, lines and payouts give an opening of {expectedOpening} and {paidInMonth} paid"));
                }
            }
        }
    }
}
