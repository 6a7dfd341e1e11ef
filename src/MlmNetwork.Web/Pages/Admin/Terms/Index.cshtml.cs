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

    /// <summary>How many of the Active distributors accepted the version in force (of <see cref="ActiveDistributors"/>, so it adds up).</summary>
    public int ActiveAccepted { get; private set; }

    /// <summary>The version published since the admin opened the page, shown with the refusal so they can read it before publishing theirs.</summary>
    public TermsVersion? PublishedMeanwhile { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var inForce = await TermsStore.InForceAsync(db, ct);
        Input.Body = inForce?.Body;
        Input.RussianBody = inForce?.RussianBody;
        Input.BasedOn = inForce?.Version;
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
            var version = await TermsStore.PublishAsync(db, Input.BasedOn, Input.Body ?? string.Empty, Input.RussianBody, Input.ChangeNote, User.Actor(), clock.UtcNow, ct);
            TempData["Flash"] = text["Published version {0}. Every distributor is asked to accept it the next time they open a page.", version.Version].Value;
            return RedirectToPage();
        }
        catch (DomainRuleException e) when (e.Field == "basedOn")
        {
            // Another admin published first: their version is shown; what this admin typed stays
            // in the form, now based on it, to publish once they have read it.
            ModelState.AddModelError(string.Empty, rules.Text(e));
            PublishedMeanwhile = await TermsStore.InForceAsync(db, ct);
            Input.BasedOn = PublishedMeanwhile?.Version;
            await LoadAsync(ct);
            return Page();
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(e.Field switch { "body" => "Input.Body", "russianBody" => "Input.RussianBody", "changeNote" => "Input.ChangeNote", _ => string.Empty }, rules.Text(e));
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var active = TrainingCourse.ActiveDistributors(db);
        ActiveDistributors = await active.CountAsync(ct);
        Versions = await db.TermsVersions.AsNoTracking()
            .OrderByDescending(t => t.Version)
            .Select(t => new VersionRow(t.Version, t.PublishedAt, t.PublishedBy, t.ChangeNote, db.TermsAcceptances.Count(a => a.Version == t.Version)))
            .ToListAsync(ct);
        if (Versions.Count > 0)
        {
            var inForce = Versions[0].Version;
            ActiveAccepted = await db.TermsAcceptances.CountAsync(a => a.Version == inForce && active.Any(d => d.Id == a.DistributorId), ct);
        }
    }

    public sealed record VersionRow(int Version, DateTime PublishedAt, string PublishedBy, string? ChangeNote, int Accepted);

    public sealed class TermsForm
    {
        [Required(ErrorMessage = "The {0} field is required."), StringLength(TermsVersion.BodyMaxLength, ErrorMessage = "{0} is at most {1} characters long.")]
        [Display(Name = "Text")]
        public string? Body { get; set; }

        [StringLength(TermsVersion.BodyMaxLength, ErrorMessage = "{0} is at most {1} characters long.")]
        [Display(Name = "Text in Russian")]
        public string? RussianBody { get; set; }

        /// <summary>The version in force when the form was opened (null: none yet); publishing over a newer one is refused.</summary>
        public int? BasedOn { get; set; }

        [StringLength(TermsVersion.NoteMaxLength, ErrorMessage = "{0} is at most {1} characters long.")]
        [Display(Name = "What changed")]
        public string? ChangeNote { get; set; }
    }
}
