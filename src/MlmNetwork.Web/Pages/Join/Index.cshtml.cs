using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
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

    private bool unreadableTermsVersion;

    public IReadOnlyList<StarterKit> StarterKits { get; private set; } = [];

    public IReadOnlyDictionary<long, Product> KitProducts { get; private set; } = new Dictionary<long, Product>();

    /// <summary>The terms in force, which the recruit must accept; null when the company has published none.</summary>
    public TermsVersion? Terms { get; private set; }

    public async Task OnGetAsync(string? code, CancellationToken ct) => await LoadAsync(code, ct);

    /// <summary>The sponsor comes from the URL the recruit opened, never from a form field.</summary>
    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken ct)
    {
        await LoadAsync(code, ct);
        ExplainUnreadableFields();
        // Asked together with the other fields, so a recruit sees everything to mend at once.
        CheckTerms();
        if (UnknownCode || !ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var accepted = Input.AcceptTerms ? Input.TermsVersion : null;
            var kitVersion = Input.StarterKitId is { } chosen && Input.KitVersions.TryGetValue(chosen, out var shown) ? shown : (int?)null;
            var distributor = await enrollment.EnrollAsync(
                new Enrolment(Input.Name, Input.Email, code, Input.StarterKitId, accepted, StarterKitVersion: kitVersion), Input.Password, ct);
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
            Refused(e);
            return Page();
        }
    }

    /// <summary>
    /// A kit or terms field that does not read as a number (a tampered or mangled form) would
    /// leave its error on a field the page has no place for: it is told at the top instead, and
    /// a terms version that is no number is a version not in force.
    /// </summary>
    private void ExplainUnreadableFields()
    {
        foreach (var key in ModelState.Where(e => e.Value?.ValidationState == ModelValidationState.Invalid).Select(e => e.Key).ToList())
        {
            if (key == "Input.StarterKitId")
            {
                ModelState.Remove(key);
                ModelState.AddModelError(string.Empty, rules.Text(DomainRuleException.Invalid($"That starter kit is not offered.", "starterKitId")));
            }
            else if (key.StartsWith("Input.KitVersions", StringComparison.Ordinal))
            {
                ModelState.Remove(key);
                ModelState.AddModelError(string.Empty, rules.Text(StarterKit.ChangedWhileReading()));
            }
            else if (key == "Input.TermsVersion")
            {
                ModelState.Remove(key);
                unreadableTermsVersion = true;
            }
        }
    }

    /// <summary>The terms in force must be ticked, in the version the page showed (the domain's rule, asked before anything is written).</summary>
    private void CheckTerms()
    {
        if (Terms is null)
        {
            return;
        }

        // Version 0 is never in force: a version that was no number is refused as a stale one.
        var shown = Input.AcceptTerms ? (unreadableTermsVersion ? 0 : Input.TermsVersion) : null;
        try
        {
            TermsAcceptance.Accept(0, Terms, shown, DateTime.UnixEpoch);
        }
        catch (DomainRuleException e)
        {
            Refused(e);
        }
    }

    private void Refused(DomainRuleException e)
    {
        ModelState.AddModelError(e.Field switch
        {
            "email" => "Input.Email",
            "name" => "Input.Name",
            "password" => "Input.Password",
            "acceptTerms" => "Input.AcceptTerms",
            // The kits' own messages go to the top: a kit no longer offered is not on the page any
            // more, and a kit that changed is shown again above as it is now.
            _ => string.Empty,
        }, rules.Text(e));
        if (e.Field == "acceptTerms")
        {
            // Unticked, also on the page: ticking again is accepting the version shown now.
            Input.AcceptTerms = false;
            ModelState.SetModelValue("Input.AcceptTerms", false, "false");
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

        /// <summary>The version of each kit the page offered (kit id to version), so that a kit changed meanwhile is not ordered unseen.</summary>
        public Dictionary<long, int> KitVersions { get; set; } = [];
    }
}
