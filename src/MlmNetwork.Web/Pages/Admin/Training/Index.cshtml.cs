using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Onboarding;

namespace MlmNetwork.Web.Pages.Admin.Training;

/// <summary>The training modules in course order, drafts too, with how many of the Active distributors finished each.</summary>
public sealed class IndexModel(MlmDbContext db) : PageModel
{
    public IReadOnlyList<ModuleCompletion> Modules { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Modules = await TrainingCourse.CompletionAsync(db, ct);
    }
}
