using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Plans;

public static class CommissionPlans
{
    /// <summary>The versions that had started at <paramref name="at"/>, the one in force first.</summary>
    public static IQueryable<CommissionPlan> InForceAt(MlmDbContext db, DateTime at) =>
        (db ?? throw new ArgumentNullException(nameof(db))).CommissionPlans.AsNoTracking().Where(p => p.EffectiveFrom <= at).OrderByDescending(p => p.Version);

    /// <summary>
    /// The version in force at <paramref name="at"/>: the highest version whose effective-from is
    /// at or before it. A moment before the first version falls under the oldest version (for
    /// reports and closes; no sale is dated then: rule 13 refuses it before a plan is looked up).
    /// Null only when no plan exists.
    /// </summary>
    public static async Task<CommissionPlan?> InForceAtAsync(MlmDbContext db, DateTime at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await InForceAt(db, at).FirstOrDefaultAsync(ct)
            ?? await db.CommissionPlans.AsNoTracking().OrderBy(p => p.Version).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The next plan version as it would be saved, in force from <paramref name="effectiveFrom"/>
    /// (null: from now), checked by the domain but not saved: for a preview.
    /// </summary>
    public static async Task<CommissionPlan> DraftAsync(
        MlmDbContext db,
        decimal personalPercent,
        IReadOnlyList<decimal> levels,
        bool compression,
        decimal minPersonalVolume,
        decimal? minCustomerShare,
        bool forfeitBelowCustomerShare,
        DateTime? effectiveFrom,
        string actor,
        DateTime now,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(levels);
        var percents = levels.Select((l, i) => Percent.FromValue(l, $"levels[{i}]")).ToList();
        var latest = await db.CommissionPlans.AsNoTracking().OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        var closed = (await db.CommissionPeriods.AsNoTracking().Select(p => p.Key).ToListAsync(ct)).Select(Period.FromKey).ToList();
        return CommissionPlan.CreateNext(
            latest,
            Percent.FromValue(personalPercent, "personalPercent"),
            percents,
            compression,
            Money.FromAmount(minPersonalVolume, "minPersonalVolume"),
            BusinessClock.Microseconds(effectiveFrom ?? now),
            BusinessClock.Microseconds(now),
            closed,
            actor,
            CustomerShare(minCustomerShare, forfeitBelowCustomerShare));
    }

    /// <summary>A minimum customer share as the audit log shows it: the percent, or "none" (an empty list of percents reads so).</summary>
    public static Percent[] AuditShare(Percent? minimum) => minimum is { } share ? [share] : [];

    /// <summary>The customer share rule as typed: a percent from 0 to 100 with at most two decimals, or none (null or 0).</summary>
    public static CustomerShareRule CustomerShare(decimal? minimum, bool forfeitAtClose) =>
        new(minimum is { } value ? Percent.FromValue(value, "minCustomerShare", "Minimum customer share") : null, forfeitAtClose);

    /// <summary>
    /// Saves the next plan version, in force from <paramref name="effectiveFrom"/> (null: from
    /// now), and audits who saved it. Posted lines keep their version.
    /// </summary>
    public static async Task<CommissionPlan> SaveNewVersionAsync(
        MlmDbContext db,
        decimal personalPercent,
        IReadOnlyList<decimal> levels,
        bool compression,
        decimal minPersonalVolume,
        decimal? minCustomerShare,
        bool forfeitBelowCustomerShare,
        DateTime? effectiveFrom,
        string actor,
        DateTime now,
        CancellationToken ct)
    {
        var plan = await DraftAsync(db, personalPercent, levels, compression, minPersonalVolume, minCustomerShare, forfeitBelowCustomerShare, effectiveFrom, actor, now, ct);
        return await SaveAsync(db, plan, actor, now, ct);
    }

    /// <summary>Saves a drafted version (see <see cref="DraftAsync"/>) and audits who saved it; if another version took its number meanwhile, nothing is saved.</summary>
    public static async Task<CommissionPlan> SaveAsync(MlmDbContext db, CommissionPlan plan, string actor, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plan);
        db.CommissionPlans.Add(plan);
        db.Audit(actor, "plan.save", $"plan v{plan.Version}", $"personal {plan.PersonalPercent}, levels {plan.Levels}, compression {plan.Compression}, min PV {plan.MinPersonalVolume}, min customer share {AuditShare(plan.MinCustomerShare)}, forfeit below it at the close {plan.ForfeitBelowCustomerShare}, in force from {plan.EffectiveFrom:yyyy-MM-dd HH:mm:ss} UTC", now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            throw DomainRuleException.Conflict($"Another plan version was saved at the same moment; reload and try again.");
        }

        return plan;
    }

    /// <summary>
    /// Withdraws a scheduled version before it starts (the newest only), audited with the reason;
    /// the versions before it stay as they were.
    /// </summary>
    public static async Task<CommissionPlan> WithdrawScheduledAsync(MlmDbContext db, int version, string actor, string? reason, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plan = await db.CommissionPlans.FirstOrDefaultAsync(p => p.Version == version, ct)
            ?? throw DomainRuleException.NotFound($"No plan version {version}.", "version");
        var newest = await db.CommissionPlans.AsNoTracking().OrderByDescending(p => p.Version).FirstAsync(ct);
        plan.EnsureWithdrawable(newest, now);
        db.CommissionPlans.Remove(plan);
        db.Audit(actor, "plan.withdraw", $"plan v{plan.Version}", $"scheduled for {plan.EffectiveFrom:yyyy-MM-dd HH:mm:ss} UTC, withdrawn before it started: {AuditLog.Reason(reason)}", now);
        await db.SaveChangesAsync(ct);
        return plan;
    }
}
