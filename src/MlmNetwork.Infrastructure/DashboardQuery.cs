using System.Data.Common;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Ledger;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Infrastructure.Onboarding;

namespace MlmNetwork.Infrastructure;

public sealed record DashboardMonth(int PeriodKey, int PersonalSalesCount, Money PersonalSalesTotal, Money PersonalVolume, int TeamSalesCount, Money TeamVolume, Money CustomerVolume = default)
{
    /// <summary>The month's volume, and the part of it sold to customers.</summary>
    public MonthVolume Volume => new(PersonalVolume, CustomerVolume);
}

public sealed record DashboardEarning(int PeriodKey, int Level, Money Amount);

public sealed record DashboardRecruit(string Name, DateTime JoinedAt, long DownlineCount);

public sealed record DashboardLine(long Id, long SaleId, int Level, Money Amount, DateTime CreatedAt, CommissionLineKind Kind);

/// <summary>How many people joined the downline in a month (team growth).</summary>
public sealed record DashboardGrowth(int PeriodKey, long Joined);

/// <summary>
/// Everything a distributor's dashboard shows, read from counters and a few newest rows by index;
/// with the sponsor's card (null for the house account, which has no sponsor) and what the
/// getting-started checklist is worked out from (<see cref="GettingStartedQuery.From"/>).
/// </summary>
public sealed record DashboardData(
    IReadOnlyList<DashboardMonth> Months,
    IReadOnlyList<DashboardEarning> Earnings,
    Balance Balance,
    IReadOnlyList<DashboardRecruit> Recruits,
    IReadOnlyList<DashboardLine> LatestLines,
    Statement? LatestStatement,
    IReadOnlyList<DashboardGrowth> Growth,
    MinimumVolume Minimum,
    Money OutstandingThisMonth,
    CustomerShareRule CustomerShare,
    SponsorCard? Sponsor,
    GettingStartedReads GettingStarted);

/// <summary>
/// Reads a dashboard in one round trip to the database: small statements sent as one command,
/// each answered from counters, an index or a few rows, so the cost of a dashboard does not grow
/// with the downline and a request waits for the database once.
/// </summary>
public static class DashboardQuery
{
    /// <summary>How many of the newest recruits and lines the dashboard lists; text, since it is written into the SQL (see <see cref="Sql"/>).</summary>
    private const string Newest = "10";

    /// <summary>Months of team growth read (the chart's year).</summary>
    public const int GrowthMonths = 12;

    /// <summary>
    /// The minimum personal volume of the plan version in force at the month's last instant
    /// (the one its close applies), exactly as <see cref="Plans.CommissionPlans.InForceAtAsync"/>
    /// chooses it: the newest version started by then, else the oldest.
    /// </summary>
    private const string MinimumAtMonthEnd = $"SELECT min_personal_volume_cents {PlanAtMonthEnd}";

    private const string PlanAtMonthEnd = """
        FROM commission_plans
        ORDER BY CASE WHEN effective_from <= @monthEnd THEN 0 ELSE 1 END, CASE WHEN effective_from <= @monthEnd THEN -version ELSE version END
        LIMIT 1
        """;

    /// <remarks>
    /// Written for PostgreSQL's plan cache (the app's connections prepare a statement on its third
    /// use, and PostgreSQL keeps one generic plan for it after five runs; docs/PERFORMANCE.md):
    /// the limits are in the text, since with a parameter for the limit PostgreSQL never took the
    /// generic plan and planned the newest lines across every month's partition of
    /// <c>commission_lines</c> on each request; and the open month's key is in the text of the
    /// month's sum (<see cref="SqlFor"/>), since planned for any month that sum costs as much as
    /// every partition and PostgreSQL started two parallel workers for it on each request.
    /// </remarks>
    private const string Sql = $"""
        SELECT period_key, personal_sales_count, personal_sales_total_cents, personal_volume_cents, team_sales_count, team_volume_cents, customer_volume_cents
        FROM distributor_month_stats WHERE distributor_id = @id;
        SELECT period_key, level, amount_cents FROM distributor_earnings WHERE distributor_id = @id;
        SELECT COALESCE(SUM(amount_cents), 0) FROM payouts WHERE distributor_id = @id;
        SELECT name, joined_at, downline_count FROM distributors WHERE sponsor_id = @id ORDER BY id DESC LIMIT {Newest};
        SELECT id, sale_id, level, amount_cents, created_at, kind FROM commission_lines WHERE beneficiary_id = @id ORDER BY id DESC LIMIT {Newest};
        SELECT period_key, opening_cents, earned_cents, reversed_cents, forfeited_cents, paid_cents, personal_volume_cents, qualified
        FROM statements WHERE distributor_id = @id ORDER BY period_key DESC LIMIT 1;
        SELECT period_key, joined_count FROM downline_growth WHERE distributor_id = @id AND period_key >= @growthSince;
        {MinimumAtMonthEnd};
        SELECT min_customer_share_basis_points, forfeit_below_customer_share {PlanAtMonthEnd};
        SELECT COALESCE(SUM(l.amount_cents), 0) FROM commission_lines l
        WHERE l.beneficiary_id = @id AND l.period_key = OPEN_MONTH_KEY
          AND (l.kind = 0 OR l.reverses_line_id IN (SELECT o.id FROM commission_lines o WHERE o.beneficiary_id = @id AND o.period_key = OPEN_MONTH_KEY AND o.kind = 0))
          AND COALESCE(({MinimumAtMonthEnd}), 0) > COALESCE((SELECT personal_volume_cents FROM distributor_month_stats WHERE distributor_id = @id AND period_key = @period), 0);
        SELECT s.is_house, s.name, s.email, s.referral_code, CASE WHEN s.shares_phone_with_recruits THEN s.phone END
        FROM distributors s WHERE s.id = (SELECT sponsor_id FROM distributors WHERE id = @id);
        SELECT u.email_confirmed, u.preferred_culture FROM users u WHERE u.id = (SELECT user_id FROM distributors WHERE id = @id);
        SELECT CASE WHEN EXISTS (SELECT 1 FROM sales WHERE distributor_id = @id AND starter_kit_id IS NULL) THEN 1 ELSE 0 END;
        SELECT id, language FROM training_modules WHERE is_published ORDER BY position, id;
        SELECT module_id FROM training_completions WHERE distributor_id = @id;
        """;

