using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure.Mail;

namespace MlmNetwork.Web.Pages.Account;

/// <summary>
/// Where the link of the welcome (or "send again") e-mail leads: confirms the address with
/// Identity's token. Logging in never waited for it; the getting-started checklist asks for it.
/// </summary>
public sealed class ConfirmEmailModel(UserManager<ApplicationUser> users, ILogger<ConfirmEmailModel> logger) : PageModel
{
    public bool Confirmed { get; private set; }

    public bool LoggedIn => User.Identity?.IsAuthenticated == true;

    public async Task<IActionResult> OnGetAsync(string? userId, string? code)
    {
        if (string.IsNullOrEmpty(userId) || AccountEmails.Decode(code) is not { } token)
        {
            return NotFound();
        }

        var user = await users.FindByIdAsync(userId);
        if (user is not null && (user.EmailConfirmed || (await users.ConfirmEmailAsync(user, token)).Succeeded))
        {
            logger.LogInformation("User {UserId} confirmed their e-mail address", user.Id);
            Confirmed = true;
        }

        return Page();
    }
}
