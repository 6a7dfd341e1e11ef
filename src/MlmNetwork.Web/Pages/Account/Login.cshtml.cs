using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Account;

[EnableRateLimiting(Policies.LoginLimit)]
public sealed class LoginModel(SignInManager<ApplicationUser> signIn, MlmDbContext db, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    public string? ReturnUrl { get; set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = returnUrl;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await signIn.UserManager.FindByEmailAsync(Input.Email);
        if (user is not null && await db.Distributors.AnyAsync(d => d.UserId == user.Id && d.Status == DistributorStatus.Terminated, ct))
        {
            ModelState.AddModelError(string.Empty, "This account has been closed.");
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            logger.LogWarning("Login locked out for user {UserId}", user?.Id);
            ModelState.AddModelError(string.Empty, "Too many failed attempts: this account is locked for a while. Try again later.");
            return Page();
        }

        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, "Email or password is not right.");
            return Page();
        }

        if (!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl))
        {
            return LocalRedirect(returnUrl);
        }

        return user is not null && await signIn.UserManager.IsInRoleAsync(user, Roles.Admin)
            ? Redirect("/Admin")
            : Redirect("/Dashboard");
    }

    public sealed class LoginInput
    {
        [Required, EmailAddress, StringLength(254)]
        public string Email { get; set; } = string.Empty;

        [Required, DataType(DataType.Password), StringLength(200)]
        public string Password { get; set; } = string.Empty;

        [Display(Name = "Keep me logged in")]
        public bool RememberMe { get; set; }
    }
}
