using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Seeding;

namespace MlmNetwork.Web.Infrastructure;

public static class DatabaseStartup
{
    /// <summary>
    /// The demo network (with its published password) is only for a first look: seeded by default
    /// on the embedded SQLite file outside Production, otherwise only when <c>Seed:Demo</c> is true.
    /// </summary>
    public static bool DemoWanted(IConfiguration configuration, DatabaseProvider provider, IHostEnvironment environment) =>
        configuration.GetValue<bool?>("Seed:Demo") ?? (provider == DatabaseProvider.Sqlite && !environment.IsProduction());

    /// <summary>
    /// Applies the migrations, then the bootstrap data, then (when wanted, see <see cref="DemoWanted"/>)
    /// the demo network. On PostgreSQL several instances starting together do this one after another,
    /// under a session advisory lock (<see cref="StartupLock"/>): the first migrates and seeds, the
    /// others find it done.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, DatabaseProvider provider, bool demo)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MlmDbContext>();
        if (provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets readers go on while a sale is being written.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        await using var startup = provider == DatabaseProvider.PostgreSql
            ? await StartupLock.HoldAsync(db, scope.ServiceProvider.GetRequiredService<ILogger<StartupLock>>(), CancellationToken.None)
            : null;
        await db.Database.MigrateAsync();
        await MlmNetwork.Infrastructure.Network.SearchKeys.BackfillAsync(db, CancellationToken.None);
        await NetworkCounters.BackfillAsync(db, CancellationToken.None);
        var bootstrap = scope.ServiceProvider.GetRequiredService<BootstrapSeeder>();
        await bootstrap.SeedAsync(CancellationToken.None);
        if (demo)
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        }

        await bootstrap.EnsurePlanAsync(CancellationToken.None);
        await bootstrap.WarnWhenNoAdminAsync();
    }

    /// <summary>
    /// What an operator must be told when the database cannot be prepared at start (null when the
    /// failure is not one of those): settings refused, a database file that cannot be written, a
    /// server that cannot be reached.
    /// </summary>
    public static string? ExplainStartFailure(Exception exception, DatabaseProvider provider, IConfiguration configuration) => exception switch
    {
        BootstrapException bootstrap => bootstrap.Message,
        SqliteException { SqliteErrorCode: 8 or 14 or 10 or 13 } sqlite => $"The SQLite database ({configuration.GetConnectionString("Sqlite") ?? DatabaseSetup.DefaultSqliteConnection}) cannot be written: {sqlite.Message} Make the file and its folder writable by the app, or set ConnectionStrings__Sqlite to a writable place.",
        UnauthorizedAccessException or IOException when provider == DatabaseProvider.Sqlite => $"The SQLite database file cannot be written: {exception.Message} Make the file and its folder writable, or set ConnectionStrings__Sqlite.",
        _ when ExceptionStatus.IsDatabaseOutage(exception) => $"The database cannot be reached: {exception.Message} Check ConnectionStrings__Default and that the server is running.",
        _ => null,
    };
}
