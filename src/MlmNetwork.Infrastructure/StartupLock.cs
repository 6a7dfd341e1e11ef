using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// Makes app instances that start together on one PostgreSQL database prepare it one at a time:
/// the database is created if missing (a second creator's "already exists" is fine), then a
/// session advisory lock is held on a connection of its own until the holder is disposed. If an
/// instance dies while holding it, the server ends its session and the lock goes with it.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    /// <summary>"MLMSTA" + 1; the payout lock is "MLMPAY" + 1 (<see cref="NpgsqlMlmDbContext"/>).</summary>
    public const long Key = 0x4D4C4D5354410001;

    private readonly NpgsqlConnection connection;

    private StartupLock(NpgsqlConnection connection) => this.connection = connection;

    public static async Task<StartupLock> HoldAsync(MlmDbContext db, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await CreateDatabaseIfMissingAsync(db, ct);
        // Not pooled: closing it ends the session, and with it the lock, whatever happened before.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({Key})", connection);
            if (await command.ExecuteScalarAsync(ct) is not true)
            {
                logger.LogInformation("Another instance is preparing the database; waiting for it");
                await using var wait = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = 0 };
                await wait.ExecuteNonQueryAsync(ct);
            }

            return new StartupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", connection);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private static async Task CreateDatabaseIfMissingAsync(MlmDbContext db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another instance created it at the same moment.
        }
    }
}
