using System.Security.Cryptography;
using System.Text;

namespace MlmNetwork.Infrastructure.Security;

/// <summary>An integration's key for /api/v1. Only a SHA-256 hash is stored; the key is shown once, when it is created.</summary>
public sealed class ApiKey
{
    public const string Prefix = "mlm_";

    /// <summary>The shortest key the app accepts from configuration (<c>Bootstrap__ApiKey</c>); generated keys are longer.</summary>
    public const int MinLength = 32;

    /// <summary>How many leading characters are kept as the hint: enough to tell a format apart, too few to help guess a key.</summary>
    public const int HintLength = 4;

    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>The first <see cref="HintLength"/> characters of the key (admins tell keys apart by name and date).</summary>
    public string Hint { get; set; } = string.Empty;

    public string KeyHash { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTime? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;

    public static string NewSecret() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static string HintOf(string secret) => secret is { Length: >= MinLength } ? secret[..HintLength] : string.Empty;

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static ApiKey For(string name, string secret, string createdBy, DateTime now) => new()
    {
        Name = name,
        Hint = HintOf(secret),
        KeyHash = Hash(secret),
        CreatedAt = now,
        CreatedBy = createdBy,
    };
}
