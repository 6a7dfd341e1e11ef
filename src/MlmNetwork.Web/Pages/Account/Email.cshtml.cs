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
using MlmNetwork.Web.Infrastructure.Mail;

namespace MlmNetwork.Web.Pages.Account;

/// <summary>
/// Asks to change the login e-mail: the current password is required, and the new address gets a
/// link; only when it is opened does the login change (<see cref="ConfirmEmailChangeModel"/>).
/// </summary>
[EnableRateLimiting(Policies.LoginLimit)]
public sealed class EmailModel(UserManager<ApplicationUser> users, MlmDbContext db, AccountEmails emails, PublicLinks links, IStringLocalizer<EmailModel> l) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public string Current { get; private set; } = string.Empty;

    public string? SentTo { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Current = user.Email!;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Current = user.Email!;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        string email;
        try
        {
            email = Distributor.CleanEmail(Input.NewEmail);
        }
        catch (DomainRuleException)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(EmailInput.NewEmail)}", l["That is not a valid e-mail address."]);
            return Page();
        }

        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(EmailInput.Password)}", l["The password is not right."]);
            return Page();
        }

        if (string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(EmailInput.NewEmail)}", l["That is already your e-mail address."]);
            return Page();
        }

        if (await users.FindByEmailAsync(email) is not null || await db.Distributors.AnyAsync(d => d.Email == email, ct))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(EmailInput.NewEmail)}", l["Another account uses that e-mail address."]);
            return Page();
        }

        await emails.QueueEmailChangeAsync(user, email, links.BaseFor(Request), ct);
        SentTo = email;
        return Page();
    }

    public sealed class EmailInput
    {
        [Required(ErrorMessage = "The {0} field is required."), EmailAddress(ErrorMessage = "The {0} field is not a valid e-mail address."), StringLength(254, ErrorMessage = "{0} is at most {1} characters."), Display(Name = "New e-mail address")]
        public string NewEmail { get; set; } = string.Empty;

        [Required(ErrorMessage = "The {0} field is required."), DataType(DataType.Password), StringLength(200, ErrorMessage = "{0} is at most {1} characters."), Display(Name = "Current password")]
        public string Password { get; set; } = string.Empty;
    }
}
