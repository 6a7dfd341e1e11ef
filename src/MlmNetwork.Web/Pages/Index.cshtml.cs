using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Pages;

public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        if (User.IsInRole(Roles.Admin))
        {
            return Redirect("/Admin");
        }

        return User.IsInRole(Roles.Distributor) ? Redirect("/Dashboard") : Page();
    }
}
