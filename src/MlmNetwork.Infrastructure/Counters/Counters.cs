using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// The one writer of the dashboard counters for single sales, refunds and ledger lines
/// (<c>distributor_month_stats</c>, <c>distributor_earnings</c> and the team volume queue) and of
/// the admin's network overview (<c>network_month_stats</c>, <c>earner_month_totals</c>,
/// <c>earner_totals</c>), set-based and in the caller's transaction, each table in key order and
/// the tables always in the same order (network month, earnings, earner totals) so writers never deadlock; the batch path sums the same counters in
/// <see cref="BatchCounters"/>, and <see cref="TeamVolumeRollup"/> applies the queue.
/// </summary>
public static class Counters
{
    /// <summary>
    /// Keeps the counters of a posted sale in one statement batch: the seller's personal
    /// figures, one <see cref="TeamVolumeEntry"/> that <see cref="TeamVolumeRollup"/> adds to the
    /// team figures of every ancestor but the house, and the beneficiaries' earnings. Only the
    /// seller's own counter row is locked for the volume, so concurrent sales in one upline do
    /// not wait for each other.
    /// </summary>
    public static Task CountSaleAsync(MlmDbContext db, Sale sale, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sale);
        // A starter kit order is the company's sale but nobody's volume (rule 9): it counts in the network's month only.
        return CountAsync(db, sale.DistributorId, sale.PeriodKey, sale.Total, sale.Base, 1, sale.Commissions, refund: false, sale.CountsAsVolume, !sale.IsPersonalUse, ct);
    }

    /// <summary>Takes a refund's total and base back from the seller's month (the sale stops counting when its last part is refunded) and counts its reversing lines.</summary>
    public static Task CountRefundAsync(MlmDbContext db, Sale sale, SaleRefund refund, int periodKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sale);
        ArgumentNullException.ThrowIfNull(refund);
        return CountAsync(db, sale.DistributorId, periodKey, -refund.Total, -refund.Base, refund.Completes ? -1 : 0, [.. refund.Reversals], refund: true, sale.CountsAsVolume, !sale.IsPersonalUse, ct);
    }

    /// <summary>Adds ledger lines to their beneficiaries' earnings counters (per period and level).</summary>
    public static Task CountLinesAsync(MlmDbContext db, IReadOnlyCollection<CommissionLine> lines, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lines);
        var sql = new StringBuilder();
        var parameters = new List<object>();
        AppendNetworkMonth(sql, parameters, NetworkMonthDeltas(lines, l => NetworkMonthStats.SlotOf(l.BeneficiaryId)));
        AppendEarnings(sql, parameters, lines);
        return sql.Length == 0 ? Task.CompletedTask : db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
    }

    private static Task<int> CountAsync(MlmDbContext db, long sellerId, int periodKey, Money total, Money commissionBase, int saleCount, IReadOnlyCollection<CommissionLine> lines, bool refund, bool volume, bool toCustomer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sql = new StringBuilder(!volume ? string.Empty : """
            INSERT INTO distributor_month_stats (distributor_id, period_key, personal_sales_count, personal_sales_total_cents, personal_volume_cents, customer_volume_cents, team_sales_count, team_volume_cents)
            VALUES ({0}, {1}, {2}, {3}, {4}, {5}, 0, 0)
            ON CONFLICT (distributor_id, period_key) DO UPDATE SET
                personal_sales_count = distributor_month_stats.personal_sales_count + excluded.personal_sales_count,
                personal_sales_total_cents = distributor_month_stats.personal_sales_total_cents + excluded.personal_sales_total_cents,
                personal_volume_cents = distributor_month_stats.personal_volume_cents + excluded.personal_volume_cents,
                customer_volume_cents = distributor_month_stats.customer_volume_cents + excluded.customer_volume_cents;
            INSERT INTO team_volume_queue (distributor_id, period_key, sale_count, volume_cents) VALUES ({0}, {1}, {2}, {4});

            """);
        // A sale to a customer (or its refund) also counts in the seller's customer volume.
        var parameters = new List<object> { sellerId, periodKey, saleCount, total.Cents, commissionBase.Cents, toCustomer ? commissionBase.Cents : 0L };
        var slot = NetworkMonthStats.SlotOf(sellerId);
        var network = NetworkMonthDeltas(lines, _ => slot);
        var month = network.GetValueOrDefault((periodKey, slot)) ?? new long[NetworkDeltaColumns.Length];
        // A sale adds to the month's sales; a refund (given negative) to what the month's refunds took back.
        month[refund ? 3 : 1] += refund ? -total.Cents : total.Cents;
        month[refund ? 4 : 2] += refund ? -commissionBase.Cents : commissionBase.Cents;
        month[0] += refund ? 0 : saleCount;
        network[(periodKey, slot)] = month;
        AppendNetworkMonth(sql, parameters, network);
        AppendEarnings(sql, parameters, lines);
        return db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
    }

    /// <summary>The columns of <c>network_month_stats</c> a write adds to, in the order of the deltas.</summary>
    internal static readonly string[] NetworkDeltaColumns =
        ["sales_count", "sales_total_cents", "sales_base_cents", "refunded_total_cents", "refunded_base_cents", "earned_cents", "reversed_cents", "forfeited_cents"];

    /// <summary>The lines' amounts per month and slot, by kind (earned, reversed, forfeited), as deltas of <see cref="NetworkDeltaColumns"/>.</summary>
    internal static SortedDictionary<(int Period, int Slot), long[]> NetworkMonthDeltas(IEnumerable<CommissionLine> lines, Func<CommissionLine, int> slotOf)
    {
        var deltas = new SortedDictionary<(int Period, int Slot), long[]>();
        foreach (var line in lines)
        {
            var key = (line.PeriodKey, slotOf(line));
            if (!deltas.TryGetValue(key, out var row))
            {
                row = new long[NetworkDeltaColumns.Length];
                deltas[key] = row;
            }

            row[NetworkColumnOf(line.Kind)] += line.Amount.Cents;
        }

        return deltas;
    }

    internal static int NetworkColumnOf(CommissionLineKind kind) => kind switch
    {
        CommissionLineKind.Commission => 5,
        CommissionLineKind.Reversal => 6,
        CommissionLineKind.Forfeit => 7,
    };

    /// <summary>One upsert of the network's month figures, in (period, slot) order; written before the earnings, like every writer of both.</summary>
    private static void AppendNetworkMonth(StringBuilder sql, List<object> parameters, SortedDictionary<(int Period, int Slot), long[]> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO network_month_stats (period_key, slot, {string.Join(", ", NetworkDeltaColumns)}) VALUES ");
        var first = true;
        foreach (var ((period, slot), deltas) in rows)
        {
            var at = parameters.Count;
            sql.Append(first ? "(" : ", (").AppendJoin(", ", Enumerable.Range(at, deltas.Length + 2).Select(i => string.Create(CultureInfo.InvariantCulture, $"{{{i}}}")))
                .Append(')');
            parameters.Add(period);
            parameters.Add(slot);
            parameters.AddRange(deltas.Select((d, i) => i == 0 ? (object)(int)d : d));
            first = false;
        }

        sql.Append(" ON CONFLICT (period_key, slot) DO UPDATE SET ")
            .AppendJoin(", ", NetworkDeltaColumns.Select(c => $"{c} = network_month_stats.{c} + excluded.{c}"))
            .Append(";\n");
    }

    /// <summary>One upsert of the lines' earnings, grouped per beneficiary, period and level and in that order (so concurrent writers never deadlock).</summary>
    private static void AppendEarnings(StringBuilder sql, List<object> parameters, IReadOnlyCollection<CommissionLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return;
        }

        sql.Append("INSERT INTO distributor_earnings (distributor_id, period_key, level, amount_cents, line_count) VALUES ");
        var first = parameters.Count;
        var rows = lines
            .GroupBy(l => (l.BeneficiaryId, l.PeriodKey, l.Level))
            .OrderBy(g => g.Key.BeneficiaryId).ThenBy(g => g.Key.PeriodKey).ThenBy(g => g.Key.Level);
        foreach (var row in rows)
        {
            var at = parameters.Count;
            sql.Append(CultureInfo.InvariantCulture, $"{(at == first ? string.Empty : ", ")}({{{at}}}, {{{at + 1}}}, {{{at + 2}}}, {{{at + 3}}}, {{{at + 4}}})");
            parameters.AddRange([row.Key.BeneficiaryId, row.Key.PeriodKey, row.Key.Level, row.Sum(l => l.Amount.Cents), row.Count()]);
        }

        sql.Append("""
             ON CONFLICT (distributor_id, period_key, level) DO UPDATE SET
                amount_cents = distributor_earnings.amount_cents + excluded.amount_cents,
                line_count = distributor_earnings.line_count + excluded.line_count;

            """);

        // The same amounts over all levels, per month and over all time, for the top earners.
        sql.Append("INSERT INTO earner_month_totals (distributor_id, period_key, amount_cents) VALUES ");
        first = parameters.Count;
        foreach (var row in lines.GroupBy(l => (l.BeneficiaryId, l.PeriodKey)).OrderBy(g => g.Key.BeneficiaryId).ThenBy(g => g.Key.PeriodKey))
        {
            var at = parameters.Count;
            sql.Append(CultureInfo.InvariantCulture, $"{(at == first ? string.Empty : ", ")}({{{at}}}, {{{at + 1}}}, {{{at + 2}}})");
            parameters.AddRange([row.Key.BeneficiaryId, row.Key.PeriodKey, row.Sum(l => l.Amount.Cents)]);
        }

        sql.Append("""
             ON CONFLICT (distributor_id, period_key) DO UPDATE SET amount_cents = earner_month_totals.amount_cents + excluded.amount_cents;
            INSERT INTO earner_totals (distributor_id, amount_cents) VALUES 
            """);
        first = parameters.Count;
        foreach (var row in lines.GroupBy(l => l.BeneficiaryId).OrderBy(g => g.Key))
        {
            var at = parameters.Count;
            sql.Append(CultureInfo.InvariantCulture, $"{(at == first ? string.Empty : ", ")}({{{at}}}, {{{at + 1}}})");
            parameters.AddRange([row.Key, row.Sum(l => l.Amount.Cents)]);
        }

        sql.Append(" ON CONFLICT (distributor_id) DO UPDATE SET amount_cents = earner_totals.amount_cents + excluded.amount_cents;");
    }
}
