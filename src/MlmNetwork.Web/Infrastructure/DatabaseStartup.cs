using Microsoft.EntityFrameworkCore;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Seeding;

namespace MlmNetwork.Web.Infrastructure;

public static class DatabaseStartup
{
    /// <summary>Applies the migrations, then the bootstrap data, then (when <c>Seed:Demo</c> is on) the demo network.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, DatabaseProvider provider, IConfiguration configuration)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MlmDbContext>();
        if (provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets readers go on while a sale is being written.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        await db.Database.MigrateAsync();
        await MlmNetwork.Infrastructure.Network.SearchKeys.BackfillAsync(db, CancellationToken.None);
        var bootstrap = scope.ServiceProvider.GetRequiredService<BootstrapSeeder>();
        await bootstrap.SeedAsync(CancellationToken.None);
        if (configuration.GetValue("Seed:Demo", false))
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        }

        await bootstrap.EnsurePlanAsync(CancellationToken.None);
    }
}
