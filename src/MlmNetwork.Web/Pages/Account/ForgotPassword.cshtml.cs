using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;
using MlmNetwork.Web.Infrastructure.Mail;

namespace MlmNetwork.Web.Pages.Account;

/// <summary>
/// Sends a password reset link to an address with an account. The answer is the same whether or
/// not the address has one (the form does not tell who is a member), and the form is rate
/// limited like the login.
/// </summary>
[EnableRateLimiting(Policies.LoginLimit)]
public sealed class ForgotPasswordModel(UserManager<ApplicationUser> users, MlmDbContext db, AccountEmails emails, PublicLinks links, ILogger<ForgotPasswordModel> logger) : PageModel
{
    [BindProperty]
    public ForgotInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is not null && !await db.Distributors.AnyAsync(d => d.UserId == user.Id && d.Status == DistributorStatus.Terminated, ct))
        {
            await emails.QueuePasswordResetAsync(user, links.BaseFor(Request), ct);
            logger.LogInformation("Password reset link queued for user {UserId}", user.Id);
        }

        Sent = true;
        return Page();
    }

    public sealed class ForgotInput
    {
        [Required(ErrorMessage = "The {0} field is required."), EmailAddress(ErrorMessage = "The {0} field is not a valid e-mail address."), StringLength(254, ErrorMessage = "{0} is at most {1} characters."), Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;
    }
}
