using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace MlmNetwork.Benchmarks;

/// <summary>
/// The app as a separate process on 127.0.0.1 over the benchmark database, loaded by Debian's
/// wrk (GET pages) and by an in-process client (POST sales, which need a fresh idempotency key
/// each): dashboard, genealogy, the upline of the deep chain, single-sale posting, and the
/// app's peak memory.
/// </summary>
public sealed partial class WebLoad(string appDll, string database, TextWriter log, Action<string, double, string> add)
{
    // Made up per run: the benchmark's database is thrown away, and nothing here is a real credential.
    private static readonly string RunKey = "mlm_bench_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
    private static readonly string LeaderPassphrase = "Bench-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)) + "-A1!";
    private const string Url = "http://127.0.0.1:5099";

    public async Task RunAsync(long leaderId, long chainBottomId, int distributors, CancellationToken ct)
    {
        using var app = Start();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(Url) };
            await WaitForHealthAsync(http, ct);
            await CreateLoginAsync(leaderId, ct);
            var cookie = await LoginAsync(ct);

            // Throughput under load (32 connections), then the latency of one user at a time.
            await WrkAsync("dashboard", "/Dashboard", $"Cookie: {cookie}", 32, ct);
            await WrkAsync("genealogy", "/Genealogy", $"Cookie: {cookie}", 32, ct);
            await WrkAsync("upline_deep", $"/api/v1/distributors/{chainBottomId}/upline", $"X-Api-Key: {RunKey}", 32, ct);
            await WrkAsync("dashboard.single", "/Dashboard", $"Cookie: {cookie}", 1, ct);
            await WrkAsync("genealogy.single", "/Genealogy", $"Cookie: {cookie}", 1, ct);
            await WrkAsync("upline_deep.single", $"/api/v1/distributors/{chainBottomId}/upline", $"X-Api-Key: {RunKey}", 1, ct);
            foreach (var clients in new[] { 1, 16, 64 })
            {
                await PostSalesAsync(clients, distributors, ct);
            }

