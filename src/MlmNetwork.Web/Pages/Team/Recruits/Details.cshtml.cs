using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Onboarding;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Team.Recruits;

/// <summary>One direct recruit's getting-started checklist and training, for their sponsor; anybody else's id is 404.</summary>
public sealed class DetailsModel(MlmDbContext db) : PageModel
{
    public Distributor Recruit { get; private set; } = null!;

    public GettingStarted Checklist { get; private set; } = null!;

    public IReadOnlyList<TrainingModule> Modules { get; private set; } = [];

    public IReadOnlyDictionary<long, DateTime> Done { get; private set; } = new Dictionary<long, DateTime>();

    public string? StarterKit { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var me = await db.ForAsync(HttpContext, ct);
        if (me is null)
        {
            return Forbid();
        }

        var recruit = await db.Distributors.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.SponsorId == me.Id, ct);
        if (recruit is null)
        {
            return NotFound();
        }

        Recruit = recruit;
        Checklist = await GettingStartedQuery.ForAsync(db, recruit, ct);
        Modules = (await TrainingCourse.ForAsync(db, recruit.Id, null, ct)).Course;
        Done = await TrainingCourse.DoneByAsync(db, recruit.Id, ct);
        StarterKit = recruit.StarterKitId is { } kitId
            ? await db.StarterKits.AsNoTracking().Where(k => k.Id == kitId).Select(k => k.Name).FirstOrDefaultAsync(ct)
            : null;
        return Page();
    }
}
