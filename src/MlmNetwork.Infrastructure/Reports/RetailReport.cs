using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Plans;

namespace MlmNetwork.Infrastructure.Reports;

/// <summary>
/// One distributor's month in the retail report: their volume (personal, and the part sold to
/// customers) and their commission lines of the month, net, from their own sales (level 0) and
/// from their downline's (levels 1 and up).
/// </summary>
public sealed record RetailRow(long DistributorId, string Name, string ReferralCode, MonthVolume Volume, Money OwnIncome, Money DownlineIncome)
{
    public Money Income => OwnIncome + DownlineIncome;

    /// <summary>The share of the month's volume sold to customers (none with no positive volume).</summary>
    public Percent? CustomerShare => Volume.CustomerShare;

    /// <summary>The share of the month's net income from their own sales (none with no positive income).</summary>
    public Percent? OwnIncomeShare => MonthVolume.ShareOf(OwnIncome, Income);
}

/// <summary>The company's month: every distributor's figures added up.</summary>
public sealed record RetailTotals(MonthVolume Volume, Money OwnIncome, Money DownlineIncome, int Distributors, int BelowMinimum, Money DownlineIncomeBelowMinimum)
{
    public Money Income => OwnIncome + DownlineIncome;

    public Percent? CustomerShare => Volume.CustomerShare;

    public Percent? OwnIncomeShare => MonthVolume.ShareOf(OwnIncome, Income);
}

/// <summary>The company's volume of one month, for the trend.</summary>
public sealed record RetailTrendMonth(Period Period, MonthVolume Volume);

/// <summary>How the distributors of the report are ordered.</summary>
public enum RetailOrder
{
    /// <summary>Lowest customer share first (no volume counts as the lowest).</summary>
    ShareAscending = 0,
    ShareDescending = 1,
    /// <summary>Highest downline income first.</summary>
    DownlineIncome = 2,
    /// <summary>By distributor number.</summary>
    Distributor = 3,
}

/// <summary>
/// Retail versus recruiting for one month (docs/rules.md, "customer share"; ADR 018): per
/// distributor and for the company, the share of personal volume sold to customers and the share
/// of the month's net commissions that came from the distributor's own sales, with everyone below
/// the plan's minimum customer share flagged. Listed: every distributor but the house with volume
/// or a commission line in the month. The rule is the plan version's in force at the month's end
/// (for a closed month, the one its close applied). Read from the month's counters
/// (<c>distributor_month_stats</c>, <c>distributor_earnings</c>) with grouped queries, never per row.
/// </summary>
public sealed record RetailReport(Period Month, CustomerShareRule Rule, bool Closed, RetailTotals Totals, IReadOnlyList<RetailRow> Rows, int RowCount, IReadOnlyList<RetailTrendMonth> Trend)
{
    /// <summary>Months in the trend, the chosen month the last.</summary>
    public const int TrendMonths = 12;

    // Everyone with volume or lines in the month: their volume and their net lines by kind of level.
    private const string RowsSql = """
        WITH v AS (
            SELECT distributor_id, personal_volume_cents AS pv, customer_volume_cents AS cv FROM distributor_month_stats
            WHERE period_key = @p AND (personal_sales_count <> 0 OR personal_volume_cents <> 0 OR customer_volume_cents <> 0)),
        e AS (
            SELECT distributor_id, SUM(CASE WHEN level = 0 THEN amount_cents ELSE 0 END) AS own, SUM(CASE WHEN level > 0 THEN amount_cents ELSE 0 END) AS down
            FROM distributor_earnings WHERE period_key = @p GROUP BY distributor_id),
        ids AS (SELECT distributor_id FROM v UNION SELECT distributor_id FROM e),
        r AS (
            SELECT ids.distributor_id AS id, COALESCE(v.pv, 0) AS pv, COALESCE(v.cv, 0) AS cv, COALESCE(e.own, 0) AS own, COALESCE(e.down, 0) AS down,
                CASE WHEN @min < 0 THEN 0 WHEN COALESCE(v.pv, 0) > 0 AND COALESCE(v.cv, 0) * 10000 >= @min * v.pv THEN 0 ELSE 1 END AS below
            FROM ids LEFT JOIN v ON v.distributor_id = ids.distributor_id LEFT JOIN e ON e.distributor_id = ids.distributor_id
            JOIN distributors d ON d.id = ids.distributor_id WHERE NOT d.is_house)
        """;

