using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// Two app instances behind HAProxy with a streaming replica, started by the repository's own
/// <c>deploy/local-cluster.sh</c> on the tests' PostgreSQL server (a database of its own), with
/// the app build the tests run; stopped and dropped at the end.
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    public const string ApiKey = "mlm_cluster_test_key_0123456789abcdef";
    public const string AdminEmail = "admin@cluster.example.com";
    public const string AdminPassword = "Cluster-pass-1234!";
    public const int Instances = 2;

    private readonly string server = Environment.GetEnvironmentVariable("MLM_TEST_POSTGRES")
        ?? throw new InvalidOperationException("MLM_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts a PostgreSQL for them.");

    private readonly string directory = Path.Combine(Path.GetTempPath(), $"mlm-cluster-{Guid.NewGuid():N}");

    public string Database { get; } = $"mlm_cluster_{Guid.NewGuid():N}";

    public int ProxyPort { get; } = FreePort();

    public int ReplicaPort { get; } = FreePort();

    public int FirstAppPort { get; } = FreePorts(Instances);

    public Uri Proxy => new($"http://127.0.0.1:{ProxyPort}");

    /// <summary>The primary's connection string for the cluster's database.</summary>
    public string Primary => new NpgsqlConnectionStringBuilder(server) { Database = Database, Pooling = false }.ConnectionString;

    /// <summary>The replica's connection string for the cluster's database.</summary>
    public string Replica => new NpgsqlConnectionStringBuilder(server) { Host = "127.0.0.1", Port = ReplicaPort, Database = Database, Pooling = false }.ConnectionString;

    /// <summary>The log of instance <paramref name="instance"/> (1-based) so far.</summary>
    public string LogOf(int instance)
    {
        using var stream = new FileStream(Path.Combine(directory, $"app-{instance}.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    public async Task InitializeAsync()
    {
        await RunAsync(
            "start",
            "--instances", $"{Instances}",
            "--primary", server,
            "--database", Database,
            "--replica", "--replica-port", $"{ReplicaPort}",
            "--proxy-port", $"{ProxyPort}",
            "--app-port", $"{FirstAppPort}",
            "--app-dll", Path.Combine(AppContext.BaseDirectory, "MlmNetwork.Web.dll"));
    }

    public async Task DisposeAsync()
    {
        await RunAsync("stop");
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public Task KillInstanceAsync(int instance) => RunAsync("kill-instance", $"{instance}");

    public Task StartInstanceAsync(int instance) => RunAsync("start-instance", $"{instance}");

    /// <summary>A browser through the proxy: cookies kept, redirects not followed.</summary>
    public HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = Proxy };

    /// <summary>The bootstrap admin, logged in through the proxy with the login form.</summary>
    public async Task<HttpClient> AdminAsync()
    {
        var admin = Browser();
        var login = await admin.PostFormAsync("/Account/Login", new() { ["Input.Email"] = AdminEmail, ["Input.Password"] = AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return admin;
    }

    public HttpClient Api()
    {
        var client = new HttpClient { BaseAddress = Proxy };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "deploy", "local-cluster.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--dir");
        start.ArgumentList.Add(directory);
        start.Environment["Bootstrap__AdminEmail"] = AdminEmail;
        start.Environment["Bootstrap__AdminPassword"] = AdminPassword;
        start.Environment["Bootstrap__ApiKey"] = ApiKey;
        start.Environment["RateLimits__LoginPerMinute"] = "100000";
        start.Environment["RateLimits__ApiPerSecond"] = "100000";
        start.Environment["TeamVolume__IntervalMilliseconds"] = "100";
        start.Environment["Replica__MaxLagSeconds"] = "2";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"deploy/local-cluster.sh {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await errors}");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MlmNetwork.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (MlmNetwork.sln) is not above the tests' folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The first of <paramref name="count"/> consecutive free ports.</summary>
    private static int FreePorts(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = Random.Shared.Next(20_000, 30_000);
            if (Enumerable.Range(first, count).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free ports were found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
