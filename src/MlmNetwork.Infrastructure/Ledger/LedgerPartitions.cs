using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Ledger;

/// <summary>
/// On PostgreSQL, <c>commission_lines</c> is partitioned by month (ADR 019): this makes sure a
/// month has its partition before lines are written into it — the current month and the next
/// <see cref="MonthsAhead"/> at start, and any other month a sale or batch is about to write (a
/// back-dated order). Each partition is made by the database function the migration created
/// (<c>commission_lines_ensure_month</c>), in a short transaction of its own under an advisory
/// lock, so app instances starting together make it once and no sale's transaction waits on it.
/// A line whose month has no partition is never lost: the DEFAULT partition takes it, and the
/// month's partition, when made, moves it in. SQLite has no partitions: nothing to do.
/// </summary>
public sealed class LedgerPartitions(IDbContextFactory<MlmDbContext> contexts, ILogger<LedgerPartitions> logger)
{
    /// <summary>Months after the current one whose partitions are made at start.</summary>
    public const int MonthsAhead = 3;

    /// <summary>A failed attempt (another transaction held a lock too long) is tried again after this.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<int, bool> known = new();
    private readonly ConcurrentDictionary<int, DateTime> failed = new();

    /// <summary>The current month of <paramref name="now"/> and the <see cref="MonthsAhead"/> after it.</summary>
    public Task EnsureAheadAsync(DateTime now, CancellationToken ct)
    {
        var first = Period.Of(now).StartsAt;
        return EnsureAsync([.. Enumerable.Range(0, MonthsAhead + 1).Select(i => Period.Of(first.AddMonths(i)).Key)], ct);
    }

    /// <summary>
    /// The months of <paramref name="moments"/> that a sale may be dated in (from
    /// <see cref="Period.FirstYear"/> to the month of <paramref name="now"/>; rule 13 refuses the
    /// rest, so no partition is made for a refused date).
    /// </summary>
    public Task EnsureForAsync(IEnumerable<DateTime> moments, DateTime now, CancellationToken ct)
    {
        var last = Period.Of(now).Key;
        return EnsureAsync([.. moments.Where(m => m.Year >= Period.FirstYear).Select(m => Period.Of(m).Key).Where(k => k <= last).Distinct()], ct);
    }

    /// <summary>Makes the partitions of <paramref name="months"/> (period keys) that do not exist yet.</summary>
    public async Task EnsureAsync(IReadOnlyCollection<int> months, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(months);
        var now = DateTime.UtcNow;
        var wanted = months.Where(k => !known.ContainsKey(k) && !(failed.TryGetValue(k, out var at) && now - at < RetryAfter)).Distinct().Order().ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (db is not NpgsqlMlmDbContext)
        {
            foreach (var month in wanted)
            {
                known[month] = true;
            }

            return;
        }

        try
        {
            var missing = await RawSql.QueryAsync(db, "SELECT k FROM unnest(@months) AS m(k) WHERE to_regclass('commission_lines_' || k) IS NULL", r => (int)r.Whole(0), ct, ("months", wanted.ToArray()));
            if (missing.Count > 0)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                // Attaching a partition briefly locks the DEFAULT partition: never queue behind a long
                // transaction (and make every reader queue behind us) for more than a moment.
                await db.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '3s'", ct);
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKeys.LedgerPartitions})", ct);
                foreach (var month in missing)
                {
                    if (await RawSql.QueryAsync(db, "SELECT commission_lines_ensure_month(@k)", r => r.GetBoolean(0), ct, ("k", month)) is [true])
                    {
                        logger.LogInformation("Made the ledger partition of {Period}", Period.FromKey(month).ToString());
                    }
                }

                await transaction.CommitAsync(ct);
            }

            foreach (var month in wanted)
            {
                known[month] = true;
                failed.TryRemove(month, out _);
            }
        }
        catch (Exception e) when (e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.LockNotAvailable } || (e is not OperationCanceledException && db.IsTransient(e)))
        {
            // The lines of those months go to the DEFAULT partition meanwhile, which is correct, only slower to read.
            foreach (var month in wanted)
            {
                failed[month] = now;
            }

            logger.LogWarning(e, "Could not make the ledger partitions of {Months} now; lines of those months go to the default partition until the next try", string.Join(", ", wanted));
        }
    }
}
