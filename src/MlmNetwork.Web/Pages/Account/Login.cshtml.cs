using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Account;

[EnableRateLimiting(Policies.LoginLimit)]
public sealed class LoginModel(SignInManager<ApplicationUser> signIn, MlmDbContext db, ILogger<LoginModel> logger, IStringLocalizer<LoginModel> text) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    public string? ReturnUrl { get; set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    /// <summary>
    /// Every failure reads the same and takes about as long (an unknown email still runs the
    /// password hasher), so the form does not tell which emails have accounts; that an account
    /// is closed is said only to whoever gave its right password.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = returnUrl;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var users = signIn.UserManager;
        var user = await users.FindByEmailAsync(Input.Email);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new ApplicationUser(), DummyHash.Value, Input.Password);
            return Refused();
        }

        var terminated = await db.Distributors.AnyAsync(d => d.UserId == user.Id && d.Status == DistributorStatus.Terminated, ct);
        if (terminated)
        {
            // A closed account (locked for good) says so only to whoever knows its password.
            return await users.CheckPasswordAsync(user, Input.Password) ? Closed() : Refused();
        }

        var result = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            // A locked account answers like a wrong password, after the same work.
            users.PasswordHasher.VerifyHashedPassword(user, DummyHash.Value, Input.Password);
            logger.LogWarning("Login refused for locked-out user {UserId}", user.Id);
            return Refused();
        }

        if (!result.Succeeded)
        {
            return Refused();
        }

        await signIn.SignInAsync(user, Input.RememberMe);
        if (Languages.Supported(user.PreferredCulture) is { } language)
        {
            // The language chosen on the profile follows the person to every browser they log in on.
            Languages.Remember(Response, language);
        }

        if (!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl))
        {
            return LocalRedirect(returnUrl);
        }

        return await users.IsInRoleAsync(user, Roles.Admin)
            ? Redirect("/Admin")
            : Redirect("/Dashboard");
    }

    public const string RefusedMessage = "Email or password is not right. After 5 wrong attempts an account is locked for 15 minutes.";

    public const string ClosedMessage = "This account has been closed.";

    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<ApplicationUser>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 210_000 }))
            .HashPassword(new ApplicationUser(), "not a password anybody has"));

    private PageResult Closed()
    {
        ModelState.AddModelError(string.Empty, text[ClosedMessage]);
        return Page();
    }

    private PageResult Refused()
    {
        ModelState.AddModelError(string.Empty, text[RefusedMessage]);
        return Page();
    }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "The {0} field is required.")]
        [EmailAddress(ErrorMessage = "The {0} field is not a valid e-mail address.")]
        [StringLength(254, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "The {0} field is required.")]
        [DataType(DataType.Password)]
        [StringLength(200, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Password")]
        public string Password { get; set; } = string.Empty;

        [Display(Name = "Keep me logged in")]
        public bool RememberMe { get; set; }
    }
}
