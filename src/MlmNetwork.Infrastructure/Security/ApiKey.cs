using System.Security.Cryptography;
using System.Text;

namespace MlmNetwork.Infrastructure.Security;

/// <summary>An integration's key for /api/v1. Only a SHA-256 hash is stored; the key is shown once, when it is created.</summary>
public sealed class ApiKey
{
    public const string Prefix = "mlm_";

    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>The first characters of the key, so admins can tell keys apart.</summary>
    public string Hint { get; set; } = string.Empty;

    public string KeyHash { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTime? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;

    public static string NewSecret() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static ApiKey For(string name, string secret, string createdBy, DateTime now) => new()
    {
        Name = name,
        Hint = secret.Length > 10 ? secret[..10] : secret,
        KeyHash = Hash(secret),
        CreatedAt = now,
        CreatedBy = createdBy,
    };
}
