using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Simulator;

/// <summary>The admin's draft plans for the simulator: created, changed and deleted, each audited.</summary>
public static class PlanDrafts
{
    public static async Task<PlanDraft> CreateAsync(MlmDbContext db, string name, CommissionPlan plan, string actor, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var draft = PlanDraft.Create(name, plan, actor, now);
        db.PlanDrafts.Add(draft);
        db.Audit(actor, "plan-draft.create", draft.Name, $"personal {draft.PersonalPercent}, levels {draft.Levels}, compression {draft.Compression}, min PV {draft.MinPersonalVolume}", now);
        await db.SaveChangesAsync(ct);
        return draft;
    }

    public static async Task<PlanDraft> UpdateAsync(MlmDbContext db, long id, string name, CommissionPlan plan, string actor, DateTime now, CancellationToken ct)
    {
        var draft = await FindAsync(db, id, ct);
        draft.Update(name, plan, now);
        db.Audit(actor, "plan-draft.update", draft.Name, $"personal {draft.PersonalPercent}, levels {draft.Levels}, compression {draft.Compression}, min PV {draft.MinPersonalVolume}", now);
        await db.SaveChangesAsync(ct);
        return draft;
    }

    /// <summary>Deletes a draft; its runs stay, with the plan they ran.</summary>
    public static async Task<PlanDraft> DeleteAsync(MlmDbContext db, long id, string actor, DateTime now, CancellationToken ct)
    {
        var draft = await FindAsync(db, id, ct);
        await db.SimulationRuns.Where(r => r.DraftId == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.DraftId, (long?)null), ct);
        db.PlanDrafts.Remove(draft);
        db.Audit(actor, "plan-draft.delete", draft.Name, $"deleted", now);
        await db.SaveChangesAsync(ct);
        return draft;
    }

    public static async Task<PlanDraft> FindAsync(MlmDbContext db, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.PlanDrafts.FirstOrDefaultAsync(d => d.Id == id, ct)
            ?? throw DomainRuleException.NotFound($"No draft plan has id {id}.", "draftId");
    }
}
