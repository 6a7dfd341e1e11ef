using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Join;

/// <summary>The referral sign-up: /join/{code} places the recruit under that sponsor; no code, under the house account.</summary>
[EnableRateLimiting(Policies.SignUpLimit)]
public sealed class IndexModel(EnrollmentService enrollment, MlmDbContext db, SignInManager<ApplicationUser> signIn, IStringLocalizer<IndexModel> t, RuleMessages rules) : PageModel
{
    [BindProperty]
    public JoinInput Input { get; set; } = new();

    public string? Code { get; private set; }

    public string? SponsorName { get; private set; }

    public bool UnknownCode { get; private set; }

    public IReadOnlyList<Product> StarterKits { get; private set; } = [];

    public async Task OnGetAsync(string? code, CancellationToken ct) => await LoadAsync(code, ct);

    /// <summary>The sponsor comes from the URL the recruit opened, never from a form field.</summary>
    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken ct)
    {
        await LoadAsync(code, ct);
        if (UnknownCode)
        {
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var distributor = await enrollment.EnrollAsync(
                new Enrolment(Input.Name, Input.Email, code, Input.StarterKitProductId), Input.Password, ct);
            var user = await signIn.UserManager.FindByIdAsync(distributor.UserId!);
            await signIn.SignInAsync(user!, isPersistent: false);
            TempData["Flash"] = t["Welcome, {0}! Your referral code is {1}.", distributor.Name, distributor.ReferralCode].Value;
            return Redirect("/Dashboard");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(e.Field switch
            {
                "email" => "Input.Email",
                "name" => "Input.Name",
                "password" => "Input.Password",
                _ => string.Empty,
            }, rules.Text(e));
            return Page();
        }
    }

    private async Task LoadAsync(string? code, CancellationToken ct)
    {
        Code = code;
        StarterKits = await db.Products.AsNoTracking().Where(p => p.IsStarterKit && p.IsActive).OrderBy(p => p.Name).ToListAsync(ct);
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
        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(Distributor.NameMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Your name")]
        public string Name { get; set; } = string.Empty;

        [Required(ErrorMessage = "The {0} field is required.")]
        [EmailAddress(ErrorMessage = "The {0} field is not a valid e-mail address.")]
        [StringLength(Distributor.EmailMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(200, MinimumLength = 8, ErrorMessage = "The field {0} must be at least {2} and at most {1} characters long.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = string.Empty;

        public long? StarterKitProductId { get; set; }
    }
}
