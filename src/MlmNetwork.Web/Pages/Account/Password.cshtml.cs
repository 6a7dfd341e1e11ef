using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;
using MlmNetwork.Web.Infrastructure.Mail;

namespace MlmNetwork.Web.Pages.Account;

/// <summary>
/// Changes the password: the current one is required. The security stamp changes with it, so
/// every other session (another browser, a copied cookie) is logged out at its next request;
/// this one is signed in again. The person is told by e-mail.
/// </summary>
[EnableRateLimiting(Policies.LoginLimit)]
public sealed class PasswordModel(SignInManager<ApplicationUser> signIn, AccountEmails emails, IdentityMessages messages, IStringLocalizer<PasswordModel> l, ILogger<PasswordModel> logger) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var users = signIn.UserManager;
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var changed = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!changed.Succeeded)
        {
            foreach (var error in changed.Errors)
            {
                var field = error.Code == "PasswordMismatch" ? nameof(PasswordInput.CurrentPassword) : nameof(PasswordInput.NewPassword);
                ModelState.AddModelError($"{nameof(Input)}.{field}", messages.Text(error));
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        await emails.QueuePasswordChangedNoticeAsync(user, ct);
        logger.LogInformation("User {UserId} changed their password; other sessions end", user.Id);
        TempData["Flash"] = l["Your password is changed. Every other session was logged out."].Value;
        return Redirect("/Account/Profile");
    }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "The {0} field is required."), DataType(DataType.Password), StringLength(200, ErrorMessage = "{0} is at most {1} characters."), Display(Name = "Current password")]
        public string CurrentPassword { get; set; } = string.Empty;

        [Required(ErrorMessage = "The {0} field is required."), DataType(DataType.Password), StringLength(200, MinimumLength = 8, ErrorMessage = "{0} is {2} to {1} characters."), Display(Name = "New password")]
        public string NewPassword { get; set; } = string.Empty;

        [Required(ErrorMessage = "The {0} field is required."), DataType(DataType.Password), Compare(nameof(NewPassword), ErrorMessage = "The two new passwords are not the same."), Display(Name = "New password again")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}
