using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        }
        else
        {
            var sqlite = configuration.GetConnectionString("Sqlite") ?? DefaultSqliteConnection;
            services.AddPooledDbContextFactory<SqliteMlmDbContext>((sp, o) => ConfigureSqlite(o.AddInterceptors(sp.GetServices<IInterceptor>()), sqlite));
            services.AddSingleton<IDbContextFactory<MlmDbContext>, ContextFactory<SqliteMlmDbContext>>();
        }

        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<MlmDbContext>>().CreateDbContext());
        services.AddSingleton(sp => new ClusterLocks(sp.GetRequiredService<IDbContextFactory<MlmDbContext>>(), provider == DatabaseProvider.PostgreSql ? postgres : null));
        return provider;
    }

    public static void ConfigureNpgsql(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(Tuned(connectionString)).UseSnakeCaseNamingConvention();

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

    private sealed class ContextFactory<T>(IDbContextFactory<T> inner) : IDbContextFactory<MlmDbContext>
        where T : MlmDbContext
    {
        public MlmDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
