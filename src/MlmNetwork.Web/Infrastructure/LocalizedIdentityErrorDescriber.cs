using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MlmNetwork.Infrastructure.Security;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// Identity's messages (a password too short, an email taken, ...) in the reader's language: the
/// English text Identity itself writes is the key of Resources/Infrastructure/LocalizedIdentityErrorDescriber.ru.resx.
/// </summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<LocalizedIdentityErrorDescriber> localizer) : MlmIdentityErrorDescriber
{
    public override IdentityError DefaultError() => Said(base.DefaultError(), "An unknown failure has occurred.");

    public override IdentityError ConcurrencyFailure() => Said(base.ConcurrencyFailure(), "Optimistic concurrency failure, object has been modified.");

    public override IdentityError PasswordMismatch() => Said(base.PasswordMismatch(), "Incorrect password.");

    public override IdentityError InvalidToken() => Said(base.InvalidToken(), "Invalid token.");

    public override IdentityError RecoveryCodeRedemptionFailed() => Said(base.RecoveryCodeRedemptionFailed(), "Recovery code redemption failed.");

    public override IdentityError LoginAlreadyAssociated() => Said(base.LoginAlreadyAssociated(), "A user with this login already exists.");

    public override IdentityError InvalidUserName(string? userName) => Said(base.InvalidUserName(userName), "Username '{0}' is invalid, can only contain letters or digits.", userName);

    public override IdentityError InvalidEmail(string? email) => Said(base.InvalidEmail(email), "Email '{0}' is invalid.", email);

    public override IdentityError DuplicateUserName(string userName) => Said(base.DuplicateUserName(userName), "Username '{0}' is already taken.", userName);

    public override IdentityError DuplicateEmail(string email) => Said(base.DuplicateEmail(email), "Email '{0}' is already taken.", email);

    public override IdentityError InvalidRoleName(string? role) => Said(base.InvalidRoleName(role), "Role name '{0}' is invalid.", role);

    public override IdentityError DuplicateRoleName(string role) => Said(base.DuplicateRoleName(role), "Role name '{0}' is already taken.", role);

    public override IdentityError UserAlreadyHasPassword() => Said(base.UserAlreadyHasPassword(), "User already has a password set.");

    public override IdentityError UserLockoutNotEnabled() => Said(base.UserLockoutNotEnabled(), "Lockout is not enabled for this user.");

    public override IdentityError UserAlreadyInRole(string role) => Said(base.UserAlreadyInRole(role), "User already in role '{0}'.", role);

    public override IdentityError UserNotInRole(string role) => Said(base.UserNotInRole(role), "User is not in role '{0}'.", role);

    public override IdentityError PasswordTooShort(int length) => Said(base.PasswordTooShort(length), "Passwords must be at least {0} characters.", length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Said(base.PasswordRequiresUniqueChars(uniqueChars), "Passwords must use at least {0} different characters.", uniqueChars);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Said(base.PasswordRequiresNonAlphanumeric(), "Passwords must have at least one non alphanumeric character.");

    public override IdentityError PasswordRequiresDigit() => Said(base.PasswordRequiresDigit(), "Passwords must have at least one digit ('0'-'9').");

    public override IdentityError PasswordRequiresLower() => Said(base.PasswordRequiresLower(), "Passwords must have at least one lowercase ('a'-'z').");

    public override IdentityError PasswordRequiresUpper() => Said(base.PasswordRequiresUpper(), "Passwords must have at least one uppercase ('A'-'Z').");

    public override IdentityError CommonPassword() => Said(base.CommonPassword(), CommonPasswordMessage);

    /// <summary>Identity's own error (its code kept), described in the reader's language.</summary>
    private IdentityError Said(IdentityError error, string english, params object?[] values) =>
        new() { Code = error.Code, Description = localizer[english, [.. values.Select(v => v ?? string.Empty)]].Value };
}
