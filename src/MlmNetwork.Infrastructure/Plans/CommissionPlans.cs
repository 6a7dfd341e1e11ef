using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Plans;

public static class CommissionPlans
{
    /// <summary>The version in force now: the newest one (a version is in force from when it is saved).</summary>
    public static Task<CommissionPlan?> InForceAsync(MlmDbContext db, CancellationToken ct) =>
        db.CommissionPlans.AsNoTracking().OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);

    /// <summary>The next plan version as it would be saved, checked by the domain but not saved: for a preview.</summary>
    public static async Task<CommissionPlan> DraftAsync(
        MlmDbContext db,
        decimal personalPercent,
        IReadOnlyList<decimal> levels,
        bool compression,
        decimal minPersonalVolume,
        string actor,
        DateTime now,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(levels);
        var percents = levels.Select((l, i) => Percent.FromValue(l, $"levels[{i}]")).ToList();
        var latest = await db.CommissionPlans.MaxAsync(p => (int?)p.Version, ct) ?? 0;
        return CommissionPlan.Create(
            latest + 1,
            Percent.FromValue(personalPercent, "personalPercent"),
            percents,
            compression,
            Money.FromAmount(minPersonalVolume, "minPersonalVolume"),
            now,
            actor);
    }

    /// <summary>Saves the next plan version, in force from now, and audits who saved it. Posted lines keep their version.</summary>
    public static async Task<CommissionPlan> SaveNewVersionAsync(
        MlmDbContext db,
        decimal personalPercent,
        IReadOnlyList<decimal> levels,
        bool compression,
        decimal minPersonalVolume,
        string actor,
        DateTime now,
        CancellationToken ct)
    {
        var plan = await DraftAsync(db, personalPercent, levels, compression, minPersonalVolume, actor, now, ct);
        db.CommissionPlans.Add(plan);
        db.Audit(actor, "plan.save", $"plan v{plan.Version}", string.Create(CultureInfo.InvariantCulture, $"personal {plan.PersonalPercent}, levels [{string.Join(", ", plan.Levels)}], compression {plan.Compression}, min PV {plan.MinPersonalVolume}"), now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            throw DomainRuleException.Conflict("Another plan version was saved at the same moment; reload and try again.");
        }

        return plan;
    }
}
