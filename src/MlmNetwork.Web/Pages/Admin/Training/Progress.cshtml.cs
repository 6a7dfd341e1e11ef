using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Onboarding;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Training;

/// <summary>
/// Training per distributor: every distributor (the house aside) with how many published modules
/// they finished; with an id, which modules that distributor finished and when.
/// </summary>
public sealed class ProgressModel(MlmDbContext db) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public int Published { get; private set; }

    /// <summary>The one distributor asked for, with the course and their completions.</summary>
    public Distributor? One { get; private set; }

    public IReadOnlyList<TrainingModule> Modules { get; private set; } = [];

    public IReadOnlyDictionary<long, DateTime> Done { get; private set; } = new Dictionary<long, DateTime>();

    public async Task<IActionResult> OnGetAsync(long? id, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        Published = await db.TrainingModules.CountAsync(m => m.IsPublished, ct);
        if (id is not null)
        {
            One = await db.Distributors.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && !d.IsHouse, ct);
            if (One is null)
            {
                return NotFound();
            }

            Modules = (await TrainingCourse.ForAsync(db, One.Id, null, ct)).Course;
            Done = await TrainingCourse.DoneByAsync(db, One.Id, ct);
            return Page();
        }

        (Rows, Pager) = await Pager.ReadAsync(
            db.Distributors.AsNoTracking()
                .Where(d => !d.IsHouse)
                .OrderBy(d => d.Status).ThenByDescending(d => d.Id)
                .Select(d => new Row(d.Id, d.Name, d.Status)),
            Request,
            pageNumber,
            ct);
        // Each person's figure is out of the course in their language.
        var checklists = await GettingStartedQuery.ForManyAsync(db, await db.Distributors.AsNoTracking().Where(d => Rows.Select(r => r.Id).Contains(d.Id)).ToListAsync(ct), ct);
        Rows = [.. Rows.Select(r => checklists.TryGetValue(r.Id, out var c) ? r with { Done = c.Facts.ModulesDone, Course = c.Facts.PublishedModules } : r)];
        return Page();
    }

    public sealed record Row(long Id, string Name, DistributorStatus Status)
    {
        public int Done { get; init; }

        public int Course { get; init; }
    }
}
