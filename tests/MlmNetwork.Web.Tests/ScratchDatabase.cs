using Microsoft.EntityFrameworkCore;
using MlmNetwork.Infrastructure;
using Npgsql;

namespace MlmNetwork.Web.Tests;

/// <summary>A database of its own on the test server, for a test that migrates step by step; dropped afterwards.</summary>
public static class ScratchDatabase
{
    public static string Server => Environment.GetEnvironmentVariable("MLM_TEST_POSTGRES") ?? throw new InvalidOperationException("MLM_TEST_POSTGRES is not set: run ./test.sh.");

    /// <summary>Creates an empty database, hands <paramref name="body"/> a context on it (sessions in <paramref name="timeZone"/> when given), then drops it.</summary>
    public static async Task RunAsync(Func<NpgsqlMlmDbContext, Task> body, string? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var name = $"mlm_migration_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(Server))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin).ExecuteNonQueryAsync();
        }

        try
        {
            var connection = new NpgsqlConnectionStringBuilder(Server) { Database = name, Pooling = false };
            if (timeZone is not null)
            {
                connection.Timezone = timeZone;
            }

            var options = new DbContextOptionsBuilder<NpgsqlMlmDbContext>();
            DatabaseSetup.ConfigureNpgsql(options, connection.ConnectionString);
            await using var db = new NpgsqlMlmDbContext(options.Options);
            await body(db);
        }
        finally
        {
            await DropAsync(Server, name);
        }
    }

    public static async Task DropAsync(string server, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
    }
}
