using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Onboarding;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Training;

/// <summary>The training course: the published modules in order, each marked when the distributor has done it.</summary>
public sealed class IndexModel(MlmDbContext db) : PageModel
{
    public IReadOnlyList<TrainingModule> Modules { get; private set; } = [];

    public IReadOnlyDictionary<long, DateTime> Done { get; private set; } = new Dictionary<long, DateTime>();

    public int DoneCount => Modules.Count(m => Done.ContainsKey(m.Id));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await db.ForAsync(HttpContext, ct);
        if (me is null)
        {
            return Forbid();
        }

        var culture = (await TrainingCourse.PreferredCulturesAsync(db, [me.Id], ct)).GetValueOrDefault(me.Id);
        Modules = await TrainingCourse.CourseAsync(db, TrainingCourse.LanguageOf(culture, System.Globalization.CultureInfo.CurrentUICulture.Name), ct);
        Done = await TrainingCourse.DoneByAsync(db, me.Id, ct);
        return Page();
    }
}
