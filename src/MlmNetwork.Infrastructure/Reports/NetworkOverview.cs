using System.Data.Common;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Reports;

/// <summary>A month of the whole network: its sales, the refunds made in it and the ledger lines written in it.</summary>
public sealed record NetworkMonth(Period Period, long SalesCount, Money SalesTotal, Money SalesBase, Money RefundedTotal, Money RefundedBase, Money Earned, Money Reversed, Money Forfeited)
{
    /// <summary>Sales of the month less what refunds made in the month took back.</summary>
    public Money NetSales => SalesTotal - RefundedTotal;

    public Money NetBase => SalesBase - RefundedBase;

    /// <summary>Commissions earned in the month net of the reversals and forfeits written in it.</summary>
    public Money NetCommissions => Earned + Reversed + Forfeited;

    /// <summary>Net commissions over net sales, in percent; null when the month sold nothing.</summary>
    public decimal? PayoutRatioOfSales => Ratio(NetCommissions, NetSales);

    /// <summary>Net commissions over the net commission base, in percent; null when there was no base.</summary>
    public decimal? PayoutRatioOfBase => Ratio(NetCommissions, NetBase);

    public static decimal? Ratio(Money part, Money whole) =>
        whole.Cents <= 0 ? null : Math.Round(part.Cents * 100m / whole.Cents, 2, MidpointRounding.AwayFromZero);

    /// <summary>The months from <c>@firstPeriod</c> to <c>@period</c> (keys) that have figures, added up over their slots; read each row with <see cref="Read"/>.</summary>
    internal const string RangeSql = """
        SELECT period_key, SUM(sales_count), SUM(sales_total_cents), SUM(sales_base_cents), SUM(refunded_total_cents), SUM(refunded_base_cents),
               SUM(earned_cents), SUM(reversed_cents), SUM(forfeited_cents)
        FROM network_month_stats WHERE period_key >= @firstPeriod AND period_key <= @period GROUP BY period_key;
        """;

    internal static NetworkMonth Read(DbDataReader r) => new(
        Period.FromKey((int)r.Whole(0)), r.Whole(1), new Money(r.Whole(2)), new Money(r.Whole(3)), new Money(r.Whole(4)), new Money(r.Whole(5)), new Money(r.Whole(6)), new Money(r.Whole(7)), new Money(r.Whole(8)));

    /// <summary>A month with no sales and no lines.</summary>
    public static NetworkMonth Empty(Period period) => new(period, 0, Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero);

    /// <summary>Every month from <paramref name="first"/> to <paramref name="last"/>, those without figures as <see cref="Empty"/>.</summary>
    internal static List<NetworkMonth> Fill(Period first, Period last, IEnumerable<NetworkMonth> stored)
    {
        var byKey = stored.ToDictionary(m => m.Period.Key);
        var months = new List<NetworkMonth>();
        for (var p = first; p <= last; p = Period.Of(p.EndsAt))
        {
            months.Add(byKey.GetValueOrDefault(p.Key) ?? Empty(p));
        }

        return months;
    }
}

/// <summary>Sign-ups in the week that starts on <see cref="Monday"/> (UTC).</summary>
public sealed record NetworkWeek(DateOnly Monday, long SignUps);

public sealed record NetworkEarner(long DistributorId, string Name, string Email, Money Amount);

/// <summary>How many distributors stand at depths <see cref="From"/> to <see cref="To"/> (one depth when equal).</summary>
public sealed record NetworkDepthBand(int From, int To, long Count);

