using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Onboarding;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Terms;

/// <summary>
/// The terms and policies: publishing a new version (never editing one: each save is the next
/// version, and every distributor is asked to accept it), and the history with how many accepted each.
/// </summary>
public sealed class IndexModel(MlmDbContext db, BusinessClock clock, RuleMessages rules, IStringLocalizer<IndexModel> text) : PageModel
{
    [BindProperty]
    public TermsForm Input { get; set; } = new();

    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];

    public int ActiveDistributors { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input.Body = (await TermsStore.InForceAsync(db, ct))?.Body;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        try
        {
            var version = await TermsStore.PublishAsync(db, Input.Body ?? string.Empty, Input.ChangeNote, User.Actor(), clock.UtcNow, ct);
            TempData["Flash"] = text["Published version {0}. Every distributor is asked to accept it the next time they open a page.", version.Version].Value;
            return RedirectToPage();
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(e.Field switch { "body" => "Input.Body", "changeNote" => "Input.ChangeNote", _ => string.Empty }, rules.Text(e));
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ActiveDistributors = await TrainingCourse.ActiveDistributors(db).CountAsync(ct);
        Versions = await db.TermsVersions.AsNoTracking()
            .OrderByDescending(t => t.Version)
            .Select(t => new VersionRow(t.Version, t.PublishedAt, t.PublishedBy, t.ChangeNote, db.TermsAcceptances.Count(a => a.Version == t.Version)))
            .ToListAsync(ct);
    }

    public sealed record VersionRow(int Version, DateTime PublishedAt, string PublishedBy, string? ChangeNote, int Accepted);

    public sealed class TermsForm
    {
        [Required(ErrorMessage = "The {0} field is required."), StringLength(TermsVersion.BodyMaxLength, ErrorMessage = "{0} is at most {1} characters long.")]
        [Display(Name = "Text")]
        public string? Body { get; set; }

        [StringLength(TermsVersion.NoteMaxLength, ErrorMessage = "{0} is at most {1} characters long.")]
        [Display(Name = "What changed")]
        public string? ChangeNote { get; set; }
    }
}
