using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace MlmNetwork.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// Chooses the database: PostgreSQL when <c>ConnectionStrings:Default</c> is set, otherwise an
/// embedded SQLite file so that a fresh clone runs with no database server. EF interceptors
/// registered in the container are applied (the fault-injection tests use this).
/// </summary>
public static class DatabaseSetup
{
    public const string DefaultSqliteConnection = "Data Source=mlmnetwork.db";

    public static DatabaseProvider AddMlmDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var postgres = configuration.GetConnectionString("Default");
        var provider = string.IsNullOrWhiteSpace(postgres) ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql;
        if (provider == DatabaseProvider.PostgreSql)
        {
            services.AddPooledDbContextFactory<NpgsqlMlmDbContext>((sp, o) => ConfigureNpgsql(o.AddInterceptors(sp.GetServices<IInterceptor>()), postgres!));
            services.AddSingleton<IDbContextFactory<MlmDbContext>, ContextFactory<NpgsqlMlmDbContext>>();
            if (configuration.GetConnectionString("Replica") is { Length: > 0 } replica)
            {
                services.AddSingleton(sp => new ReplicaContexts(ConfigureNpgsql(
                    new DbContextOptionsBuilder<NpgsqlMlmDbContext>().AddInterceptors(sp.GetServices<IInterceptor>()).UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking),
                    ReadsFrom(replica))));
                services.AddSingleton(new ReplicaConnections(Tuned(ReadsFrom(replica))));
                // Replica:MaxLagSeconds (10): a replica further behind, or down, sends the reads to the primary.
                // Replica:CheckLag=false reads from it whatever it is (the tests' stand-in replica is the primary itself).
                var checkLag = configuration.GetValue("Replica:CheckLag", true);
                services.AddSingleton(new ReplicaLag(Tuned(postgres!), Tuned(ReadsFrom(replica)), TimeSpan.FromSeconds(configuration.GetValue("Replica:MaxLagSeconds", 10))));
                services.AddScoped(sp => !checkLag || sp.GetRequiredService<ReplicaLag>().Usable
                    ? ReadDb.OnReplica(sp.GetRequiredService<ReplicaContexts>().CreateDbContext(), sp.GetRequiredService<MlmDbContext>())
                    : ReadDb.OnPrimary(sp.GetRequiredService<MlmDbContext>()));
            }
        }
        else
        {
            var sqlite = configuration.GetConnectionString("Sqlite") ?? DefaultSqliteConnection;
            services.AddPooledDbContextFactory<SqliteMlmDbContext>((sp, o) => ConfigureSqlite(o.AddInterceptors(sp.GetServices<IInterceptor>()), sqlite));
            services.AddSingleton<IDbContextFactory<MlmDbContext>, ContextFactory<SqliteMlmDbContext>>();
        }

        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<MlmDbContext>>().CreateDbContext());
        services.TryAddScoped(sp => ReadDb.OnPrimary(sp.GetRequiredService<MlmDbContext>()));
        services.AddSingleton<Ledger.LedgerPartitions>();
        services.AddSingleton(sp => new ClusterLocks(sp.GetRequiredService<IDbContextFactory<MlmDbContext>>(), provider == DatabaseProvider.PostgreSql ? postgres : null));
        return provider;
    }

    public static TBuilder ConfigureNpgsql<TBuilder>(TBuilder builder, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        builder.UseNpgsql(Tuned(connectionString)).UseSnakeCaseNamingConvention();
        return builder;
    }

    /// <summary>
    /// The replica's connection string, named in <c>pg_stat_activity</c> as the app's reads unless it
    /// names itself, and, when it lists several hosts and says nothing of the kind of server it wants,
    /// preferring a standby (so a replica that is down sends the reads back to the primary).
    /// </summary>
    public static string ReadsFrom(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var reads = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Application Name") && !given.ContainsKey("ApplicationName"))
        {
            reads.ApplicationName = ReadsApplicationName;
        }

        if (reads.Host?.Contains(',', StringComparison.Ordinal) == true && !given.ContainsKey("Target Session Attributes") && !given.ContainsKey("TargetSessionAttributes"))
        {
            reads.TargetSessionAttributes = "prefer-standby";
        }

        return reads.ConnectionString;
    }

    /// <summary>
    /// Creates the PostgreSQL database when it does not exist yet; another instance creating it at
    /// the same moment ("already exists") is fine.
    /// </summary>
    public static async Task CreateIfMissingAsync(MlmDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var creator = db.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>();
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
        }
    }

    /// <summary>How the app's replica connections show in <c>pg_stat_activity</c>.</summary>
    public const string ReadsApplicationName = "mlmnetwork-reads";

    /// <summary>
    /// Defaults for the app's connections unless the connection string says otherwise: the hot
    /// statements are prepared once per connection instead of parsed and planned per request, and a
    /// pooled connection is not reset on every open (nothing here keeps session state across uses).
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var tuned = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            tuned.MaxAutoPrepare = 64;
            tuned.AutoPrepareMinUsages = 3;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            tuned.NoResetOnClose = true;
        }

        return tuned.ConnectionString;
    }

    /// <summary>
    /// SQLite: a migration that rebuilds a table switches foreign keys off outside the
    /// transaction, and EF warns about it at every first start. The file is a local demo
    /// database (start again by deleting it), so that warning is not shown.
    /// </summary>
    public static void ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString).UseSnakeCaseNamingConvention()
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning));

    /// <summary>The pooled contexts on the replica (a type of its own, so the primary's factory stays the only one of its kind).</summary>
    private sealed class ReplicaContexts(DbContextOptionsBuilder<NpgsqlMlmDbContext> options)
    {
        private readonly PooledDbContextFactory<NpgsqlMlmDbContext> pool = new(options.Options);

        public NpgsqlMlmDbContext CreateDbContext() => pool.CreateDbContext();
    }

    private sealed class ContextFactory<T>(IDbContextFactory<T> inner) : IDbContextFactory<MlmDbContext>
        where T : MlmDbContext
    {
        public MlmDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
