using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Reports;

/// <summary>
/// Generates the income disclosure of a range of closed months from the ledger's counters and
/// the payouts, and publishes it. The people counted are summed up in the database, one row per
/// distributor (their earnings in the range from <c>earner_month_totals</c>, their payouts for
/// the range's months), read in one query; the statistics are the domain's
/// (<see cref="IncomeDisclosure.Compute"/>). Nothing is read per distributor. Whatever is shown,
/// the admin's preview included, goes through <see cref="DisclosureRule"/>: the snapshot keeps every
/// figure as generated and the rule withholds on reading, so a snapshot published before the rule
/// existed is read under it too.
/// </summary>
public sealed class IncomeDisclosures(MlmDbContext db, BusinessClock clock, ILogger<IncomeDisclosures> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Who is counted (IncomeDisclosure): not the house, joined before the range ended, not terminated
    // before it began (a termination recorded before its time was kept counts them in); and anyone
    // with a commission line in the range, who was a member then whatever the dates say.
    private const string Counted = "NOT d.is_house AND d.joined_at < @end AND (d.terminated_at IS NULL OR d.terminated_at >= @start)";

    private const string Sql = $"""
        SELECT period_key FROM commission_periods WHERE period_key >= @first AND period_key <= @last;
        SELECT SUM(earned_cents), SUM(reversed_cents), SUM(forfeited_cents) FROM network_month_stats WHERE period_key >= @first AND period_key <= @last;
        SELECT k.id, k.name, k.price_cents, (SELECT COUNT(*) FROM distributors d WHERE d.starter_kit_id = k.id AND {Counted})
        FROM starter_kits k WHERE k.is_active;
        SELECT d.joined_at, COALESCE(e.cents, 0), COALESCE(p.cents, 0)
        FROM distributors d
        LEFT JOIN (SELECT distributor_id, SUM(amount_cents) AS cents FROM earner_month_totals
                   WHERE period_key >= @first AND period_key <= @last GROUP BY distributor_id) e ON e.distributor_id = d.id
        LEFT JOIN (SELECT distributor_id, SUM(amount_cents) AS cents FROM payouts
                   WHERE up_to_period_key >= @first AND up_to_period_key <= @last GROUP BY distributor_id) p ON p.distributor_id = d.id
        WHERE ({Counted}) OR (NOT d.is_house AND e.distributor_id IS NOT NULL);
        """;

    /// <summary>What the disclosure of <paramref name="from"/> to <paramref name="to"/> would publish, generated now; refused unless every month of it is closed.</summary>
    public async Task<DisclosedIncome> PreviewAsync(Period from, Period to, CancellationToken ct) =>
        DisclosureRule.Apply(await GenerateAsync(from, to, ct));

    private async Task<IncomeDisclosure> GenerateAsync(Period from, Period to, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var now = clock.UtcNow;
        var disclosure = await RawSql.ReadAsync(db, Sql, async reader =>
        {
            var closed = (await RawSql.RowsThenNextAsync(reader, r => (int)r.Whole(0), ct)).ToHashSet();
            IncomeDisclosure.CheckRange(from, to, closed);
            var ledger = (await RawSql.RowsThenNextAsync(reader, r => (Earned: new Money(r.Whole(0)), Reversed: new Money(r.Whole(1)), Forfeited: new Money(r.Whole(2))), ct)).Single();
            var kits = await RawSql.RowsThenNextAsync(reader, r => new KitOffer(r.Whole(0), r.GetString(1), new Money(r.Whole(2)), r.Whole(3)), ct);
            var people = await RawSql.RowsAsync(reader, r => new DistributorIncome(r.Whole(1), r.Whole(2), DateTime.SpecifyKind(r.GetDateTime(0), DateTimeKind.Utc)), ct);
            return IncomeDisclosure.Compute(from, to, people, kits, ledger.Earned, ledger.Reversed, ledger.Forfeited, now);
        }, ct, ("first", from.Key), ("last", to.Key), ("start", from.StartsAt), ("end", to.EndsAt));
        logger.LogInformation("Generated the income disclosure of {From} to {To} over {Count} distributors in {Milliseconds} ms",
            from, to, disclosure.All.Count, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return disclosure;
    }

    /// <summary>
    /// Generates the disclosure of the range and publishes it in the place of the one published
    /// before, if any; audited with both ranges.
    /// </summary>
    public async Task<IncomeDisclosure> PublishAsync(Period from, Period to, string actor, CancellationToken ct)
    {
        var disclosure = await GenerateAsync(from, to, ct);
        var figures = JsonSerializer.Serialize(disclosure, Json);
        var now = clock.UtcNow;
        // Two admins publishing the first one at once: the second finds the row the first added and replaces it.
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var current = await db.PublishedDisclosures.SingleOrDefaultAsync(d => d.Id == PublishedDisclosure.CurrentId, ct);
            if (current is null)
            {
                db.PublishedDisclosures.Add(PublishedDisclosure.Publish(disclosure, figures, now, actor));
                db.Audit(actor, "disclosure.publish", $"income disclosure", $"{from} to {to}: {disclosure.All.Count} distributors", now);
            }
            else
            {
                var (before, beforeTo) = (current.From, current.To);
                current.Replace(disclosure, figures, now, actor);
                db.Audit(actor, "disclosure.publish", $"income disclosure", $"{from} to {to}: {disclosure.All.Count} distributors, replacing {before} to {beforeTo}", now);
            }

            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException e) when (attempt == 1 && current is null && db.IsUniqueViolation(e))
            {
            }
        }

        logger.LogInformation("{Actor} published the income disclosure of {From} to {To}", actor, from, to);
        return disclosure;
    }

    /// <summary>The published disclosure as it may be shown (<see cref="DisclosureRule"/>), with when it was published; null when none is.</summary>
    public async Task<(DisclosedIncome Figures, DateTime PublishedAt)?> PublishedAsync(CancellationToken ct)
    {
        var published = await db.PublishedDisclosures.AsNoTracking().SingleOrDefaultAsync(d => d.Id == PublishedDisclosure.CurrentId, ct);
        return published is null ? null : (DisclosureRule.Apply(JsonSerializer.Deserialize<IncomeDisclosure>(published.Figures, Json)!), published.PublishedAt);
    }

    /// <summary>Whether a disclosure is published (for the join page's link).</summary>
    public Task<bool> IsPublishedAsync(CancellationToken ct) => db.PublishedDisclosures.AnyAsync(ct);
}
