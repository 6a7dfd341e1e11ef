using Microsoft.AspNetCore.Identity;

namespace MlmNetwork.Infrastructure.Security;

/// <summary>
/// Refuses a password found in the list of common passwords shipped with the app
/// (<c>common-passwords.txt</c>, composed by scripts/compose-common-passwords.py), ignoring case:
/// <c>P@ssw0rd</c> passes every character rule and is still the first thing an attacker tries.
/// </summary>
public sealed class CommonPasswordValidator<TUser> : IPasswordValidator<TUser>
    where TUser : class
{
    private static readonly MlmIdentityErrorDescriber Default = new();

    public Task<IdentityResult> ValidateAsync(UserManager<TUser> manager, TUser user, string? password) =>
        Task.FromResult(password is not null && CommonPasswords.Contains(password)
            ? IdentityResult.Failed((manager?.ErrorDescriber as MlmIdentityErrorDescriber ?? Default).CommonPassword())
            : IdentityResult.Success);
}

/// <summary>The shipped list of common passwords, read once.</summary>
public static class CommonPasswords
{
    public const string Code = "CommonPassword";

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public static bool Contains(string password) => Common.Value.Contains((password ?? string.Empty).Trim());

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("MlmNetwork.Infrastructure.Security.common-passwords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line);
            }
        }

        return set;
    }
}
