using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MlmNetwork.Infrastructure;

public sealed class SqliteMlmDbContext(DbContextOptions<SqliteMlmDbContext> options) : MlmDbContext(options)
{
    private const int SqliteConstraint = 19;
    private const int SqliteBusy = 5;

    public override bool IsUniqueViolation(Exception exception) =>
        (exception.InnerException ?? exception) is SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: 2067 or 1555 };

    public override bool IsTransient(Exception exception) =>
        (exception.InnerException ?? exception) is SqliteException { SqliteErrorCode: SqliteBusy };

    /// <summary>SQLite has one writer at a time, and a transaction takes the write lock when it begins (BEGIN IMMEDIATE).</summary>
    public override Task LockPayoutsAsync(CancellationToken ct) => Task.CompletedTask;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite keeps no time zone; every instant this app writes is UTC, so read it back as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>Used by <c>dotnet ef</c> only.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMlmDbContext>
{
    public SqliteMlmDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteMlmDbContext>();
        DatabaseSetup.ConfigureSqlite(builder, "Data Source=design.db");
        return new SqliteMlmDbContext(builder.Options);
    }
}
