using System.Collections.Concurrent;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// The hashes of API keys that authenticated in the last minute, so the rate limiter (which runs
/// before authentication and cannot wait for the database) gives a valid key its own budget and
/// counts every other key against the caller's address. It never authenticates anybody.
/// </summary>
public sealed class KnownApiKeys(TimeProvider time)
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);

    public void Authenticated(string hash) => seen[hash] = time.GetUtcNow();

    public bool IsKnown(string hash) => seen.TryGetValue(hash, out var at) && time.GetUtcNow() - at < Remembered;
}
