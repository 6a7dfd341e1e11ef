using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Plans;
using MlmNetwork.Infrastructure.Simulator;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Simulator;

/// <summary>
/// The plan simulator: draft plans (typed like the plan editor's, never in force), and replays
/// of a range of closed months' sales under a draft, run in the background one at a time.
/// </summary>
public sealed class IndexModel(
    MlmDbContext db,
    SimulationRuns runs,
    SimulationSignal signal,
    PlanFormReader reader,
    BusinessClock clock,
    RuleMessages rules,
    IStringLocalizer<IndexModel> t) : PageModel
{
    [BindProperty]
    public DraftForm Input { get; set; } = new();

    [BindProperty]
    public RunForm Replay { get; set; } = new();

    public IReadOnlyList<PlanDraft> Drafts { get; private set; } = [];

    public IReadOnlyList<SimulationRun> Runs { get; private set; } = [];

    public IReadOnlyList<Period> ClosedMonths { get; private set; } = [];

    public CommissionPlan? InForce { get; private set; }

    /// <summary>The draft being edited; null for a new one.</summary>
    public long? Editing => Input.DraftId;

    public async Task OnGetAsync(long? edit, bool blank = false, CancellationToken ct = default)
    {
        await LoadAsync(ct);
        if (edit is { } id)
        {
            if (Drafts.FirstOrDefault(d => d.Id == id) is not { } draft)
            {
                ModelState.AddModelError(string.Empty, t["No draft plan has id {0}.", id]);
            }
            else
            {
                Input = new DraftForm { DraftId = draft.Id, Name = draft.Name };
                PlanFormReader.Fill(Input, draft.Plan);
            }
        }
        else if (!blank && InForce is { } plan)
        {
            Input = new DraftForm { Name = t["Version {0} (copy)", plan.Version] };
            PlanFormReader.Fill(Input, plan);
        }

        PlanFormReader.PadLevels(Input);
        Replay.DraftId ??= Drafts.Count > 0 ? Drafts[0].Id : null;
        Replay.From ??= ClosedMonths.Count > 0 ? ClosedMonths[0].ToString() : null;
        Replay.To ??= Replay.From;
    }

    /// <summary>Saves the draft form: a new draft, or the draft being edited.</summary>
    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        try
        {
            if (reader.Read(Input, Request.Form, ModelState) is { } numbers && ModelState.IsValid)
            {
                var plan = PlanFormReader.Draft(numbers);
                var draft = Input.DraftId is { } id
                    ? await PlanDrafts.UpdateAsync(db, id, Input.Name ?? string.Empty, plan, User.Actor(), clock.UtcNow, ct)
                    : await PlanDrafts.CreateAsync(db, Input.Name ?? string.Empty, plan, User.Actor(), clock.UtcNow, ct);
                TempData["Flash"] = t["Draft \"{0}\" is saved. Replay it on closed months below.", draft.Name].Value;
                return Redirect("/Admin/Simulator");
            }
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(string.Empty, rules.Text(e));
        }

        await LoadAsync(ct);
        PlanFormReader.PadLevels(Input);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            var draft = await PlanDrafts.DeleteAsync(db, id, User.Actor(), clock.UtcNow, ct);
            TempData["Flash"] = t["Draft \"{0}\" is deleted; its runs are kept.", draft.Name].Value;
            return Redirect("/Admin/Simulator");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(string.Empty, rules.Text(e));
            await OnGetAsync(null, ct: ct);
            return Page();
        }
    }

    /// <summary>Queues a replay; the worker starts it at once and the run's page shows its progress.</summary>
    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            if (Replay.DraftId is not { } draftId)
            {
                throw DomainRuleException.Invalid($"Choose a draft to replay.", "draftId");
            }

            var run = await runs.QueueAsync(draftId, Period.Parse(Replay.From ?? string.Empty), Period.Parse(Replay.To ?? string.Empty), User.Actor(), ct);
            signal.Wake();
            TempData["Flash"] = t["Replay #{0} is queued; this page follows its progress.", run.Id].Value;
            return Redirect($"/Admin/Simulator/Runs/{run.Id}");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(string.Empty, rules.Text(e));
        }

        var replay = Replay;
        await OnGetAsync(null, ct: ct);
        Replay = replay;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Drafts = await db.PlanDrafts.AsNoTracking().OrderByDescending(d => d.UpdatedAt).ThenByDescending(d => d.Id).ToListAsync(ct);
        Runs = await db.SimulationRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(20).ToListAsync(ct);
        ClosedMonths = [.. (await db.CommissionPeriods.AsNoTracking().OrderByDescending(p => p.Key).Select(p => p.Key).Take(120).ToListAsync(ct)).Select(Period.FromKey)];
        InForce = await CommissionPlans.InForceAtAsync(db, clock.UtcNow, ct);
    }

    public sealed class DraftForm : PlanFields
    {
        public long? DraftId { get; set; }

        [Required(ErrorMessage = "The {0} field is required."), StringLength(PlanDraft.NameMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}."), Display(Name = "Draft name")]
        public string? Name { get; set; }
    }

    public sealed class RunForm
    {
        public long? DraftId { get; set; }

        public string? From { get; set; }

        public string? To { get; set; }
    }
}