/// <summary>
/// What the admin's network overview shows, read from the overview counters in one round trip:
/// none of it counts the tree, the sales or the lines, so it costs the same at any size (the
/// depth counts are one row per depth and status, the months 32 rows each).
/// </summary>
public sealed record NetworkOverview(
    IReadOnlyDictionary<DistributorStatus, long> ByStatus,
    IReadOnlyList<NetworkWeek> Weeks,
    IReadOnlyList<NetworkMonth> Months,
    IReadOnlyList<NetworkEarner> TopThisMonth,
    IReadOnlyList<NetworkEarner> TopAllTime,
    IReadOnlyList<(int Depth, long Count)> Depths)
{
    public const int WeeksShown = 13;
    public const int MonthsShown = 12;
    public const int TopShown = 10;

    /// <summary>Depths shown one by one; deeper ones are grouped into bands.</summary>
    public const int SingleDepths = 10;

    public long Total => ByStatus.Values.Sum();

    /// <summary>The share of the network with a status, in percent (2 decimals); 0 for an empty network.</summary>
    public decimal ShareOf(DistributorStatus status) =>
        Total == 0 ? 0m : Math.Round(ByStatus.GetValueOrDefault(status) * 100m / Total, 2, MidpointRounding.AwayFromZero);

    public int MaxDepth => Depths.Count == 0 ? 0 : Depths[^1].Depth;

    /// <summary>The people at each depth from 1 to <see cref="SingleDepths"/>, then in bands (11–20, 21–50, 51–100, 101–200, ...), empty bands left out.</summary>
    public IReadOnlyList<NetworkDepthBand> DepthBands
    {
        get
        {
            var bands = new List<NetworkDepthBand>();
            foreach (var (depth, count) in Depths)
            {
                var (from, to) = BandOf(depth);
                if (bands.Count > 0 && bands[^1].From == from)
                {
                    bands[^1] = bands[^1] with { Count = bands[^1].Count + count };
                }
                else
                {
                    bands.Add(new NetworkDepthBand(from, to, count));
                }
            }

            return bands;
        }
    }

    /// <summary>The band a depth falls in: itself up to 10, then 11–20, 21–50, 51–100, 101–200, 201–500, ...</summary>
    public static (int From, int To) BandOf(int depth)
    {
        if (depth <= SingleDepths)
        {
            return (depth, depth);
        }

        // Band edges on a 1-2-5 scale: 10, 20, 50, 100, 200, 500, 1,000, ...
        long low = SingleDepths, scale = 10;
        var mantissa = 2;
        while (depth > mantissa * scale)
        {
            low = mantissa * scale;
            (mantissa, scale) = mantissa switch { 1 => (2, scale), 2 => (5, scale), _ => (1, scale * 10) };
        }

        return ((int)low + 1, (int)Math.Min(mantissa * scale, int.MaxValue));
    }

    private const string Sql = $"""
        SELECT status, SUM(count) FROM network_counts GROUP BY status;
        SELECT depth, SUM(count) FROM network_counts GROUP BY depth HAVING SUM(count) > 0 ORDER BY depth;
        SELECT day_key, count FROM network_signup_days WHERE day_key >= @firstDay;
        {NetworkMonth.RangeSql}
        SELECT t.distributor_id, d.name, d.email, t.amount_cents FROM earner_month_totals t JOIN distributors d ON d.id = t.distributor_id
        WHERE t.period_key = @period AND t.amount_cents > 0 ORDER BY t.amount_cents DESC, t.distributor_id LIMIT @top;
        SELECT t.distributor_id, d.name, d.email, t.amount_cents FROM earner_totals t JOIN distributors d ON d.id = t.distributor_id
        WHERE t.amount_cents > 0 ORDER BY t.amount_cents DESC, t.distributor_id LIMIT @top;
        """;

    /// <summary>The overview as of <paramref name="now"/>: the last <see cref="WeeksShown"/> weeks and <see cref="MonthsShown"/> months, this one included.</summary>
    public static Task<NetworkOverview> LoadAsync(MlmDbContext db, DateTime now, CancellationToken ct)
    {
        var thisWeek = DateOnly.FromDateTime(now).AddDays(-(((int)now.DayOfWeek + 6) % 7));
        var firstWeek = thisWeek.AddDays(-7 * (WeeksShown - 1));
        var period = Period.Of(now);
        var firstPeriod = Period.Of(period.StartsAt.AddMonths(-(MonthsShown - 1)));
        return RawSql.ReadAsync(db, Sql, async reader =>
        {
            var byStatus = Enum.GetValues<DistributorStatus>().ToDictionary(s => s, _ => 0L);
            foreach (var (status, count) in await NextAsync(reader, r => ((DistributorStatus)r.Whole(0), r.Whole(1)), ct))
            {
                byStatus[status] = count;
            }

            var depths = await NextAsync(reader, r => ((int)r.Whole(0), r.Whole(1)), ct);
            var days = await NextAsync(reader, r => (Day: NetworkSignupDay.DayOf((int)r.Whole(0)), Count: r.Whole(1)), ct);
            var weeks = Enumerable.Range(0, WeeksShown)
                .Select(i => firstWeek.AddDays(7 * i))
                .Select(monday => new NetworkWeek(monday, days.Where(d => d.Day >= monday && d.Day < monday.AddDays(7)).Sum(d => d.Count)))
                .ToList();
            var months = NetworkMonth.Fill(firstPeriod, period, await NextAsync(reader, NetworkMonth.Read, ct));
            var topMonth = await NextAsync(reader, Earner, ct);
            var topAll = await NextAsync(reader, Earner, ct);
            return new NetworkOverview(byStatus, weeks, months, topMonth, topAll, depths);
        }, ct, ("firstDay", NetworkSignupDay.KeyOf(firstWeek.ToDateTime(TimeOnly.MinValue))), ("firstPeriod", firstPeriod.Key), ("period", period.Key), ("top", TopShown));
    }

    private static NetworkEarner Earner(DbDataReader r) => new(r.Whole(0), r.GetString(1), r.GetString(2), Cents(r, 3));

    private static Money Cents(DbDataReader reader, int ordinal) => new(reader.Whole(ordinal));

    private static async Task<List<T>> NextAsync<T>(DbDataReader reader, Func<DbDataReader, T> map, CancellationToken ct)
    {
        var rows = await RawSql.RowsAsync(reader, map, ct);
        await reader.NextResultAsync(ct);
        return rows;
    }
}
