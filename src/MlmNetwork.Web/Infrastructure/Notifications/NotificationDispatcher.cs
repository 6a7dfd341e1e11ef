using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Mail;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Infrastructure.Notifications;
using MlmNetwork.Infrastructure.Plans;
using MlmNetwork.Web.Infrastructure.Mail;

namespace MlmNetwork.Web.Infrastructure.Notifications;

/// <summary>
/// Turns notification events into notifications and e-mails (ADR 010). Each round claims the
/// oldest waiting events (FOR UPDATE SKIP LOCKED on PostgreSQL, so two app instances never take
/// the same one), tells one chunk of each event's recipients, and in the same transaction moves
/// the event's cursor or marks it done: a crash repeats the whole round or none of it. Every
/// recipient is written to in their own language with their own choices
/// (<see cref="NotificationPreferences"/>).
/// </summary>
public sealed class NotificationDispatcher(
    IServiceScopeFactory scopes,
    BusinessClock clock,
    NotificationTexts texts,
    MailComposer composer,
    MailLinks links,
    MailSignal signal,
    IOptions<NotificationOptions> options,
    ILogger<NotificationDispatcher> logger)
{
    /// <summary>Recipients told per event and transaction.</summary>
    public const int ChunkSize = 500;

    private const int EventsPerRound = 50;

    /// <summary>Adds today's scheduled events when they are not there yet: yesterday's digest, and in the month's last days the low-volume check.</summary>
    public async Task ScheduleAsync(CancellationToken ct)
    {
        var now = clock.UtcNow;
        var today = DateOnly.FromDateTime(now);
        await EnsureOnceAsync(NotificationEventKind.DailyDigest, today.AddDays(-1), "digest:", now, ct);
        var daysLeft = DateTime.DaysInMonth(today.Year, today.Month) - today.Day;
        if (daysLeft < options.Value.LowVolumeDays)
        {
            await EnsureOnceAsync(NotificationEventKind.LowVolumeCheck, today, "low-volume:", now, ct);
        }
    }

    /// <summary>Tells everything waiting, round after round, until no event waits; the number of rounds.</summary>
    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        var rounds = 0;
        while (await RoundAsync(ct))
        {
            rounds++;
            signal.Poke();
        }

        return rounds;
    }

    private async Task<bool> RoundAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MlmDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var skipLocked = db is NpgsqlMlmDbContext ? " FOR UPDATE SKIP LOCKED" : string.Empty;
        var ids = await RawSql.QueryAsync(
            db, $"SELECT id FROM notification_events WHERE done_at IS NULL ORDER BY id LIMIT {EventsPerRound}{skipLocked}", r => r.Whole(0), ct);
        if (ids.Count == 0)
        {
            return false;
        }

        var events = await db.NotificationEvents.Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync(ct);
        var now = clock.UtcNow;
        var round = new Round(db, scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(), scope.ServiceProvider.GetRequiredService<AccountEmails>(), now);
        var sales = events.Where(e => e.Kind == NotificationEventKind.SalePosted).ToList();
        if (sales.Count > 0)
        {
            await TellSaleCommissionsAsync(round, [.. sales.Select(e => e.SubjectId)], ct);
        }

        foreach (var e in events)
        {
            var finished = e.Kind switch
            {
                NotificationEventKind.SalePosted => true,
                NotificationEventKind.Enrolled => await TellEnrolmentAsync(round, e, ct),
                NotificationEventKind.PeriodClosed => await TellStatementsAsync(round, e, ct),
                NotificationEventKind.PayoutRunConfirmed => await TellPayoutsAsync(round, e, ct),
                NotificationEventKind.StatusChanged => await TellStatusAsync(round, e, ct),
                NotificationEventKind.DailyDigest => await TellDigestAsync(round, e, ct),
                NotificationEventKind.LowVolumeCheck => await TellLowVolumeAsync(round, e, ct),
                NotificationEventKind.CustomerOrderPlaced => await TellCustomerOrderAsync(round, e, ct),
                _ => true,
            };
            if (finished && e.OnceKey is null)
            {
                db.NotificationEvents.Remove(e);
            }
            else if (finished)
            {
                e.DoneAt = now;
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (round.Written > 0)
        {
            logger.LogInformation("Wrote {NotificationCount} notifications and {EmailCount} e-mails for {EventCount} events", round.Written, round.Emails, events.Count);
        }

        return true;
    }

    private async Task TellSaleCommissionsAsync(Round round, List<long> saleIds, CancellationToken ct)
    {
        var db = round.Db;
        var lines = await (
            from l in db.CommissionLines.AsNoTracking()
            join p in db.NotificationPreferences.AsNoTracking() on l.BeneficiaryId equals p.DistributorId
            join s in db.Sales.AsNoTracking() on l.SaleId equals s.Id
            join seller in db.Distributors.AsNoTracking() on s.DistributorId equals seller.Id
            where saleIds.Contains(l.SaleId) && l.Kind == CommissionLineKind.Commission && p.Commissions == CommissionNotice.EachSale
            select new { l.Id, l.BeneficiaryId, l.Level, l.Amount, Seller = seller.Name }).ToListAsync(ct);
        var recipients = await RecipientsAsync(db, [.. lines.Select(l => l.BeneficiaryId)], ct);
        foreach (var line in lines.Where(l => l.Amount > Money.Zero))
        {
            if (recipients.TryGetValue(line.BeneficiaryId, out var to))
            {
                Tell(round, to, NotificationKind.Commission, () => texts.Commission(line.Amount, line.Seller, line.Level), $"/Lines/{line.Id}");
            }
        }
    }

    private async Task<bool> TellEnrolmentAsync(Round round, NotificationEvent e, CancellationToken ct)
    {
        var db = round.Db;
        var recruit = await db.Distributors.AsNoTracking().FirstOrDefaultAsync(d => d.Id == e.SubjectId, ct);
        if (recruit is null)
        {
            return true;
        }

        var plan = await CommissionPlans.InForceAtAsync(db, e.CreatedAt, ct);
        if (plan is not null)
        {
            // Those who earn from the recruit's sales: the plan's paid levels (compression included), not the whole chain.
            var chain = await NetworkSql.ChainForAsync(db, recruit.Id, plan, ct);
            var upline = chain.Where(m => m.Distance > 0 && !m.IsHouse && m.Status == DistributorStatus.Active).ToList();
            var recipients = await RecipientsAsync(db, [.. upline.Select(m => m.DistributorId), .. chain.Where(m => m.Distance == 1).Select(m => m.DistributorId)], ct);
            var sponsorName = chain.FirstOrDefault(m => m.Distance == 1) is { } sponsor && recipients.TryGetValue(sponsor.DistributorId, out var s) ? s.Name : string.Empty;
            foreach (var member in upline)
            {
                if (recipients.TryGetValue(member.DistributorId, out var to))
                {
                    Tell(round, to, NotificationKind.NewRecruit, () => texts.NewRecruit(recruit.Name, member.Distance, sponsorName), "/Genealogy");
                }
            }
        }

        // The recruit's welcome, with the link that confirms their e-mail address.
        if (recruit.UserId is not null && await round.Users.FindByIdAsync(recruit.UserId) is { EmailConfirmed: false } user)
        {
            round.Db.OutboxMessages.Add(await round.Account.ConfirmationAsync(user, links.Base, welcome: true));
            round.Emails++;
        }

        return true;
    }

    private async Task<bool> TellStatementsAsync(Round round, NotificationEvent e, CancellationToken ct)
    {
        var key = (int)e.SubjectId;
        var statements = await round.Db.Statements.AsNoTracking()
            .Where(s => s.PeriodKey == key && s.DistributorId > e.Cursor)
            .OrderBy(s => s.DistributorId).Take(ChunkSize).ToListAsync(ct);
        var recipients = await RecipientsAsync(round.Db, [.. statements.Select(s => s.DistributorId)], ct);
        foreach (var statement in statements)
        {
            if (recipients.TryGetValue(statement.DistributorId, out var to) && to.Status != DistributorStatus.Terminated)
            {
                Tell(round, to, NotificationKind.Statement, () => texts.Statement(Period.FromKey(key), statement.Earned, statement.Closing), "/Statements");
            }
        }

        return Advance(e, statements.Select(s => s.DistributorId).ToList());
    }

    private async Task<bool> TellPayoutsAsync(Round round, NotificationEvent e, CancellationToken ct)
    {
        var payouts = await round.Db.Payouts.AsNoTracking()
            .Where(p => p.PayoutRunId == e.SubjectId && p.DistributorId > e.Cursor)
            .OrderBy(p => p.DistributorId).Take(ChunkSize).ToListAsync(ct);
        var recipients = await RecipientsAsync(round.Db, [.. payouts.Select(p => p.DistributorId)], ct);
        foreach (var payout in payouts)
        {
            if (recipients.TryGetValue(payout.DistributorId, out var to))
            {
                Tell(round, to, NotificationKind.Payout, () => texts.Payout(payout.Amount, payout.PaidOn, payout.Reference), "/Statements");
            }
        }

        return Advance(e, payouts.Select(p => p.DistributorId).ToList());
    }

    private async Task<bool> TellStatusAsync(Round round, NotificationEvent e, CancellationToken ct)
    {
        var parts = (e.Detail ?? string.Empty).Split('>');
        if (parts.Length != 2 || !Enum.TryParse<DistributorStatus>(parts[0], out var before) || !Enum.TryParse<DistributorStatus>(parts[1], out var after))
        {
            return true;
        }

        var recipients = await RecipientsAsync(round.Db, [e.SubjectId], ct);
        if (recipients.TryGetValue(e.SubjectId, out var to))
        {
            Tell(round, to, NotificationKind.Status, () => texts.Status(before, after), "/Dashboard");
        }

        return true;
    }

    private async Task<bool> TellDigestAsync(Round round, NotificationEvent e, CancellationToken ct)
    {
        var day = DateOnly.ParseExact(e.SubjectId.ToString(CultureInfo.InvariantCulture), "yyyyMMdd", CultureInfo.InvariantCulture);
        var from = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        // The month's lines by beneficiary (the period index), those written that day; forfeits belong to the month's statement.
        var rows = await RawSql.QueryAsync(
            round.Db,
            """
            SELECT beneficiary_id,
                   SUM(CASE WHEN kind = 0 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN kind = 0 THEN amount_cents ELSE 0 END),
                   SUM(CASE WHEN kind = 1 THEN amount_cents ELSE 0 END)
            FROM commission_lines
            WHERE period_key = @period AND beneficiary_id > @cursor AND kind IN (0, 1) AND created_at >= @from AND created_at < @to
            GROUP BY beneficiary_id
            ORDER BY beneficiary_id
            LIMIT @take
            """,
            r => (Id: r.Whole(0), Lines: r.Whole(1), Earned: new Money(r.Whole(2)), Reversed: new Money(r.Whole(3))),
            ct,
            ("period", Period.Of(from).Key),
            ("cursor", e.Cursor),
            ("from", from),
            ("to", from.AddDays(1)),
            ("take", ChunkSize));
        var recipients = await RecipientsAsync(round.Db, [.. rows.Select(r => r.Id)], ct);
        foreach (var row in rows)
        {
            if (recipients.TryGetValue(row.Id, out var to) && to.Status != DistributorStatus.Terminated
                && (to.Preferences?.Commissions ?? CommissionNotice.DailyDigest) == CommissionNotice.DailyDigest)
            {
                Tell(round, to, NotificationKind.Commission, () => texts.Digest(day, row.Lines, row.Earned, row.Reversed), "/Commissions");
            }
        }

        return Advance(e, rows.Select(r => r.Id).ToList());
    }

    private async Task<bool> TellCustomerOrderAsync(Round round, NotificationEvent e, CancellationToken ct)
    {
        var order = await round.Db.CustomerOrders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == e.SubjectId, ct);
        var customer = order is null ? null : await round.Db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == order.CustomerId, ct);
        if (order is null || customer is null)
        {
            return true;
        }

        var recipients = await RecipientsAsync(round.Db, [order.DistributorId], ct);
        if (recipients.TryGetValue(order.DistributorId, out var to))
        {
            Tell(round, to, NotificationKind.CustomerOrder, () => texts.CustomerOrder(customer.Name, order.Total), "/Customers/Orders");
        }

        // The customer's confirmation, in the language they ordered in; the e-mail they gave is the one it goes to.
        if (customer.Email is { Length: > 0 } email && to is not null)
        {
            using var language = Languages.Use(Languages.ForRecipient(e.Detail));
            var text = texts.CustomerOrderConfirmation(order, to.Name);
            round.Db.OutboxMessages.Add(composer.Compose(
                "customer-order.placed", email, customer.Name, text.Subject, text.Paragraphs, null, composer.CustomerOrderFooter(to.Name), sensitive: false));
            round.Emails++;
        }

        return true;
    }

    private async Task<bool> TellLowVolumeAsync(Round round, NotificationEvent e, CancellationToken ct)
    {
        var day = DateOnly.ParseExact(e.SubjectId.ToString(CultureInfo.InvariantCulture), "yyyyMMdd", CultureInfo.InvariantCulture);
        var period = Period.Of(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var plan = await CommissionPlans.InForceAtAsync(round.Db, period.LastInstant, ct);
        if (plan is null || plan.MinPersonalVolume <= Money.Zero || await round.Db.CommissionPeriods.AnyAsync(p => p.Key == period.Key, ct))
        {
            return true;
        }

        var onceKey = LowVolumeKey(period);
        // Active distributors with commissions this month and a personal volume below the minimum, not yet told this month.
        var rows = await RawSql.QueryAsync(
            round.Db,
            """
            SELECT e.distributor_id, SUM(e.amount_cents), COALESCE(MAX(s.personal_volume_cents), 0)
            FROM distributor_earnings e
            JOIN distributors d ON d.id = e.distributor_id AND d.status = 0 AND NOT d.is_house
            LEFT JOIN distributor_month_stats s ON s.distributor_id = e.distributor_id AND s.period_key = e.period_key
            WHERE e.period_key = @period AND e.distributor_id > @cursor
              AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.distributor_id = e.distributor_id AND n.once_key = @key)
            GROUP BY e.distributor_id
            HAVING SUM(e.amount_cents) > 0 AND COALESCE(MAX(s.personal_volume_cents), 0) < @minimum
            ORDER BY e.distributor_id
            LIMIT @take
            """,
            r => (Id: r.Whole(0), AtStake: new Money(r.Whole(1)), Volume: new Money(r.Whole(2))),
            ct,
            ("period", period.Key),
            ("cursor", e.Cursor),
            ("key", onceKey),
            ("minimum", plan.MinPersonalVolume.Cents),
            ("take", ChunkSize));
        var recipients = await RecipientsAsync(round.Db, [.. rows.Select(r => r.Id)], ct);
        foreach (var row in rows)
        {
            if (recipients.TryGetValue(row.Id, out var to))
            {
                Tell(round, to, NotificationKind.LowVolume, () => texts.LowVolume(period, plan.MinPersonalVolume - row.Volume, row.AtStake), "/Sales/New", onceKey);
            }
        }

        return Advance(e, rows.Select(r => r.Id).ToList());
    }

    /// <summary>The once-a-month key of the low-volume reminder.</summary>
    public static string LowVolumeKey(Period period) => string.Create(CultureInfo.InvariantCulture, $"low-volume:{period.Key}");

    private static bool Advance(NotificationEvent e, List<long> told)
    {
        if (told.Count > 0)
        {
            e.Cursor = told.Max();
        }

        return told.Count < ChunkSize;
    }

    /// <summary>Writes the notification (when wanted in the app, or to remember a once-only one) and the e-mail (when wanted), in the recipient's language.</summary>
    private void Tell(Round round, Recipient to, NotificationKind kind, Func<NotificationText> render, string link, string? onceKey = null)
    {
        var choices = to.Preferences ?? NotificationPreferences.Defaults(to.Id);
        var inApp = choices.InApp(kind) && to.HasLogin;
        var email = choices.Email(kind);
        if (!inApp && !email)
        {
            return;
        }

        using var language = Languages.Use(Languages.ForRecipient(to.Culture));
        var text = render();
        round.Db.Notifications.Add(new Notification
        {
            DistributorId = to.Id,
            Kind = kind,
            Title = Cut(text.Title, Notification.TitleMaxLength),
            Body = Cut(text.Body, Notification.BodyMaxLength),
            Link = link,
            InApp = inApp,
            CreatedAt = round.Now,
            OnceKey = onceKey,
        });
        round.Written++;
        if (email)
        {
            round.Db.OutboxMessages.Add(composer.Compose(
                "notification." + kind.ToString().ToLowerInvariant(), to.Email, to.Name, text.Title, [text.Body], new MailLink(texts.OpenLinkText(), links.To(link)), composer.NotificationFooter(links.To("/Account/Profile")), sensitive: false));
            round.Emails++;
        }
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;

    private static async Task<Dictionary<long, Recipient>> RecipientsAsync(MlmDbContext db, List<long> ids, CancellationToken ct)
    {
        var distinct = ids.Distinct().ToList();
        if (distinct.Count == 0)
        {
            return [];
        }

        var rows = await (
            from d in db.Distributors.AsNoTracking()
            where distinct.Contains(d.Id) && !d.IsHouse
            join u in db.Users.AsNoTracking() on d.UserId equals u.Id into us
            from u in us.DefaultIfEmpty()
            join p in db.NotificationPreferences.AsNoTracking() on d.Id equals p.DistributorId into ps
            from p in ps.DefaultIfEmpty()
            select new Recipient(d.Id, d.Name, d.Email, d.Status, d.UserId != null, u == null ? null : u.PreferredCulture, p)).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id);
    }

    private async Task EnsureOnceAsync(NotificationEventKind kind, DateOnly day, string prefix, DateTime now, CancellationToken ct)
    {
        var key = prefix + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MlmDbContext>();
        if (await db.NotificationEvents.AnyAsync(e => e.OnceKey == key, ct))
        {
            return;
        }

        db.NotificationEvents.Add(new NotificationEvent
        {
            Kind = kind,
            SubjectId = long.Parse(day.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            OnceKey = key,
            CreatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException error) when (db.IsUniqueViolation(error))
        {
            // Another app instance scheduled it at the same moment.
        }
    }

    private sealed record Recipient(long Id, string Name, string Email, DistributorStatus Status, bool HasLogin, string? Culture, NotificationPreferences? Preferences);

    private sealed class Round(MlmDbContext db, UserManager<ApplicationUser> users, AccountEmails account, DateTime now)
    {
        public AccountEmails Account { get; } = account;

        public MlmDbContext Db { get; } = db;

        public UserManager<ApplicationUser> Users { get; } = users;

        public DateTime Now { get; } = now;

        public int Written { get; set; }

        public int Emails { get; set; }
    }
}
