using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Mail;

namespace MlmNetwork.Web.Infrastructure.Mail;

/// <summary>
/// The e-mails about a person's own account: confirming the address, resetting the password,
/// confirming a new address, and telling the old address that it changed. Each is written in
/// the recipient's language (their profile's, else English) and carries Identity's token in a
/// link; the outbox erases it once sent. Russian: Resources/Infrastructure/Mail/AccountEmails.ru.resx.
/// </summary>
public sealed class AccountEmails(UserManager<ApplicationUser> users, MlmDbContext db, MailComposer composer, IStringLocalizer<AccountEmails> l, MailSignal signal)
{
    /// <summary>The link that confirms the address; with <paramref name="welcome"/>, the first e-mail after signing up.</summary>
    public async Task<OutboxMessage> ConfirmationAsync(ApplicationUser user, string baseUrl, bool welcome)
    {
        ArgumentNullException.ThrowIfNull(user);
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var url = $"{baseUrl}Account/ConfirmEmail?userId={Uri.EscapeDataString(user.Id)}&code={code}";
        using var language = Languages.Use(Languages.ForRecipient(user.PreferredCulture));
        var paragraphs = welcome
            ? new[] { l["Welcome to the team! Your account is ready, and you can log in already."].Value, l["Please confirm that this is your e-mail address by opening the link below. The link works for one day."].Value }
            : [l["Please confirm that this is your e-mail address by opening the link below. The link works for one day."].Value];
        return composer.Compose(
            "account.confirm-email", user.Email!, user.DisplayName, welcome ? l["Welcome to MlmNetwork: confirm your e-mail"] : l["Confirm your e-mail address"],
            paragraphs, new MailLink(l["Confirm my e-mail address"], url), composer.AccountFooter(), sensitive: true);
    }

    public async Task QueueConfirmationAsync(ApplicationUser user, string baseUrl, CancellationToken ct) =>
        await QueueAsync(await ConfirmationAsync(user, baseUrl, welcome: false), ct);

    public async Task QueuePasswordResetAsync(ApplicationUser user, string baseUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var url = $"{baseUrl}Account/ResetPassword?userId={Uri.EscapeDataString(user.Id)}&code={code}";
        using var language = Languages.Use(Languages.ForRecipient(user.PreferredCulture));
        await QueueAsync(
            composer.Compose(
                "account.reset-password", user.Email!, user.DisplayName, l["Reset your password"],
                [l["Somebody asked to reset the password of your account. Open the link below to choose a new one; it works for one day and only once."].Value],
                new MailLink(l["Choose a new password"], url), composer.AccountFooter(), sensitive: true),
            ct);
    }

    /// <summary>The link that makes <paramref name="newEmail"/> the login, sent to the new address.</summary>
    public async Task QueueEmailChangeAsync(ApplicationUser user, string newEmail, string baseUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var code = Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail));
        var url = $"{baseUrl}Account/ConfirmEmailChange?userId={Uri.EscapeDataString(user.Id)}&email={Uri.EscapeDataString(newEmail)}&code={code}";
        using var language = Languages.Use(Languages.ForRecipient(user.PreferredCulture));
        await QueueAsync(
            composer.Compose(
                "account.change-email", newEmail, user.DisplayName, l["Confirm your new e-mail address"],
                [l["You asked to log in to MlmNetwork with this address from now on. Open the link below to confirm it; until then your old address stays your login."].Value],
                new MailLink(l["Confirm my new e-mail address"], url), composer.AccountFooter(), sensitive: true),
            ct);
    }

    /// <summary>Tells the old address that the login moved to another one (so a stolen session cannot take the account quietly).</summary>
    public async Task QueueEmailChangedNoticeAsync(ApplicationUser user, string oldEmail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var language = Languages.Use(Languages.ForRecipient(user.PreferredCulture));
        await QueueAsync(
            composer.Compose(
                "account.email-changed", oldEmail, user.DisplayName, l["Your login e-mail was changed"],
                [l["Your MlmNetwork login is now {0}; this address is no longer used. If you did not make this change, contact the company at once.", user.Email!].Value],
                null, composer.SecurityNoticeFooter(), sensitive: false),
            ct);
    }

    /// <summary>Tells the person their password was changed.</summary>
    public async Task QueuePasswordChangedNoticeAsync(ApplicationUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var language = Languages.Use(Languages.ForRecipient(user.PreferredCulture));
        await QueueAsync(
            composer.Compose(
                "account.password-changed", user.Email!, user.DisplayName, l["Your password was changed"],
                [l["The password of your MlmNetwork account was changed, and every other session was logged out. If you did not make this change, reset your password at once."].Value],
                null, composer.SecurityNoticeFooter(), sensitive: false),
            ct);
    }

    /// <summary>Tells the person their payout account changed (masked), so a change they did not make is noticed before a payout.</summary>
    public async Task QueuePayoutAccountChangedNoticeAsync(ApplicationUser user, string? maskedAccount, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var language = Languages.Use(Languages.ForRecipient(user.PreferredCulture));
        await QueueAsync(
            composer.Compose(
                "account.payout-account", user.Email!, user.DisplayName, l["Your payout account was changed"],
                [maskedAccount is null
                    ? l["Your payout account was removed from your profile. If you did not make this change, contact the company at once."].Value
                    : l["Your payouts now go to the account {0}. If you did not make this change, contact the company at once.", maskedAccount].Value],
                null, composer.SecurityNoticeFooter(), sensitive: false),
            ct);
    }

    /// <summary>Reads a token from a link (null when it is not one of ours).</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private async Task QueueAsync(OutboxMessage message, CancellationToken ct)
    {
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync(ct);
        signal.Poke();
    }
}
