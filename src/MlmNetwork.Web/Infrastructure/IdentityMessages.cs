using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// What Identity refused (a wrong current password, a weak new one, a used link), in the
/// reader's language: by the error's code, since Identity's own descriptions are English only.
/// Russian: Resources/Infrastructure/IdentityMessages.ru.resx.
/// </summary>
public sealed class IdentityMessages(IStringLocalizer<IdentityMessages> l, IOptions<IdentityOptions> identity)
{
    public string Text(IdentityError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code switch
        {
            "PasswordMismatch" => l["The current password is not right."],
            "PasswordTooShort" => l["A password has at least {0} characters.", identity.Value.Password.RequiredLength],
            "PasswordRequiresNonAlphanumeric" => l["A password needs a character that is neither a letter nor a digit."],
            "PasswordRequiresDigit" => l["A password needs a digit (0-9)."],
            "PasswordRequiresLower" => l["A password needs a lower-case letter."],
            "PasswordRequiresUpper" => l["A password needs an upper-case letter."],
            "PasswordRequiresUniqueChars" => l["A password needs more different characters."],
            "CommonPassword" => l["This password is one of the most common ones and easy to guess; choose another."],
            "InvalidToken" => l["This link does not work any more: it was used already, it is older than a day, or the account changed since. Ask for a new one."],
            "DuplicateEmail" or "DuplicateUserName" => l["Another account uses that e-mail address."],
            "InvalidEmail" or "InvalidUserName" => l["That is not a valid e-mail address."],
            _ => l["That did not work. Please try again."],
        };
    }
}
