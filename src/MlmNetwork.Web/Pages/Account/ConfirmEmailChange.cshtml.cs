using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure.Mail;

namespace MlmNetwork.Web.Pages.Account;

/// <summary>
/// Where the link sent to a new address leads: with Identity's change-e-mail token, the login
/// (e-mail and user name) and the distributor's e-mail change together, in one transaction; the
/// old address is told. The security stamp changes, so other sessions end.
/// </summary>
public sealed class ConfirmEmailChangeModel(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    MlmDbContext db,
    AccountEmails emails,
    MlmNetwork.Web.Infrastructure.IdentityMessages messages,
    ILogger<ConfirmEmailChangeModel> logger) : PageModel
{
    public bool Changed { get; private set; }

    public string? Problem { get; private set; }

    public string? NewEmail { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? userId, string? email, string? code, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(email) || AccountEmails.Decode(code) is not { } token)
        {
            return NotFound();
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            Problem = messages.Text(new IdentityError { Code = "InvalidToken" });
            return Page();
        }

        if (string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase))
        {
            (Changed, NewEmail) = (true, user.Email);
            return Page();
        }

        var oldEmail = user.Email!;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await users.ChangeEmailAsync(user, email, token);
        if (changed.Succeeded)
        {
            changed = await users.SetUserNameAsync(user, email);
        }

        if (!changed.Succeeded)
        {
            Problem = messages.Text(changed.Errors.First());
            return Page();
        }

        if (await db.Distributors.FirstOrDefaultAsync(d => d.UserId == user.Id, ct) is { } distributor)
        {
            distributor.ChangeEmail(email);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (db.IsUniqueViolation(e))
            {
                Problem = messages.Text(new IdentityError { Code = "DuplicateEmail" });
                return Page();
            }
        }

        await transaction.CommitAsync(ct);
        await emails.QueueEmailChangedNoticeAsync(user, oldEmail, ct);
        if (User.Identity?.IsAuthenticated == true && users.GetUserId(User) == user.Id)
        {
            await signIn.RefreshSignInAsync(user);
        }

        logger.LogInformation("User {UserId} changed their login e-mail", user.Id);
        (Changed, NewEmail) = (true, user.Email);
        return Page();
    }
}
