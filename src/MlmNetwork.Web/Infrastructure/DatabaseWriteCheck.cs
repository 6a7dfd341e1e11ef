using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// /health is healthy only when the database takes a write: on SQLite one committed page write
/// (the header's user_version rewritten with its own value) and enough free disk beside the
/// file (<c>Health:MinFreeDiskMegabytes</c>, default 50); on PostgreSQL a transaction id is
/// taken, which a read-only or failing server refuses.
/// </summary>
public sealed class DatabaseWriteCheck(IDbContextFactory<MlmDbContext> contexts, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (db.Database.GetDbConnection() is SqliteConnection sqlite)
            {
                return await ProbeSqliteAsync(db, sqlite, cancellationToken);
            }

            await db.Database.ExecuteSqlRawAsync("SELECT txid_current()", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not take writes: " + e.Message);
        }
    }

    private async Task<HealthCheckResult> ProbeSqliteAsync(MlmDbContext db, SqliteConnection connection, CancellationToken ct)
    {
        var file = new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        var minFree = configuration.GetValue("Health:MinFreeDiskMegabytes", 50L) * 1024 * 1024;
        var free = new DriveInfo(folder).AvailableFreeSpace;
        if (free < minFree)
        {
            return HealthCheckResult.Unhealthy($"Only {free / (1024 * 1024)} MB free beside the database file; writes will soon fail.");
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await using (var read = connection.CreateCommand())
            {
                read.CommandText = "PRAGMA user_version";
                read.Transaction = (SqliteTransaction)transaction.GetDbTransaction();
                var version = Convert.ToInt64(await read.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
                await using var write = connection.CreateCommand();
                write.CommandText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA user_version = {version}");
                write.Transaction = read.Transaction;
                await write.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
            return HealthCheckResult.Healthy();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
