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

        Modules = (await TrainingCourse.ForAsync(db, me.Id, System.Globalization.CultureInfo.CurrentUICulture.Name, ct)).Course;
        Done = await TrainingCourse.DoneByAsync(db, me.Id, ct);
        return Page();
    }
}
