using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// Runs a ledger write on a fresh context per attempt and retries passing database faults.
/// A fresh context matters: nothing tracked by a failed attempt leaks into the next, and a
/// commit whose answer was lost is met by the unique keys of the next attempt, never applied twice.
/// </summary>
public static class Retrying
{
    private const int MaxAttempts = 3;

    public static async Task<T> RunAsync<T>(IDbContextFactory<MlmDbContext> contexts, ILogger logger, string operation, Func<MlmDbContext, Task<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(work);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            try
            {
                return await work(db);
            }
            catch (Exception e) when (attempt < MaxAttempts && db.IsTransient(e))
            {
                logger.LogWarning(e, "Transient database error in {Operation}, attempt {Attempt}; retrying", operation, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), ct);
            }
        }
    }
}
