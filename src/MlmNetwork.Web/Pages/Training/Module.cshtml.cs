using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Onboarding;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Training;

/// <summary>One published training module to read, marked done (or undone) by the distributor; a draft or unknown id is 404.</summary>
public sealed class ModuleModel(MlmDbContext db, BusinessClock clock, IStringLocalizer<ModuleModel> text) : PageModel
{
    public TrainingModule Module { get; private set; } = null!;

    public DateTime? DoneAt { get; private set; }

    public long? NextId { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var me = await db.ForAsync(HttpContext, ct);
        if (me is null)
        {
            return Forbid();
        }

        var module = await db.TrainingModules.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.IsPublished, ct);
        if (module is null)
        {
            return NotFound();
        }

        Module = module;
        DoneAt = await db.TrainingCompletions.AsNoTracking().Where(c => c.DistributorId == me.Id && c.ModuleId == id).Select(c => (DateTime?)c.CompletedAt).FirstOrDefaultAsync(ct);
        // The next module of the reader's course (in their language), or of all modules when this one is not in it.
        var (course, published) = await TrainingCourse.ForAsync(db, me.Id, System.Globalization.CultureInfo.CurrentUICulture.Name, ct);
        var order = course.Any(m => m.Id == module.Id) ? course : published;
        NextId = order.SkipWhile(m => m.Id != module.Id).Skip(1).Select(m => (long?)m.Id).FirstOrDefault();
        return Page();
    }

    public async Task<IActionResult> OnPostDoneAsync(long id, CancellationToken ct)
    {
        var me = await db.ForAsync(HttpContext, ct);
        if (me is null)
        {
            return Forbid();
        }

        try
        {
            await TrainingCourse.MarkDoneAsync(db, me.Id, id, clock.UtcNow, ct);
        }
        catch (DomainRuleException e) when (e.Breach == RuleBreach.NotFound)
        {
            return NotFound();
        }

        TempData["Flash"] = text["Marked as done. Well done!"].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostUndoAsync(long id, CancellationToken ct)
    {
        var me = await db.ForAsync(HttpContext, ct);
        if (me is null)
        {
            return Forbid();
        }

        try
        {
            await TrainingCourse.UndoAsync(db, me.Id, id, ct);
        }
        catch (DomainRuleException e) when (e.Breach == RuleBreach.NotFound)
        {
            return NotFound();
        }

        TempData["Flash"] = text["The module is marked as not done."].Value;
        return RedirectToPage(new { id });
    }
}
