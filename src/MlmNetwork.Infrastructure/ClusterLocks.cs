using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// The PostgreSQL advisory lock keys of the app, in one place so no two uses collide: "MLM",
/// three letters naming the use, and a number. <see cref="Payouts"/>, <see cref="SaleImportPosting"/> and <see cref="LedgerPartitions"/> are
/// transaction locks (<c>pg_advisory_xact_lock</c>); the others are session locks taken through <see cref="ClusterLocks"/>.
/// </summary>
public static class LockKeys
{
    /// <summary>"MLMPAY" 1: one transaction at a time changes payouts (docs/rules.md rule 10).</summary>
    public const long Payouts = 0x4D4C4D5041590001;

    /// <summary>"MLMIMP" 1: one sales file imported at a time, across every instance.</summary>
    public const long SaleImport = 0x4D4C4D494D500001;

    /// <summary>
    /// "MLMIMP" 2: held (a transaction lock) by the transaction that posts an imported file, and
    /// taken by whoever ends an import left running, so an import is never called failed while
    /// its posting may still commit.
    /// </summary>
    public const long SaleImportPosting = 0x4D4C4D494D500002;

    /// <summary>"MLMSIM" 1: one instance runs the plan simulator's replays.</summary>
    public const long Simulator = 0x4D4C4D53494D0001;

    /// <summary>"MLMMIG" 1: one instance at a time migrates and seeds the database at start.</summary>
    public const long Migrations = 0x4D4C4D4D49470001;

    /// <summary>"MLMLEDG" 1: one transaction at a time makes the ledger's month partitions (a transaction lock, ADR 019).</summary>
    public const long LedgerPartitions = 0x4D4C4D4C45444701;
}

/// <summary>
/// A lock held by this instance until it is disposed: on PostgreSQL a session advisory lock on
/// a connection of its own (disposing unlocks and closes it; if the process dies, the server
/// ends the session and the lock with it); on SQLite, where one process has the file, a lock in
/// this process.
/// </summary>
public interface IClusterLock : IAsyncDisposable
{
    long Key { get; }
}

/// <summary>
/// Locks that hold across every app instance on one database (<see cref="LockKeys"/>), for work
/// that must be done by one instance at a time: take one with <see cref="TryTakeAsync"/> (no
/// wait: null when another holder has it) or <see cref="TakeAsync"/> (waits), and ask whether
/// anyone holds one with <see cref="IsHeldAsync"/> (a row left "running" whose lock nobody
/// holds was left by an instance that stopped).
/// </summary>
/// <param name="contexts">The app's contexts: on SQLite, the file the locks are for.</param>
/// <param name="postgres">
/// The PostgreSQL connection string as configured (with its password: a context's own may have
/// it removed once a connection opened); null to take the contexts' own.
/// </param>
public sealed class ClusterLocks(IDbContextFactory<MlmDbContext> contexts, string? postgres = null)
{
    /// <summary>SQLite's locks, by database file: one process has the file, so the process is the cluster.</summary>
    private static readonly ConcurrentDictionary<(string Database, long Key), LocalLock> Local = new();

    /// <summary>Takes the lock if nobody holds it; null when someone (this instance or another) does.</summary>
    public async Task<IClusterLock?> TryTakeAsync(long key, CancellationToken ct)
    {
        var (postgres, connectionString) = await ConnectionStringAsync(ct);
        if (!postgres)
        {
            var taken = new LocalLock((connectionString, key));
            return Local.TryAdd(taken.Slot, taken) ? taken : null;
        }

        return await SessionLockAsync(connectionString, key, wait: false, ct);
    }

    /// <summary>Takes the lock, waiting while another holder has it.</summary>
    public async Task<IClusterLock> TakeAsync(long key, CancellationToken ct)
    {
        var (postgres, connectionString) = await ConnectionStringAsync(ct);
        if (!postgres)
        {
            while (true)
            {
                var taken = new LocalLock((connectionString, key));
                if (Local.TryAdd(taken.Slot, taken))
                {
                    return taken;
                }

                await Task.Delay(50, ct);
            }
        }

        return (await SessionLockAsync(connectionString, key, wait: true, ct))!;
    }

    /// <summary>A session lock on a connection of its own, kept open while the lock is held; null when refused (without waiting).</summary>
    private static async Task<IClusterLock?> SessionLockAsync(string connectionString, long key, bool wait, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(wait ? "SELECT true FROM pg_advisory_lock(@key)" : "SELECT pg_try_advisory_lock(@key)", connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("key", key);
            if (await command.ExecuteScalarAsync(ct) is true)
            {
                return new SessionLock(key, connection);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Whether anyone, in this instance or another, holds the lock now.</summary>
    public async Task<bool> IsHeldAsync(long key, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!db.Database.IsNpgsql())
        {
            return Local.ContainsKey((db.Database.GetConnectionString() ?? string.Empty, key));
        }

        // pg_locks shows a bigint advisory key as its high half in classid and its low half in objid.
        var held = await db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (SELECT 1 FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND objsubid = 1
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND classid::bigint = {key >> 32} AND objid::bigint = {key & 0xFFFFFFFFL}) AS "Value"
            """).SingleAsync(ct);
        return held;
    }

    /// <summary>
    /// A connection of the lock's own, outside the pool: a pooled connection would keep the
    /// session (and the lock) alive after the holder gave it back.
    /// </summary>
    private async Task<(bool Postgres, string ConnectionString)> ConnectionStringAsync(CancellationToken ct)
    {
        var configured = postgres;
        if (configured is null)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            if (!db.Database.IsNpgsql())
            {
                return (false, db.Database.GetConnectionString() ?? string.Empty);
            }

            configured = db.Database.GetConnectionString();
        }

        return (true, new NpgsqlConnectionStringBuilder(configured)
        {
            Pooling = false,
            ApplicationName = "mlmnetwork-lock",
            // A holder whose server went away notices; the server notices a holder that went away by the closed socket.
            KeepAlive = 30,
        }.ConnectionString);
    }

    private sealed class SessionLock(long key, NpgsqlConnection connection) : IClusterLock
    {
        private int disposed;

        public long Key { get; } = key;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 1)
            {
                return;
            }

            try
            {
                // Unlocked at once, before the close: the next holder need not wait for the session to end.
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", Key);
                await command.ExecuteNonQueryAsync();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The connection is gone, and the lock with its session.
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    private sealed class LocalLock((string Database, long Key) slot) : IClusterLock
    {
        public (string Database, long Key) Slot { get; } = slot;

        public long Key => Slot.Key;

        public ValueTask DisposeAsync()
        {
            Local.TryRemove(new KeyValuePair<(string, long), LocalLock>(Slot, this));
            return ValueTask.CompletedTask;
        }
    }
}
