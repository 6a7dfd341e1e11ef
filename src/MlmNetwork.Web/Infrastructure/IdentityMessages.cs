using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// What Identity refused, as the account pages say it: a wrong current password and a link
/// that no longer works get words for where they happen; everything else is Identity's own
/// description, already in the reader's language (<see cref="LocalizedIdentityErrorDescriber"/>).
/// Russian: Resources/Infrastructure/IdentityMessages.ru.resx.
/// </summary>
public sealed class IdentityMessages(IStringLocalizer<IdentityMessages> l)
{
    public string Text(IdentityError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code switch
        {
            "PasswordMismatch" => l["The current password is not right."],
            "InvalidToken" => l["This link does not work any more: it was used already, it is older than a day, or the account changed since. Ask for a new one."],
            _ => error.Description,
        };
    }
}