            add("app.peak_rss", PeakRssMiB(app.Id), "MiB");
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync(ct);
        }
    }

    private Process Start()
    {
        var start = new ProcessStartInfo("dotnet", [Path.GetFullPath(appDll), "--urls", Url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(appDll))!,
        };
        start.Environment["ConnectionStrings__Default"] = database;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Seed__Demo"] = "false";
        start.Environment["Bootstrap__ApiKey"] = RunKey;
        start.Environment["RateLimits__ApiPerSecond"] = "1000000";
        start.Environment["RateLimits__LoginPerMinute"] = "1000";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.WriteLine($"  app: {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForHealthAsync(HttpClient http, CancellationToken ct)
    {
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if ((await http.GetAsync("/health", ct)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500, ct);
        }

        throw new InvalidOperationException("The app did not become healthy.");
    }

    /// <summary>Gives the big leader a login (the generator writes distributors without one).</summary>
    private async Task CreateLoginAsync(long leaderId, CancellationToken ct)
    {
        var hash = new PasswordHasher<object>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 210_000 })).HashPassword(new object(), LeaderPassphrase);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp,
                               phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, display_name)
            VALUES ('bench-leader', 'leader@bench.local', 'LEADER@BENCH.LOCAL', 'leader@bench.local', 'LEADER@BENCH.LOCAL', true, @hash, 'BENCHSTAMP', 'x', false, false, true, 0, 'Leader')
            ON CONFLICT (id) DO NOTHING;
            INSERT INTO user_roles (user_id, role_id) SELECT 'bench-leader', id FROM roles WHERE name = 'Distributor' ON CONFLICT DO NOTHING;
            UPDATE distributors SET user_id = 'bench-leader' WHERE id = @leader;
            """,
            connection);
        command.Parameters.AddWithValue("hash", hash);
        command.Parameters.AddWithValue("leader", leaderId);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<string> LoginAsync(CancellationToken ct)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(Url) };
        var page = await http.GetStringAsync("/Account/Login", ct);
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        var response = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "leader@bench.local",
            ["Input.Password"] = LeaderPassphrase,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }), ct);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login failed: {response.StatusCode}");
        }

        return string.Join("; ", cookies.GetCookies(new Uri(Url)).Select(c => $"{c.Name}={c.Value}"));
    }

    private async Task WrkAsync(string name, string path, string header, int connections, CancellationToken ct)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "percentiles.lua");
        var threads = Math.Min(2, connections).ToString(CultureInfo.InvariantCulture);
        var wrk = Process.Start(new ProcessStartInfo("wrk", ["-t" + threads, "-c" + connections.ToString(CultureInfo.InvariantCulture), "-d10s", "-s", script, "-H", header, Url + path]) { RedirectStandardOutput = true })!;
        var output = await wrk.StandardOutput.ReadToEndAsync(ct);
        await wrk.WaitForExitAsync(ct);
        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var pct = Percentiles().Match(output);
        var non2xx = Non2xx().Match(output);
        add($"{name}.requests_per_second", rps, "req/s");
        add($"{name}.p50", double.Parse(pct.Groups[1].Value, CultureInfo.InvariantCulture), "ms");
        add($"{name}.p95", double.Parse(pct.Groups[2].Value, CultureInfo.InvariantCulture), "ms");
        add($"{name}.p99", double.Parse(pct.Groups[3].Value, CultureInfo.InvariantCulture), "ms");
        add($"{name}.non_2xx", non2xx.Success ? double.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0, "count");
        log.WriteLine($"{name}: {rps:N0} req/s, p50 {pct.Groups[1].Value} ms, p95 {pct.Groups[2].Value} ms, p99 {pct.Groups[3].Value} ms{(non2xx.Success ? $", {non2xx.Groups[1].Value} non-2xx" : string.Empty)}");
    }

    /// <summary>Single sales through POST /api/v1/sales from <paramref name="clients"/> concurrent clients for 10 seconds.</summary>
    private async Task PostSalesAsync(int clients, int distributors, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = new Uri(Url) };
        http.DefaultRequestHeaders.Add("X-Api-Key", RunKey);
        var latencies = new List<double>[clients];
        var failures = 0;
        var deadline = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(async worker =>
        {
            var random = new Random(worker * 7919 + clients);
            latencies[worker] = [];
            while (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                var seller = random.NextInt64(2, distributors + 1);
                if (seller % 23 == 0)
                {
                    continue; // inactive in the generated network
                }

                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales")
                {
                    Content = JsonContent.Create(new { distributorId = seller, lines = new[] { new { sku = "VIT-C", quantity = 1 + (int)(seller % 3) } } }),
                };
                request.Headers.Add("Idempotency-Key", $"bench-{clients}-{worker}-{Guid.NewGuid():N}");
                var watch = Stopwatch.StartNew();
                using var response = await http.SendAsync(request, ct);
                watch.Stop();
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    latencies[worker].Add(watch.Elapsed.TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }).ToList();
        await Task.WhenAll(workers);
        var all = latencies.SelectMany(l => l).Order().ToList();
        double Pct(double p) => all[Math.Min(all.Count - 1, (int)Math.Ceiling(p / 100 * all.Count) - 1)];
        var rate = all.Count / deadline.Elapsed.TotalSeconds;
        add($"post_sale.c{clients}.sales_per_second", rate, "sales/s");
        add($"post_sale.c{clients}.p50", Pct(50), "ms");
        add($"post_sale.c{clients}.p95", Pct(95), "ms");
        add($"post_sale.c{clients}.p99", Pct(99), "ms");
        add($"post_sale.c{clients}.failures", failures, "count");
        log.WriteLine($"POST /api/v1/sales, {clients} clients: {rate:N0} sales/s, p50 {Pct(50):F1} ms, p95 {Pct(95):F1} ms, p99 {Pct(99):F1} ms, {failures} failures");
    }

    private static double PeakRssMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024d;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"PCT ([0-9.]+) ([0-9.]+) ([0-9.]+)")]
    private static partial Regex Percentiles();

    [GeneratedRegex(@"Non-2xx or 3xx responses: ([0-9]+)")]
    private static partial Regex Non2xx();
}
