using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// The one writer of the dashboard counters for single sales, refunds and ledger lines
/// (<c>distributor_month_stats</c>, <c>distributor_earnings</c> and the team volume queue),
/// set-based and in the caller's transaction; the batch path sums the same counters in
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
        if (!sale.CountsAsVolume)
        {
            return Task.CompletedTask; // a starter kit order counts for nobody (rule 9)
        }

        return CountAsync(db, sale.DistributorId, sale.PeriodKey, sale.Total, sale.Base, 1, sale.Commissions, ct);
    }

    /// <summary>The same counters taken back for a refund, in the month the refund is made.</summary>
    /// <summary>Takes a refund's total and base back from the seller's month (the sale stops counting when its last part is refunded) and counts its reversing lines.</summary>
    public static Task CountRefundAsync(MlmDbContext db, Sale sale, SaleRefund refund, int periodKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sale);
        ArgumentNullException.ThrowIfNull(refund);
        if (!sale.CountsAsVolume)
        {
            return Task.CompletedTask; // it was never counted
        }

        return CountAsync(db, sale.DistributorId, periodKey, -refund.Total, -refund.Base, refund.Completes ? -1 : 0, [.. refund.Reversals], ct);
    }

    /// <summary>Adds ledger lines to their beneficiaries' earnings counters (per period and level).</summary>
    public static Task CountLinesAsync(MlmDbContext db, IReadOnlyCollection<CommissionLine> lines, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sql = new StringBuilder();
        var parameters = new List<object>();
        AppendEarnings(sql, parameters, lines);
        return sql.Length == 0 ? Task.CompletedTask : db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
    }

    private static Task<int> CountAsync(MlmDbContext db, long sellerId, int periodKey, Money total, Money commissionBase, int saleCount, IReadOnlyCollection<CommissionLine> lines, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sql = new StringBuilder("""
            INSERT INTO distributor_month_stats (distributor_id, period_key, personal_sales_count, personal_sales_total_cents, personal_volume_cents, team_sales_count, team_volume_cents)
            VALUES ({0}, {1}, {2}, {3}, {4}, 0, 0)
            ON CONFLICT (distributor_id, period_key) DO UPDATE SET
                personal_sales_count = distributor_month_stats.personal_sales_count + excluded.personal_sales_count,
                personal_sales_total_cents = distributor_month_stats.personal_sales_total_cents + excluded.personal_sales_total_cents,
                personal_volume_cents = distributor_month_stats.personal_volume_cents + excluded.personal_volume_cents;
            INSERT INTO team_volume_queue (distributor_id, period_key, sale_count, volume_cents) VALUES ({0}, {1}, {2}, {4});

            """);
        var parameters = new List<object> { sellerId, periodKey, saleCount, total.Cents, commissionBase.Cents };
        AppendEarnings(sql, parameters, lines);
        return db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
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
    }
}
