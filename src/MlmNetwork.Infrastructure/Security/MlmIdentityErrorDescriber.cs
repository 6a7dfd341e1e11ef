using Microsoft.AspNetCore.Identity;

namespace MlmNetwork.Infrastructure.Security;

/// <summary>Identity's messages, plus the app's own refusal of a common password; the web app says them in the reader's language.</summary>
public class MlmIdentityErrorDescriber : IdentityErrorDescriber
{
    public const string CommonPasswordMessage = "This password is one of the most common ones and easy to guess; choose another.";

    public virtual IdentityError CommonPassword() => new() { Code = CommonPasswords.Code, Description = CommonPasswordMessage };
}
