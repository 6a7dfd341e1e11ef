using System.Security.Cryptography;

namespace MlmNetwork.Domain;

/// <summary>
/// Referral codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), so a
/// code read aloud or typed from a flyer still works. Case does not matter.
/// </summary>
public static class ReferralCode
{
    public const int Length = 8;
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string New()
    {
        return string.Create(Length, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
    }

    /// <summary>The canonical form of what a user typed, or null when it cannot be a code.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var code = text.Trim().ToUpperInvariant();
        if (code.Length != Length)
        {
            return null;
        }

        foreach (var c in code)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return code;
    }
}
