using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Network;

namespace MlmNetwork.Infrastructure.Payouts;

/// <summary>
/// Proposes, confirms and cancels payout runs, for the admin pages and the API alike. Each step
/// is one transaction that first takes the payout lock, so the balances it reads are the ones it
/// pays against, whichever admin or app instance acts at the same moment (docs/rules.md rule 10).
/// </summary>
public sealed class PayoutRuns(MlmDbContext db, BusinessClock clock, ILogger<PayoutRuns> logger)
{
    /// <summary>Proposes to pay everything payable up to a closed month; refused while another run is open.</summary>
    public async Task<PayoutRun> ProposeAsync(Period upTo, string actor, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockPayoutsAsync(ct);
        if (await db.PayoutRuns.AnyAsync(r => r.Status == PayoutRunStatus.Proposed, ct))
        {
            throw OpenRunConflict();
        }

        var key = upTo.Key;
        var closed = await db.CommissionPeriods.AnyAsync(p => p.Key == key, ct);
        var settings = await SettingsAsync(db, ct);
        var now = clock.UtcNow;
        var run = PayoutRun.Propose(upTo, closed, settings.MinimumPayout, await BalancesAsync(upTo, null, ct), now, actor);
        db.PayoutRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            throw OpenRunConflict();
        }

        db.Audit(actor, "payout-run.propose", $"payout run {run.Id}", $"up to {upTo}: {run.ItemCount:N0} distributors, total {run.Total}, minimum payout {run.MinimumPayout}", now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Proposed payout run {PayoutRunId} up to {Period}: {ItemCount} distributors, total {Total}", run.Id, upTo.ToString(), run.ItemCount, run.Total.ToString());
        return run;
    }

    /// <summary>Confirms a run as paid: writes its payouts, each checked against what is payable now. All or nothing.</summary>
    public async Task<PayoutRun> ConfirmAsync(long runId, DateOnly paidOn, string reference, string actor, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockPayoutsAsync(ct);
        var run = await LoadAsync(runId, ct);
        var now = clock.UtcNow;
        var balances = await BalancesAsync(run.UpTo, [.. run.Items.Select(i => i.DistributorId)], ct);
        var payouts = run.Confirm(paidOn, reference, balances, now, actor);
        db.Payouts.AddRange(payouts);
        db.NotificationEvents.Add(Notifications.NotificationEvent.PayoutRunConfirmed(run.Id, now)); // "you were paid": told after this commits
        db.Audit(actor, "payout-run.confirm", $"payout run {run.Id}", $"paid {run.Total} to {run.ItemCount:N0} distributors on {paidOn:yyyy-MM-dd}, reference {run.Reference}", now);
        await SaveGuardedAsync(run, ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Confirmed payout run {PayoutRunId}: {PayoutCount} payouts, total {Total}", run.Id, payouts.Count, run.Total.ToString());
        return run;
    }

    /// <summary>Cancels an open run as a whole; its balances stay payable.</summary>
    public async Task<PayoutRun> CancelAsync(long runId, string actor, string? reason, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockPayoutsAsync(ct);
        var run = await LoadAsync(runId, ct);
        var now = clock.UtcNow;
        run.Cancel(now, actor);
        db.Audit(actor, "payout-run.cancel", $"payout run {run.Id}", $"cancelled (up to {run.UpTo}, total {run.Total}): {AuditLog.Reason(reason)}", now);
        await SaveGuardedAsync(run, ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Cancelled payout run {PayoutRunId}", run.Id);
        return run;
    }

    /// <summary>Sets the minimum payout in the company settings.</summary>
    public async Task SetMinimumPayoutAsync(Money amount, string actor, CancellationToken ct)
    {
        var settings = await SettingsAsync(db, ct);
        var before = settings.MinimumPayout;
        settings.SetMinimumPayout(amount);
        db.Audit(actor, "settings.minimum-payout", AuditText.Phrase("company settings"), $"minimum payout {before} -> {amount}", clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    public static async Task<CompanySettings> SettingsAsync(MlmDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var settings = await db.CompanySettings.FirstOrDefaultAsync(s => s.Id == CompanySettings.SingletonId, ct);
        if (settings is null)
        {
            settings = CompanySettings.Defaults();
            db.CompanySettings.Add(settings);
        }

        return settings;
    }

    /// <summary>
    /// Every distributor's earnings up to the month, in all, and paid so far (only those named,
    /// when <paramref name="only"/> is given): set-based, from the earnings counters.
    /// </summary>
    public async Task<Dictionary<long, PayableBalance>> BalancesAsync(Period upTo, IReadOnlyCollection<long>? only, CancellationToken ct)
    {
        var earned = await RawSql.QueryAsync(
            db,
            "SELECT distributor_id, SUM(CASE WHEN period_key <= @upTo THEN amount_cents ELSE 0 END), SUM(amount_cents) FROM distributor_earnings GROUP BY distributor_id",
            r => (Id: r.Whole(0), UpTo: r.Whole(1), All: r.Whole(2)),
            ct,
            ("upTo", upTo.Key));
        var paid = (await RawSql.QueryAsync(
            db,
            "SELECT distributor_id, SUM(amount_cents) FROM payouts GROUP BY distributor_id",
            r => (Id: r.Whole(0), Cents: r.Whole(1)),
            ct)).ToDictionary(p => p.Id, p => p.Cents);
        var wanted = only is null ? null : new HashSet<long>(only);
        return earned
            .Where(e => wanted is null || wanted.Contains(e.Id))
            .ToDictionary(e => e.Id, e => new PayableBalance(new Money(e.UpTo), new Money(e.All), new Money(paid.GetValueOrDefault(e.Id))));
    }

    private async Task<PayoutRun> LoadAsync(long runId, CancellationToken ct) =>
        await db.PayoutRuns.Include(r => r.Items).FirstOrDefaultAsync(r => r.Id == runId, ct)
            ?? throw DomainRuleException.NotFound($"No payout run has id {runId}.", "id");

    private async Task SaveGuardedAsync(PayoutRun run, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || db.IsUniqueViolation(e))
        {
            throw DomainRuleException.Conflict($"Payout run #{run.Id} was confirmed or cancelled by someone else at the same moment; nothing was paid twice.");
        }
    }

    private static DomainRuleException OpenRunConflict() =>
        DomainRuleException.Conflict($"Another payout run is open: confirm or cancel it before proposing a new one, so no balance is in two runs.", "upTo");
}
