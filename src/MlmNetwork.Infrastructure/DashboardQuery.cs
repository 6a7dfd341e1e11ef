using System.Data.Common;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Ledger;
using MlmNetwork.Infrastructure.Network;

namespace MlmNetwork.Infrastructure;

public sealed record DashboardMonth(int PeriodKey, int PersonalSalesCount, Money PersonalSalesTotal, Money PersonalVolume, int TeamSalesCount, Money TeamVolume);

public sealed record DashboardEarning(int PeriodKey, int Level, Money Amount);

public sealed record DashboardRecruit(string Name, DateTime JoinedAt, long DownlineCount);

public sealed record DashboardLine(long Id, long SaleId, int Level, Money Amount, DateTime CreatedAt);

/// <summary>Everything a distributor's dashboard shows, read from counters and a few newest rows by index.</summary>
public sealed record DashboardData(
    IReadOnlyList<DashboardMonth> Months,
    IReadOnlyList<DashboardEarning> Earnings,
    Balance Balance,
    IReadOnlyList<DashboardRecruit> Recruits,
    IReadOnlyList<DashboardLine> LatestLines,
    Statement? LatestStatement);

/// <summary>
/// Reads a dashboard in one round trip to the database: six small statements sent as one
/// command, each answered from counters or an index, so the cost of a dashboard does not grow
/// with the downline and a request waits for the database once.
/// </summary>
public static class DashboardQuery
{
    public const int Newest = 10;

    private const string Sql = """
        SELECT period_key, personal_sales_count, personal_sales_total_cents, personal_volume_cents, team_sales_count, team_volume_cents
        FROM distributor_month_stats WHERE distributor_id = @id;
        SELECT period_key, level, amount_cents FROM distributor_earnings WHERE distributor_id = @id;
        SELECT COALESCE(SUM(amount_cents), 0) FROM payouts WHERE distributor_id = @id;
        SELECT name, joined_at, downline_count FROM distributors WHERE sponsor_id = @id ORDER BY id DESC LIMIT @newest;
        SELECT id, sale_id, level, amount_cents, created_at FROM commission_lines WHERE beneficiary_id = @id ORDER BY id DESC LIMIT @newest;
        SELECT period_key, opening_cents, earned_cents, reversed_cents, forfeited_cents, paid_cents, personal_volume_cents, qualified
        FROM statements WHERE distributor_id = @id ORDER BY period_key DESC LIMIT 1;
        """;

    public static Task<DashboardData> LoadAsync(MlmDbContext db, long distributorId, CancellationToken ct) =>
        RawSql.ReadAsync(db, Sql, async reader =>
        {
            var months = await NextAsync(reader, r => new DashboardMonth(Int(r, 0), Int(r, 1), Cents(r, 2), Cents(r, 3), Int(r, 4), Cents(r, 5)), ct);
            var earnings = await NextAsync(reader, r => new DashboardEarning(Int(r, 0), Int(r, 1), Cents(r, 2)), ct);
            var paid = (await NextAsync(reader, r => Cents(r, 0), ct)).Single();
            var recruits = await NextAsync(reader, r => new DashboardRecruit(r.GetString(0), Utc(r, 1), r.Whole(2)), ct);
            var lines = await NextAsync(reader, r => new DashboardLine(r.Whole(0), r.Whole(1), Int(r, 2), Cents(r, 3), Utc(r, 4)), ct);
            var statements = await NextAsync(reader, r => Statement.For(
                Period.FromKey(Int(r, 0)), distributorId, Cents(r, 1), Cents(r, 2), Cents(r, 3), Cents(r, 4), Cents(r, 5), Cents(r, 6), Convert.ToBoolean(r.GetValue(7), System.Globalization.CultureInfo.InvariantCulture)), ct);
            return new DashboardData(months, earnings, new Balance(Money.Sum(earnings.Select(e => e.Amount)), paid), recruits, lines, statements.FirstOrDefault());
        }, ct, ("id", distributorId), ("newest", Newest));

    /// <summary>Reads the current result set, then moves to the next.</summary>
    private static async Task<List<T>> NextAsync<T>(DbDataReader reader, Func<DbDataReader, T> map, CancellationToken ct)
    {
        var rows = await RawSql.RowsAsync(reader, map, ct);
        await reader.NextResultAsync(ct);
        return rows;
    }

    private static int Int(DbDataReader reader, int ordinal) => (int)reader.Whole(ordinal);

    private static Money Cents(DbDataReader reader, int ordinal) => new(reader.Whole(ordinal));

    private static DateTime Utc(DbDataReader reader, int ordinal) => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);
}
