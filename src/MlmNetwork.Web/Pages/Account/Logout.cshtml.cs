using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Pages.Account;

/// <summary>Logging out ends every copy of the session cookie: the security stamp changes, and each request compares it.</summary>
public sealed class LogoutModel(SignInManager<ApplicationUser> signIn) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
