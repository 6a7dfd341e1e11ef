using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Plans;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Plan;

/// <summary>The plan editor: every save is a new version in force from now; history is kept.</summary>
public sealed class IndexModel(MlmDbContext db, BusinessClock clock) : PageModel
{
    private const int SpareLevelBoxes = 3;

    [BindProperty]
    public PlanForm Input { get; set; } = new();

    public CommissionPlan? Current { get; private set; }

    public IReadOnlyList<CommissionPlan> History { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Current is not null)
        {
            Input = new PlanForm
            {
                PersonalPercent = Current.PersonalPercent.Value,
                Levels = [.. Current.Levels.Select(l => (decimal?)l.Value)],
                Compression = Current.Compression,
                MinPersonalVolume = Current.MinPersonalVolume.Amount,
            };
        }

        PadLevels();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var levels = Input.Levels.ToList();
        while (levels.Count > 0 && levels[^1] is null)
        {
            levels.RemoveAt(levels.Count - 1);
        }

        if (levels.Any(l => l is null))
        {
            ModelState.AddModelError(string.Empty, "Fill the level boxes from level 1 without gaps (use 0 for a level that pays nothing).");
        }

        if (ModelState.IsValid)
        {
            try
            {
                var plan = await CommissionPlans.SaveNewVersionAsync(
                    db, Input.PersonalPercent!.Value, [.. levels.Select(l => l!.Value)], Input.Compression, Input.MinPersonalVolume ?? 0m, User.Actor(), clock.UtcNow, ct);
                TempData["Flash"] = $"Plan version {plan.Version} is in force from now.";
                return RedirectToPage();
            }
            catch (DomainRuleException e)
            {
                ModelState.AddModelError(string.Empty, e.Message);
            }
        }

        await LoadAsync(ct);
        PadLevels();
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        History = await db.CommissionPlans.AsNoTracking().OrderByDescending(p => p.Version).ToListAsync(ct);
        Current = History.Count > 0 ? History[0] : null;
    }

    private void PadLevels()
    {
        var boxes = Math.Min(CommissionPlan.MaxLevels, Math.Max(Input.Levels.Count, Input.Levels.Count(l => l is not null) + SpareLevelBoxes));
        while (Input.Levels.Count < boxes)
        {
            Input.Levels.Add(null);
        }
    }

    public sealed class PlanForm
    {
        [Required, Range(typeof(decimal), "0", "100"), Display(Name = "Personal percent")]
        public decimal? PersonalPercent { get; set; }

        [MaxLength(CommissionPlan.MaxLevels)]
        public List<decimal?> Levels { get; set; } = [];

        public bool Compression { get; set; }

        [Range(typeof(decimal), "0", "1000000"), Display(Name = "Minimum personal volume")]
        public decimal? MinPersonalVolume { get; set; }
    }
}
