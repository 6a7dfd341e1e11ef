using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Onboarding;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Training;

/// <summary>Writes a training module (Markdown, shown safely), with a preview of the saved text. Audited.</summary>
public sealed class EditModel(MlmDbContext db, BusinessClock clock, RuleMessages rules, IStringLocalizer<EditModel> text) : PageModel
{
    [BindProperty]
    public ModuleForm Input { get; set; } = new();

    public long? Id { get; private set; }

    /// <summary>The module as saved, for the preview.</summary>
    public TrainingModule? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        Id = id;
        if (id is null)
        {
            Input.Position = (await db.TrainingModules.MaxAsync(m => (int?)m.Position, ct) ?? 0) + 10;
            return Page();
        }

        Saved = await db.TrainingModules.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (Saved is null)
        {
            return NotFound();
        }

        Input = new ModuleForm
        {
            Title = Saved.Title,
            Body = Saved.Body,
            Position = Saved.Position,
            VideoUrl = Saved.VideoUrl,
            Language = Saved.Language,
            Published = Saved.IsPublished,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        Id = id;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var module = await TrainingCourse.SaveAsync(
                db,
                id,
                new TrainingModuleDetails(Input.Title ?? string.Empty, Input.Body ?? string.Empty, Input.Position, Input.VideoUrl, Input.Language ?? string.Empty, Input.Published),
                User.Actor(),
                clock.UtcNow,
                ct);
            TempData["Flash"] = text["Saved the module {0}.", module.Title].Value;
            return Redirect($"/Admin/Training/Edit/{module.Id}");
        }
        catch (DomainRuleException e) when (e.Breach == RuleBreach.NotFound)
        {
            return NotFound();
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(e.Field switch
            {
                "title" => "Input.Title",
                "body" => "Input.Body",
                "position" => "Input.Position",
                "videoUrl" => "Input.VideoUrl",
                "language" => "Input.Language",
                _ => string.Empty,
            }, rules.Text(e));
            return Page();
        }
    }

    public sealed class ModuleForm
    {
        [Required(ErrorMessage = "The {0} field is required."), StringLength(TrainingModule.TitleMaxLength, ErrorMessage = "{0} is at most {1} characters long.")]
        [Display(Name = "Title")]
        public string? Title { get; set; }

        [Required(ErrorMessage = "The {0} field is required."), StringLength(TrainingModule.BodyMaxLength, ErrorMessage = "{0} is at most {1} characters long.")]
        [Display(Name = "Text")]
        public string? Body { get; set; }

        [Display(Name = "Place in the course")]
        public int Position { get; set; }

        [StringLength(TrainingModule.VideoUrlMaxLength, ErrorMessage = "{0} is at most {1} characters long.")]
        [Display(Name = "Video link")]
        public string? VideoUrl { get; set; }

        [Display(Name = "Language")]
        public string? Language { get; set; } = "en";

        public bool Published { get; set; }
    }
}