    /// <summary>
    /// The dashboard of <paramref name="distributorId"/> in the open month <paramref name="period"/>.
    /// What remains of the month's earned lines (their amounts and the refunds of them so far;
    /// a month still open has no forfeits) is summed only when the personal volume is below the
    /// minimum, the one case in which <see cref="MinimumVolume.Progress"/> needs it.
    /// </summary>
    public static Task<DashboardData> LoadAsync(MlmDbContext db, long distributorId, Period period, CancellationToken ct) =>
        RawSql.ReadAsync(db, SqlFor(period), async reader =>
        {
            var months = await RawSql.RowsThenNextAsync(reader, r => new DashboardMonth(Int(r, 0), Int(r, 1), Cents(r, 2), Cents(r, 3), Int(r, 4), Cents(r, 5), Cents(r, 6)), ct);
            var earnings = await RawSql.RowsThenNextAsync(reader, r => new DashboardEarning(Int(r, 0), Int(r, 1), Cents(r, 2)), ct);
            var paid = (await RawSql.RowsThenNextAsync(reader, r => Cents(r, 0), ct)).Single();
            var recruits = await RawSql.RowsThenNextAsync(reader, r => new DashboardRecruit(r.GetString(0), Utc(r, 1), r.Whole(2)), ct);
            var lines = await RawSql.RowsThenNextAsync(reader, r => new DashboardLine(r.Whole(0), r.Whole(1), Int(r, 2), Cents(r, 3), Utc(r, 4), (CommissionLineKind)Int(r, 5)), ct);
            var statements = await RawSql.RowsThenNextAsync(reader, r => Statement.For(
                Period.FromKey(Int(r, 0)), distributorId, Cents(r, 1), Cents(r, 2), Cents(r, 3), Cents(r, 4), Cents(r, 5), Cents(r, 6), Bool(r, 7)), ct);
            var growth = await RawSql.RowsThenNextAsync(reader, r => new DashboardGrowth(Int(r, 0), r.Whole(1)), ct);
            var minimum = (await RawSql.RowsThenNextAsync(reader, r => Cents(r, 0), ct)).FirstOrDefault();
            var share = (await RawSql.RowsThenNextAsync(reader, r => new CustomerShareRule(r.IsDBNull(0) ? null : new Percent(Int(r, 0)), Bool(r, 1)), ct)).FirstOrDefault();
            var outstanding = (await RawSql.RowsThenNextAsync(reader, r => Cents(r, 0), ct)).Single();
            var sponsor = (await RawSql.RowsThenNextAsync(reader, r => new SponsorCard(Bool(r, 0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)), ct)).FirstOrDefault();
            var login = (await RawSql.RowsThenNextAsync(reader, r => (Confirmed: Bool(r, 0), Culture: r.IsDBNull(1) ? null : r.GetString(1)), ct)).FirstOrDefault();
            var sold = (await RawSql.RowsThenNextAsync(reader, r => Bool(r, 0), ct)).Single();
            var published = await RawSql.RowsThenNextAsync(reader, r => new PublishedModule(r.Whole(0), r.GetString(1)), ct);
            var done = await RawSql.RowsAsync(reader, r => r.Whole(0), ct);
            return new DashboardData(months, earnings, new Balance(Money.Sum(earnings.Select(e => e.Amount)), paid), recruits, lines, statements.FirstOrDefault(), growth, new MinimumVolume(minimum), outstanding, share,
                sponsor, new GettingStartedReads(login.Confirmed, sold, login.Culture, published, done));
        }, ct, ("id", distributorId), ("period", period.Key), ("monthEnd", period.LastInstant), ("growthSince", Period.Of(period.StartsAt.AddMonths(1 - GrowthMonths)).Key));

    private static MonthSql? lastMonth;

    /// <summary>The batch with the month's key written in; one text a month, kept while the month is open.</summary>
    private static string SqlFor(Period period)
    {
        var known = lastMonth;
        if (known?.Key != period.Key)
        {
            known = new MonthSql(period.Key, Sql.Replace("OPEN_MONTH_KEY", period.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            lastMonth = known;
        }

        return known.Text;
    }

    private sealed record MonthSql(int Key, string Text);

    private static int Int(DbDataReader reader, int ordinal) => (int)reader.Whole(ordinal);

    /// <summary>A boolean column (PostgreSQL) or an integer one (SQLite).</summary>
    private static bool Bool(DbDataReader reader, int ordinal) => Convert.ToBoolean(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    private static Money Cents(DbDataReader reader, int ordinal) => new(reader.Whole(ordinal));

    private static DateTime Utc(DbDataReader reader, int ordinal) => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);
}
