using Microsoft.EntityFrameworkCore;
using MlmNetwork.Infrastructure;
using Npgsql;

namespace MlmNetwork.Web.Tests;

/// <summary>A PostgreSQL database of its own for a migration test, on the test server, dropped afterwards.</summary>
internal static class ScratchDatabase
{
    public static async Task WithPostgresAsync(Func<NpgsqlMlmDbContext, Task> test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var server = Environment.GetEnvironmentVariable("MLM_TEST_POSTGRES") ?? throw new InvalidOperationException("MLM_TEST_POSTGRES is not set: run ./test.sh.");
        var name = $"mlm_migration_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin).ExecuteNonQueryAsync();
        }

        try
        {
            var options = new DbContextOptionsBuilder<NpgsqlMlmDbContext>();
            DatabaseSetup.ConfigureNpgsql(options, new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString);
            await using var db = new NpgsqlMlmDbContext(options.Options);
            await test(db);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
    }
}
