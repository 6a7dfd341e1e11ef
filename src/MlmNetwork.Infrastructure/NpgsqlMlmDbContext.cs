using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace MlmNetwork.Infrastructure;

public sealed class NpgsqlMlmDbContext(DbContextOptions<NpgsqlMlmDbContext> options) : MlmDbContext(options)
{
    public override bool IsUniqueViolation(Exception exception) =>
        Unwrap(exception) is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>
    /// A fault worth another try on a fresh connection: what Npgsql deems transient, plus a
    /// server that ended the session (57P01-57P03: admin shutdown, crash, restart) or a
    /// connection exception (class 08). Retrying is safe because every ledger write is guarded
    /// by a unique key.
    /// </summary>
    public override bool IsTransient(Exception exception) => Unwrap(exception) switch
    {
        PostgresException postgres => postgres.IsTransient || postgres.SqlState is "57P01" or "57P02" or "57P03" || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or System.Net.Sockets.SocketException,
        TimeoutException => true,
        _ => false,
    };

    /// <summary>
    /// PostgreSQL only: a trigram index on the search key, so a search for part of a name or an
    /// e-mail (<c>LIKE '%ирина%'</c>) finds its few matches without reading every distributor.
    /// </summary>
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<MlmNetwork.Domain.Distributor>().HasIndex(d => d.SearchKey, "ix_distributors_search_key_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");

        // PostgreSQL only: commission_lines is partitioned by month (ADR 019, LedgerPartitions), and
        // a partitioned table's primary key must hold the partition key. The id stays unique on its
        // own: one sequence numbers every partition (PostgreSQL 15 has no identity column on a
        // partitioned table, hence a serial), and the ledger check proves no id repeats.
        var lines = builder.Entity<MlmNetwork.Domain.CommissionLine>();
        lines.HasKey(l => new { l.Id, l.PeriodKey });
        lines.Property(l => l.Id).ValueGeneratedOnAdd().UseSerialColumn();
    }

    public override Task LockPayoutsAsync(CancellationToken ct) =>
        Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKeys.Payouts})", ct);

    private static Exception Unwrap(Exception exception)
    {
        var current = exception;
        while (current is DbUpdateException or InvalidOperationException && current.InnerException is not null)
        {
            current = current.InnerException;
        }

        return current;
    }
}

/// <summary>Used by <c>dotnet ef</c> only; the app configures its context in <see cref="DatabaseSetup"/>.</summary>
public sealed class NpgsqlDesignTimeFactory : IDesignTimeDbContextFactory<NpgsqlMlmDbContext>
{
    public NpgsqlMlmDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<NpgsqlMlmDbContext>();
        DatabaseSetup.ConfigureNpgsql(builder, "Host=localhost;Database=mlmnetwork_design");
        return new NpgsqlMlmDbContext(builder.Options);
    }
}
