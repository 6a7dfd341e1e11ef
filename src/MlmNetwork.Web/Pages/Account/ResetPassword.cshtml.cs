using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;
using MlmNetwork.Web.Infrastructure.Mail;

namespace MlmNetwork.Web.Pages.Account;

/// <summary>
/// Chooses a new password with the link from the reset e-mail (Identity's token: one day, once,
/// void when the account changes). A reset also ends every session and lifts a lockout.
/// </summary>
[EnableRateLimiting(Policies.LoginLimit)]
public sealed class ResetPasswordModel(UserManager<ApplicationUser> users, IdentityMessages messages, ILogger<ResetPasswordModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public ResetInput Input { get; set; } = new();

    public bool Done { get; private set; }

    public IActionResult OnGet() => string.IsNullOrEmpty(UserId) || AccountEmails.Decode(Code) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(UserId) || AccountEmails.Decode(Code) is not { } token)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByIdAsync(UserId);
        var reset = user is null ? IdentityResult.Failed(new IdentityError { Code = "InvalidToken" }) : await users.ResetPasswordAsync(user, token, Input.NewPassword);
        if (!reset.Succeeded)
        {
            foreach (var error in reset.Errors)
            {
                ModelState.AddModelError(error.Code == "InvalidToken" ? string.Empty : $"{nameof(Input)}.{nameof(ResetInput.NewPassword)}", messages.Text(error));
            }

            return Page();
        }

        await users.SetLockoutEndDateAsync(user!, null);
        await users.ResetAccessFailedCountAsync(user!);
        logger.LogInformation("User {UserId} reset their password", user!.Id);
        Done = true;
        return Page();
    }

    public sealed class ResetInput
    {
        [Required(ErrorMessage = "The {0} field is required."), DataType(DataType.Password), StringLength(200, MinimumLength = 8, ErrorMessage = "{0} is {2} to {1} characters."), Display(Name = "New password")]
        public string NewPassword { get; set; } = string.Empty;

        [Required(ErrorMessage = "The {0} field is required."), DataType(DataType.Password), Compare(nameof(NewPassword), ErrorMessage = "The two new passwords are not the same."), Display(Name = "New password again")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}