    /// <summary>The month's report: the totals, one page of distributors in <paramref name="order"/> (only those below the minimum when <paramref name="belowOnly"/>), and the company's trend.</summary>
    public static async Task<RetailReport> LoadAsync(MlmDbContext db, Period month, RetailOrder order, bool belowOnly, int skip, int take, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (rule, closed) = await RuleAsync(db, month, ct);
        var (_, minimum) = Parameters(month, rule);
        var sql = $"""
            {RowsSql}
            SELECT COALESCE(SUM(pv), 0), COALESCE(SUM(cv), 0), COALESCE(SUM(own), 0), COALESCE(SUM(down), 0), COUNT(*), COALESCE(SUM(below), 0), COALESCE(SUM(CASE WHEN below = 1 THEN down ELSE 0 END), 0) FROM r;
            {RowsSql}
            SELECT r.id, d.name, d.referral_code, r.pv, r.cv, r.own, r.down FROM r JOIN distributors d ON d.id = r.id
            WHERE @belowOnly = 0 OR r.below = 1
            ORDER BY {OrderBy(order)} LIMIT @take OFFSET @skip;
            SELECT period_key, SUM(personal_volume_cents), SUM(customer_volume_cents) FROM distributor_month_stats
            WHERE period_key >= @first AND period_key <= @p GROUP BY period_key;
            """;
        var first = Period.Of(month.StartsAt.AddMonths(1 - TrendMonths));
        return await RawSql.ReadAsync(db, sql, async reader =>
        {
            var totals = (await RawSql.RowsThenNextAsync(reader, r => new RetailTotals(
                new MonthVolume(new Money(r.Whole(0)), new Money(r.Whole(1))), new Money(r.Whole(2)), new Money(r.Whole(3)), (int)r.Whole(4), (int)r.Whole(5), new Money(r.Whole(6))), ct))[0];
            var rows = await RawSql.RowsThenNextAsync(reader, Row, ct);
            var count = belowOnly ? totals.BelowMinimum : totals.Distributors;
            var volumes = (await RawSql.RowsAsync(reader, r => (Key: (int)r.Whole(0), Volume: new MonthVolume(new Money(r.Whole(1)), new Money(r.Whole(2)))), ct)).ToDictionary(t => t.Key, t => t.Volume);
            var trend = new List<RetailTrendMonth>();
            for (var m = first; m <= month; m = Period.Of(m.EndsAt))
            {
                trend.Add(new RetailTrendMonth(m, volumes.GetValueOrDefault(m.Key)));
            }

            return new RetailReport(month, rule, closed, totals, rows, count, trend);
        }, ct, ("p", month.Key), ("min", minimum), ("belowOnly", belowOnly ? 1 : 0), ("take", take), ("skip", skip), ("first", first.Key));
    }

    /// <summary>Every listed distributor of the month, by number, for the CSV: read row by row, never held whole.</summary>
    public static async IAsyncEnumerable<(RetailRow Row, bool Below)> AllAsync(MlmDbContext db, Period month, CustomerShareRule rule, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (_, minimum) = Parameters(month, rule);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"{RowsSql} SELECT r.id, d.name, d.referral_code, r.pv, r.cv, r.own, r.down, r.below FROM r JOIN distributors d ON d.id = r.id ORDER BY r.id";
        AddParameter(command, "@p", month.Key);
        AddParameter(command, "@min", minimum);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                yield return (Row(reader), reader.Whole(7) == 1);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The customer share rule that applies to a month, and whether the month is closed: for a
    /// closed month, the one its close applied; for an open one, the plan version's in force at its end.
    /// </summary>
    public static async Task<(CustomerShareRule Rule, bool Closed)> RuleAsync(MlmDbContext db, Period month, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var closed = await db.CommissionPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Key == month.Key, ct);
        if (closed is not null)
        {
            return (closed.CustomerShare, true);
        }

        var plan = await CommissionPlans.InForceAtAsync(db, month.LastInstant, ct);
        return (plan?.CustomerShare ?? CustomerShareRule.None, false);
    }

    private static (int Key, object Minimum) Parameters(Period month, CustomerShareRule rule) =>
        (month.Key, rule.Minimum is { } minimum ? (long)minimum.BasisPoints : -1L); // -1: no minimum, everybody qualifies

    private static RetailRow Row(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), new MonthVolume(new Money(r.Whole(3)), new Money(r.Whole(4))), new Money(r.Whole(5)), new Money(r.Whole(6)));

    private static string OrderBy(RetailOrder order) => order switch
    {
        RetailOrder.ShareAscending => "CASE WHEN r.pv > 0 THEN r.cv * 10000 / r.pv ELSE -1 END, r.id",
        RetailOrder.ShareDescending => "CASE WHEN r.pv > 0 THEN r.cv * 10000 / r.pv ELSE -1 END DESC, r.id",
        RetailOrder.DownlineIncome => "r.down DESC, r.id",
        RetailOrder.Distributor => "r.id",
    };

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
