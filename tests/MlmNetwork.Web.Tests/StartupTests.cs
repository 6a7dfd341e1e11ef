using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlmNetwork.Infrastructure;
using Npgsql;

namespace MlmNetwork.Web.Tests;

/// <summary>Start-up safety: what is seeded where, and settings or files the app cannot start with.</summary>
public class StartupTests
{
    [Fact]
    public async Task A_short_bootstrap_api_key_stops_the_start_with_a_message()
    {
        using var folder = new TempFolder();

        var (exitCode, output) = await RunAppAsync(new() { ["ConnectionStrings__Sqlite"] = $"Data Source={folder.File("app.db")}", ["Bootstrap__ApiKey"] = "too-short-key" });

        Assert.Equal(2, exitCode);
        Assert.Contains("Bootstrap__ApiKey is 13 characters long; it must have at least 32", output);
    }

    [Fact]
    public async Task A_sqlite_file_that_cannot_be_written_stops_the_start_with_a_message()
    {
        using var folder = new TempFolder();
        await File.WriteAllBytesAsync(folder.File("locked.db"), []);

        // Opened read-only (the tests run as root, for whom file permissions do not hold).
        var (exitCode, output) = await RunAppAsync(new() { ["ConnectionStrings__Sqlite"] = $"Data Source={folder.File("locked.db")};Mode=ReadOnly" });

        Assert.Equal(3, exitCode);
        Assert.Contains("cannot be written", output);
        Assert.DoesNotContain("Unhandled exception", output);
    }

    [Fact]
    public async Task A_production_database_without_an_admin_says_what_to_set_and_seeds_no_demo()
    {
        var server = Environment.GetEnvironmentVariable("MLM_TEST_POSTGRES")!;
        var database = $"mlm_start_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection).ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        try
        {
            string? serverHeader = "not asked";
            var (_, output) = await RunAppAsync(
                new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["ConnectionStrings__Default"] = connectionString, ["ASPNETCORE_URLS"] = "http://127.0.0.1:5437" },
                untilLine: "is running at",
                whileRunning: async () =>
                {
                    using var http = new HttpClient();
                    var response = await http.GetAsync("http://127.0.0.1:5437/health");
                    serverHeader = response.Headers.Server.ToString();
                });

            Assert.Contains("No admin account exists yet. Set Bootstrap__AdminEmail and Bootstrap__AdminPassword", output);
            Assert.DoesNotContain("Demo logins", output);
            Assert.Equal(string.Empty, serverHeader);
            await using var check = new NpgsqlConnection(connectionString);
            await check.OpenAsync();
            Assert.Equal(0L, await new NpgsqlCommand("SELECT count(*) FROM distributors WHERE NOT is_house", check).ExecuteScalarAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection).ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task The_embedded_default_seeds_the_demo_but_not_in_production_and_each_demo_login_has_its_own_hash()
    {
        using var developmentBase = new SqliteAppFactory();
        using var productionBase = new SqliteAppFactory();
        await using var development = developmentBase.WithWebHostBuilder(b => b.UseEnvironment("Development").UseSetting("Seed:Demo", string.Empty));
        await using var production = productionBase.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("Seed:Demo", string.Empty));

        var demo = await CountAsync(development);
        var none = await CountAsync(production);

        Assert.Equal(30, demo.Distributors);
        Assert.Equal(demo.Users, demo.DistinctHashes);
        Assert.Equal(0, none.Distributors);

        static async Task<(int Distributors, int Users, int DistinctHashes)> CountAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MlmDbContext>();
            return (await db.Distributors.CountAsync(d => !d.IsHouse), await db.Users.CountAsync(), await db.Users.Select(u => u.PasswordHash).Distinct().CountAsync());
        }
    }

    [Fact]
    public async Task Health_is_unhealthy_when_the_database_disk_is_nearly_full()
    {
        using var fullBase = new SqliteAppFactory();
        using var fineBase = new SqliteAppFactory();
        await using var full = fullBase.WithWebHostBuilder(b => b.UseSetting("Seed:Demo", "false").UseSetting("Health:MinFreeDiskMegabytes", "1000000000"));
        await using var fine = fineBase.WithWebHostBuilder(b => b.UseSetting("Seed:Demo", "false"));

        var unhealthy = await full.CreateClient().GetAsync("/health");
        var healthy = await fine.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Equal("Unhealthy", await unhealthy.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    /// <summary>Runs the built app as its own process (as an operator would) and returns its exit code and output.</summary>
    private static async Task<(int? ExitCode, string Output)> RunAppAsync(Dictionary<string, string> settings, string? untilLine = null, Func<Task>? whileRunning = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MlmNetwork.Web.dll"));
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(AppContext.BaseDirectory);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:5436";
        start.Environment["ConnectionStrings__Default"] = string.Empty;
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var seen = new TaskCompletionSource();
        void Collect(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (untilLine is not null && e.Data.Contains(untilLine, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        }

        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        if (untilLine is not null)
        {
            await Task.WhenAny(seen.Task, process.WaitForExitAsync(timeout.Token));
            if (!process.HasExited)
            {
                if (whileRunning is not null)
                {
                    await whileRunning();
                }

                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None);
            lock (output)
            {
                return (null, output.ToString());
            }
        }

        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private sealed class TempFolder : IDisposable
    {
        private readonly string path = Directory.CreateTempSubdirectory("mlm-start-").FullName;

        public string File(string name) => Path.Combine(path, name);

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(path, recursive: true);
        }
    }
}
