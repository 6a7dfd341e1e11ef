using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Infrastructure.Onboarding;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Join;

/// <summary>
/// The referral sign-up: /join/{code} places the recruit under that sponsor; no code, under the
/// house account. The recruit may pick one of the starter kits on offer (ordered on joining, a
/// sale that pays nobody) and must accept the terms in force, when the company has published any.
/// </summary>
[EnableRateLimiting(Policies.SignUpLimit)]
public sealed class IndexModel(
    EnrollmentService enrollment,
    MlmDbContext db,
    SignInManager<ApplicationUser> signIn,
    RuleMessages rules,
    Display show,
    IStringLocalizer<IndexModel> text) : PageModel
{
    [BindProperty]
    public JoinInput Input { get; set; } = new();

    public string? Code { get; private set; }

    public string? SponsorName { get; private set; }

    public bool UnknownCode { get; private set; }

    public IReadOnlyList<StarterKit> StarterKits { get; private set; } = [];

    public IReadOnlyDictionary<long, Product> KitProducts { get; private set; } = new Dictionary<long, Product>();

    /// <summary>The terms in force, which the recruit must accept; null when the company has published none.</summary>
    public TermsVersion? Terms { get; private set; }

    public async Task OnGetAsync(string? code, CancellationToken ct) => await LoadAsync(code, ct);

    /// <summary>The sponsor comes from the URL the recruit opened, never from a form field.</summary>
    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken ct)
    {
        await LoadAsync(code, ct);
        if (UnknownCode || !ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var accepted = Input.AcceptTerms ? Input.TermsVersion : null;
            var distributor = await enrollment.EnrollAsync(
                new Enrolment(Input.Name, Input.Email, code, Input.StarterKitId, accepted), Input.Password, ct);
            var user = await signIn.UserManager.FindByIdAsync(distributor.UserId!);
            await signIn.SignInAsync(user!, isPersistent: false);
            var welcome = text["Welcome, {0}! Your referral code is {1}.", distributor.Name, distributor.ReferralCode].Value;
            if (StarterKits.FirstOrDefault(k => k.Id == distributor.StarterKitId) is { } kit)
            {
                welcome += " " + text["Your {0} is ordered for {1}: it is your first order, in My sales.", kit.Name, show.Money(kit.Price)].Value;
            }

            TempData["Flash"] = welcome;
            return Redirect("/Dashboard");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(e.Field switch
            {
                "email" => "Input.Email",
                "name" => "Input.Name",
                "password" => "Input.Password",
                "acceptTerms" => "Input.AcceptTerms",
                // The kits' own messages go to the top: a kit no longer offered is not on the page any more.
                _ => string.Empty,
            }, rules.Text(e));
            if (e.Field == "acceptTerms")
            {
                Input.AcceptTerms = false;
            }

            return Page();
        }
    }

    private async Task LoadAsync(string? code, CancellationToken ct)
    {
        Code = code;
        (StarterKits, KitProducts) = await MlmNetwork.Infrastructure.Onboarding.StarterKits.OfferedAsync(db, ct);
        Terms = await TermsStore.InForceAsync(db, ct);
        if (string.IsNullOrWhiteSpace(code))
        {
            return;
        }

        try
        {
            SponsorName = (await enrollment.SponsorForAsync(code, ct)).Name;
        }
        catch (DomainRuleException)
        {
            UnknownCode = true;
        }
    }

    public sealed class JoinInput
    {
        [Required(ErrorMessage = "The {0} field is required."), StringLength(Distributor.NameMaxLength, ErrorMessage = "{0} is at most {1} characters long.")]
        [Display(Name = "Your name")]
        public string Name { get; set; } = string.Empty;

        [Required(ErrorMessage = "The {0} field is required."), EmailAddress(ErrorMessage = "The {0} field is not a valid e-mail address."), StringLength(Distributor.EmailMaxLength, ErrorMessage = "{0} is at most {1} characters long.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "The {0} field is required."), StringLength(200, MinimumLength = 8, ErrorMessage = "{0} is {2} to {1} characters long."), DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = string.Empty;

        public long? StarterKitId { get; set; }

        /// <summary>The box "I have read and accept the terms".</summary>
        public bool AcceptTerms { get; set; }

        /// <summary>The version of the terms the page showed, so that a version published meanwhile is not accepted unread.</summary>
        public int? TermsVersion { get; set; }
    }
}
