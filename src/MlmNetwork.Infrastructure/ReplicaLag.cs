using System.Globalization;
using Npgsql;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// How far the read replica trails the primary, in time, so <see cref="ReadDb"/> reads from it
/// only while its figures are at most <see cref="MaxLag"/> old (the pages promise "a few
/// seconds"); a replica that stopped replaying, or that is down, sends the reads to the primary.
/// Each <see cref="SampleAsync"/> notes the primary's write position (its WAL LSN) with the time,
/// and asks the replica how far it has replayed: the replica holds everything the primary had
/// written at the newest noted time whose position it has reached, so its lag is at most the
/// time since then.
/// </summary>
public sealed class ReplicaLag(string primaryConnection, string replicaConnection, TimeSpan maxLag, TimeProvider? time = null)
{
    /// <summary>The noted positions kept: enough for any lag worth measuring at one sample a second.</summary>
    private const int Kept = 120;

    private readonly TimeProvider clock = time ?? TimeProvider.System;

    private readonly Queue<(DateTimeOffset At, ulong Position)> noted = new();

    private readonly Lock gate = new();

    private volatile bool usable;

    public TimeSpan MaxLag { get; } = maxLag;

    /// <summary>
    /// What the last sample found: the lag; null when the replica could not be asked, is not a
    /// standby, or has not replayed any primary position noted yet (see <see cref="Answered"/>).
    /// </summary>
    public TimeSpan? Last { get; private set; }

    /// <summary>Whether the replica answered the last sample as a standby.</summary>
    public bool Answered { get; private set; }

    /// <summary>Whether reads may go to the replica now: it answered the last sample as a standby, at most <see cref="MaxLag"/> behind.</summary>
    public bool Usable => usable;

    /// <summary>Notes the primary's position and measures the replica against the positions noted; says whether the replica is usable.</summary>
    public async Task<bool> SampleAsync(CancellationToken ct)
    {
        var primaryPosition = Position(await ScalarAsync(primaryConnection, "SELECT pg_current_wal_lsn()::text", ct));
        var now = clock.GetUtcNow();
        string? replayed;
        try
        {
            // Null on a server that is not in recovery: the "replica" connection reached the primary.
            replayed = await ScalarAsync(replicaConnection, "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()::text END", ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            replayed = null;
        }

        lock (gate)
        {
            noted.Enqueue((now, primaryPosition));
            while (noted.Count > Kept)
            {
                noted.Dequeue();
            }

            Answered = replayed is not null;
            Last = replayed is null ? null : LagOf(Position(replayed), now);
            usable = Last is { } lag && lag <= MaxLag;
            return usable;
        }
    }

    /// <summary>
    /// The time since the newest noted primary position the replica has replayed; null when it
    /// has reached none of them (behind by more than this instance has seen: since it started, or
    /// the whole window), which is never taken for a small lag.
    /// </summary>
    private TimeSpan? LagOf(ulong replayed, DateTimeOffset now) =>
        noted.Where(n => n.Position <= replayed).Select(n => (DateTimeOffset?)n.At).LastOrDefault() is { } reached ? now - reached : null;

    private static async Task<string?> ScalarAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 5 };
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>A WAL position written "16/B374D848" (two hex halves) as one number.</summary>
    public static ulong Position(string? lsn)
    {
        var halves = (lsn ?? throw new InvalidOperationException("The primary gave no WAL position.")).Split('/');
        return (ulong.Parse(halves[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture) << 32)
            | ulong.Parse(halves[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
