using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Account;

/// <summary>The layout's language switch: kept in the culture cookie, and on the profile of whoever is logged in.</summary>
public sealed class LanguageModel(UserManager<ApplicationUser> users) : PageModel
{
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";

    public async Task<IActionResult> OnPostAsync(string? culture, string? returnUrl)
    {
        if (Languages.Supported(culture) is not { } chosen)
        {
            return BadRequest();
        }

        Languages.Remember(Response, chosen);
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user && user.PreferredCulture != chosen)
        {
            user.PreferredCulture = chosen;
            await users.UpdateAsync(user);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
