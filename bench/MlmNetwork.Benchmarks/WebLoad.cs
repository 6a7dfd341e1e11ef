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
/// wrk: dashboard, genealogy, the upline of the deep chain, single-sale posting (a Lua script
/// makes each request a new sale), and the app's peak memory.
/// </summary>
public sealed partial class WebLoad(string appDll, string database, TextWriter log, Action<string, double, string> add)
{
    // Made up per run: the benchmark's database is thrown away, and nothing here is a real credential.
    private static readonly string RunKey = "mlm_bench_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
    private static readonly string LeaderPassphrase = "Bench-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)) + "-A1!";
    private static readonly string RunId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
    // MLM_BENCH_APP_URL lets two benchmarks on one machine run their apps side by side.
    private static readonly string Url = Environment.GetEnvironmentVariable("MLM_BENCH_APP_URL") ?? "http://127.0.0.1:5099";
    private const int RunSeconds = 10;

    /// <summary>Direct recruits of the one member the benchmark gives a very wide first level, to page through.</summary>
    public const int WideRecruits = 10_000;

    /// <summary>Where the load phases send their requests: the single app, or the proxy in front of a cluster.</summary>
    private string target = Url;

    /// <summary>Put before every figure's name: empty for the single app, e.g. "x2." for two instances behind the proxy.</summary>
    private string prefix = string.Empty;

    /// <summary>Run the load phases again on two instances behind HAProxy, and on two reading from a replica (deploy/local-cluster.sh).</summary>
    public bool Cluster { get; init; } = true;

    public async Task RunAsync(long leaderId, long chainBottomId, long searchedId, int distributors, CancellationToken ct)
    {
        string cookie;
        string bare;
        using (var app = Start())
        {
            (cookie, bare) = await RunSingleAsync(app, leaderId, chainBottomId, searchedId, distributors, ct);
        }

        if (Cluster)
        {
            await RunClustersAsync(cookie, bare, distributors, ct);
        }
    }

    /// <summary>The load phases on one app started by the benchmark; returns the leader's cookie and the bare dashboard's path.</summary>
    private async Task<(string Cookie, string Bare)> RunSingleAsync(Process app, long leaderId, long chainBottomId, long searchedId, int distributors, CancellationToken ct)
    {
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(Url) };
            await WaitForHealthAsync(http, ct);
            await CreateLoginAsync(leaderId, ct);
            var cookie = await LoginAsync("leader@bench.local", ct);
            var admin = await LoginAsync("admin@bench.local", ct);

            // An import through the running app, so its peak memory covers one too.
            await PostBatchesAsync(app.Id, distributors, ct);

            // A member of the leader's team with 10,000 direct recruits, signed up through the API.
            var (wideId, middleId) = await CreateWideMemberAsync(leaderId, ct);
            string[] genealogyPaths =
            [
                $"/Genealogy/{wideId}?handler=Children",
                $"/Genealogy/{wideId}?handler=Children&team=0&after={middleId}",
                $"/Genealogy?q={searchedId}",
                "/Genealogy?q=distributor%201",
            ];

            // Logged in again now: wrk sends the same cookie all along and never stores the renewed
            // one a browser would, and a cookie older than the security-stamp validation interval
            // (5 minutes; the import and the sign-ups above take longer) makes every request check
            // the stamp, rebuild the principal and write a new cookie. A browser pays that once in 5 minutes.
            cookie = await LoginAsync("leader@bench.local", ct);
            admin = await LoginAsync("admin@bench.local", ct);

            // Warm-up (JIT, caches, connection pool), not measured; then throughput under load
            // (32 connections), then the latency of one user at a time.
            var bare = await BarePathAsync(leaderId, cookie, ct);
            await WarmUpAsync($"Cookie: {cookie}", $"Cookie: {admin}", chainBottomId, distributors, ct);
            await RunWrkAsync(bare, "Accept: text/html", 16, 3, "percentiles.lua", [], ct);
            foreach (var path in genealogyPaths)
            {
                await RunWrkAsync(path, $"Cookie: {cookie}", 4, 2, "percentiles.lua", [], ct);
            }

            // The dashboard, then right after it the bare endpoint that runs the same SQL batch and
            // writes as many bytes, without the page (same connections, same duration): the ratio
            // of the two is what the page itself costs, whatever the machine's speed.
            var dashboardRps = await WrkAsync("dashboard", "/Dashboard", $"Cookie: {cookie}", 32, ct);
            var bareRps = await WrkAsync("dashboard_bare", bare, "Accept: text/html", 32, ct);
            add("dashboard.vs_bare", dashboardRps / bareRps, "x");
            log.WriteLine($"dashboard / bare: {dashboardRps / bareRps:F2}x (goal >= 0.7x)");
            await WrkAsync("genealogy", "/Genealogy", $"Cookie: {cookie}", 32, ct);
            await WrkAsync("upline_deep", $"/api/v1/distributors/{chainBottomId}/upline", $"X-Api-Key: {RunKey}", 32, ct);
            var dashboardSingleRps = await WrkAsync("dashboard.single", "/Dashboard", $"Cookie: {cookie}", 1, ct);
            var bareSingleRps = await WrkAsync("dashboard_bare.single", bare, "Accept: text/html", 1, ct);
            add("dashboard.single.vs_bare", dashboardSingleRps / bareSingleRps, "x");
            await WrkAsync("genealogy.single", "/Genealogy", $"Cookie: {cookie}", 1, ct);
            await WrkAsync("upline_deep.single", $"/api/v1/distributors/{chainBottomId}/upline", $"X-Api-Key: {RunKey}", 1, ct);
            // One user opening the wide member's recruits (the first page, and a page from the
            // middle of the 10,000), and searching the leader's downline: for the number in a deep
            // member's name and e-mail (a few matches network-wide), and for "distributor 1" (thousands).
            await WrkAsync("genealogy.children_10k.first_page.single", genealogyPaths[0], $"Cookie: {cookie}", 1, ct);
            await WrkAsync("genealogy.children_10k.middle_page.single", genealogyPaths[1], $"Cookie: {cookie}", 1, ct);
            await WrkAsync("genealogy.search_rare.single", genealogyPaths[2], $"Cookie: {cookie}", 1, ct);
            await WrkAsync("genealogy.search_common.single", genealogyPaths[3], $"Cookie: {cookie}", 1, ct);
            // The admin's network overview and sales list read counters and indexes, never the whole network.
            foreach (var (name, path) in AdminPages)
            {
                await WrkAsync(name, path, name.StartsWith("api_", StringComparison.Ordinal) ? $"X-Api-Key: {RunKey}" : $"Cookie: {admin}", 1, ct);
            }

            foreach (var clients in new[] { 1, 16, 64 })
            {
                await PostSalesAsync(clients, distributors, ct);
            }

            add("app.peak_rss", PeakRssMiB(app.Id), "MiB");
            return (cookie, bare);
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync(ct);
        }
    }

    /// <summary>The admin pages and API lists timed one request at a time (name, path).</summary>
    private static readonly (string Name, string Path)[] AdminPages =
    [
        ("admin_overview.single", "/Admin"),
        ("admin_sales.single", "/Admin/Sales"),
        ("admin_sales_month_refunded.single", $"/Admin/Sales?month={DateTime.UtcNow.Year - 1}-06&status=Refunded"),
        ("api_sales.single", "/api/v1/sales?limit=50"),
        ("api_sales_month.single", $"/api/v1/sales?month={DateTime.UtcNow.Year - 1}-03&limit=50"),
    ];

    private async Task WarmUpAsync(string cookie, string admin, long chainBottomId, int distributors, CancellationToken ct)
    {
        foreach (var (_, path) in AdminPages)
        {
            await RunWrkAsync(path, path.StartsWith("/api", StringComparison.Ordinal) ? $"X-Api-Key: {RunKey}" : admin, 4, 3, "percentiles.lua", [], ct);
        }

        foreach (var (path, header, script) in new[]
        {
            ("/Dashboard", cookie, "percentiles.lua"),
            ("/Genealogy", cookie, "percentiles.lua"),
            ($"/api/v1/distributors/{chainBottomId}/upline", $"X-Api-Key: {RunKey}", "percentiles.lua"),
            ("/api/v1/sales", $"X-Api-Key: {RunKey}", "post-sale.lua"),
        })
        {
            await RunWrkAsync(path, header, 16, 3, script, [distributors.ToString(CultureInfo.InvariantCulture), RunId + "w"], ct);
        }
    }

    /// <summary>Runs Debian's wrk on <paramref name="path"/> with a Lua script (and its arguments) and returns what it printed.</summary>
    private async Task<string> RunWrkAsync(string path, string header, int connections, int seconds, string script, string[] scriptArgs, CancellationToken ct)
    {
        var threads = Math.Min(2, connections).ToString(CultureInfo.InvariantCulture);
        string[] arguments = ["-t" + threads, "-c" + connections.ToString(CultureInfo.InvariantCulture), $"-d{seconds}s", "-s", Path.Combine(AppContext.BaseDirectory, script), "-H", header, target + path];
        using var wrk = Process.Start(new ProcessStartInfo("wrk", scriptArgs.Length == 0 ? arguments : [.. arguments, "--", .. scriptArgs]) { RedirectStandardOutput = true })!;
        var output = await wrk.StandardOutput.ReadToEndAsync(ct);
        await wrk.WaitForExitAsync(ct);
        return output;
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
        foreach (var (key, value) in AppSettings())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.WriteLine($"  app: {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The settings every app the benchmark starts runs with (besides its database).</summary>
    private static IEnumerable<(string Key, string Value)> AppSettings() =>
    [
        ("ASPNETCORE_ENVIRONMENT", "Production"),
        ("Seed__Demo", "false"),
        ("Bootstrap__ApiKey", RunKey),
        ("RateLimits__ApiPerSecond", "1000000"),
        ("RateLimits__LoginPerMinute", "1000"),
        // The bare dashboard the dashboard's figures are compared with (off unless set).
        ("Benchmark__BareEndpoints", "true"),
    ];

    /// <summary>Up to three minutes: on a busy two-core machine the first start (JIT, migrations check) can take more than one.</summary>
    private static async Task WaitForHealthAsync(HttpClient http, CancellationToken ct)
    {
        for (var i = 0; i < 360; i++)
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

    /// <summary>Gives the big leader a login (the generator writes distributors without one), and an admin one with the same passphrase.</summary>
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
            INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp,
                               phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, display_name)
            VALUES ('bench-admin', 'admin@bench.local', 'ADMIN@BENCH.LOCAL', 'admin@bench.local', 'ADMIN@BENCH.LOCAL', true, @hash, 'BENCHSTAMP', 'x', false, false, true, 0, 'Admin')
            ON CONFLICT (id) DO NOTHING;
            INSERT INTO user_roles (user_id, role_id) SELECT 'bench-admin', id FROM roles WHERE name = 'Admin' ON CONFLICT DO NOTHING;
            """,
            connection);
        command.Parameters.AddWithValue("hash", hash);
        command.Parameters.AddWithValue("leader", leaderId);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// A new member under the leader and <see cref="WideRecruits"/> recruits under them, through
    /// POST /api/v1/distributors (8 at a time), so every tree counter is kept by the app itself.
    /// Returns the member and the recruit in the middle of their list (where a middle page starts).
    /// </summary>
    private async Task<(long WideId, long MiddleId)> CreateWideMemberAsync(long leaderId, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url) };
        http.DefaultRequestHeaders.Add("X-Api-Key", RunKey);
        async Task<(long Id, string Code)> CreateAsync(string name, string email, string sponsorCode, CancellationToken token)
        {
            using var response = await http.PostAsJsonAsync("/api/v1/distributors", new { name, email, sponsorReferralCode = sponsorCode }, token);
            var body = await response.Content.ReadAsStringAsync(token);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"Sign-up answered {(int)response.StatusCode}: {body}");
            }

            using var json = System.Text.Json.JsonDocument.Parse(body);
            return (json.RootElement.GetProperty("id").GetInt64(), json.RootElement.GetProperty("referralCode").GetString()!);
        }

        var watch = Stopwatch.StartNew();
        var (wideId, wideCode) = await CreateAsync("Wide Member", $"wide-{RunId}@bench.mlmnetwork.local", NetworkGenerator.Code(leaderId), ct);
        var ids = new System.Collections.Concurrent.ConcurrentBag<long>();
        await Parallel.ForEachAsync(Enumerable.Range(0, WideRecruits), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
            ids.Add((await CreateAsync($"Wide Recruit {i}", $"wide-{RunId}-{i}@bench.mlmnetwork.local", wideCode, token)).Id));
        watch.Stop();
        add("signup.api.per_second", WideRecruits / watch.Elapsed.TotalSeconds, "sign-ups/s");
        log.WriteLine($"Signed up {WideRecruits:N0} recruits under one member through the API in {watch.Elapsed.TotalSeconds:F1} s");
        return (wideId, ids.Order().ElementAt(WideRecruits / 2));
    }

    /// <summary>
    /// 100,000 sales through the app's own API, POST /api/v1/sales/batch, in ten batches of
    /// 10,000 (the most one request takes), one after the other, as an integration would.
    /// </summary>
    private async Task PostBatchesAsync(int appId, int distributors, CancellationToken ct)
    {
        const int batches = 10;
        const int perBatch = 10_000;
        using var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", RunKey);
        var random = new Random(distributors);
        var lines = 0L;
        var watch = Stopwatch.StartNew();
        for (var b = 0; b < batches; b++)
        {
            var sales = Enumerable.Range(0, perBatch).Select(_ =>
            {
                var seller = random.NextInt64(2, distributors + 1);
                while (seller % 23 == 0)
                {
                    seller = random.NextInt64(2, distributors + 1);
                }

                return new { distributorId = seller, lines = new[] { new { sku = "OMEGA-3", quantity = 1 + (int)(seller % 3) } } };
            }).ToList();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales/batch") { Content = System.Net.Http.Json.JsonContent.Create(new { sales }) };
            request.Headers.Add("Idempotency-Key", $"bench-batch-{RunId}-{b}");
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"Batch {b} answered {(int)response.StatusCode}: {body}");
            }

            using var json = System.Text.Json.JsonDocument.Parse(body);
            lines += json.RootElement.GetProperty("commissionLines").GetInt64();
        }

        watch.Stop();
        add("api_batch.sales", batches * perBatch, "count");
        add("api_batch.lines", lines, "count");
        add("api_batch.seconds", watch.Elapsed.TotalSeconds, "s");
        add("api_batch.sales_per_second", batches * perBatch / watch.Elapsed.TotalSeconds, "sales/s");
        add("api_batch.lines_per_second", lines / watch.Elapsed.TotalSeconds, "lines/s");
        add("app.peak_rss_after_import", PeakRssMiB(appId), "MiB");
        log.WriteLine($"POST /api/v1/sales/batch: {batches * perBatch:N0} sales, {lines:N0} lines in {watch.Elapsed.TotalSeconds:F1} s ({batches} batches of {perBatch:N0})");
    }

    private async Task<string> LoginAsync(string email, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(target) };
        var page = await http.GetStringAsync("/Account/Login", ct);
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        var response = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = LeaderPassphrase,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }), ct);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login failed: {response.StatusCode}");
        }

        return string.Join("; ", cookies.GetCookies(new Uri(target)).Select(c => $"{c.Name}={c.Value}"));
    }

    /// <summary>
    /// The bare dashboard's path for <paramref name="leaderId"/> (see the app's
    /// <c>BareBenchmarkEndpoints</c>), asking for as many bytes as the leader's rendered dashboard has.
    /// </summary>
    private async Task<string> BarePathAsync(long leaderId, string cookie, CancellationToken ct)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(Url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Dashboard");
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        var bytes = (await response.Content.ReadAsByteArrayAsync(ct)).Length;
        var path = $"/bench/bare/dashboard/{leaderId}?bytes={bytes}";
        using var bare = await http.GetAsync(path, ct);
        if (bare.StatusCode != HttpStatusCode.OK || (await bare.Content.ReadAsByteArrayAsync(ct)).Length != bytes)
        {
            throw new InvalidOperationException($"The bare dashboard answered {(int)bare.StatusCode}: is Benchmark__BareEndpoints set on the app?");
        }

        add("dashboard.bytes", bytes, "bytes");
        return path;
    }

    /// <summary>Runs wrk for <see cref="RunSeconds"/> and adds the phase's figures; returns its requests per second.</summary>
    private async Task<double> WrkAsync(string name, string path, string header, int connections, CancellationToken ct, string script = "percentiles.lua", params string[] scriptArgs)
    {
        name = prefix + name;
        var output = await RunWrkAsync(path, header, connections, RunSeconds, script, scriptArgs, ct);
        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var pct = Percentiles().Match(output);
        var non2xx = Non2xx().Match(output);
        add($"{name}.requests_per_second", rps, "req/s");
        add($"{name}.p50", double.Parse(pct.Groups[1].Value, CultureInfo.InvariantCulture), "ms");
        add($"{name}.p95", double.Parse(pct.Groups[2].Value, CultureInfo.InvariantCulture), "ms");
        add($"{name}.p99", double.Parse(pct.Groups[3].Value, CultureInfo.InvariantCulture), "ms");
        add($"{name}.non_2xx", non2xx.Success ? double.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0, "count");
        log.WriteLine($"{name}: {rps:N0} req/s, p50 {pct.Groups[1].Value} ms, p95 {pct.Groups[2].Value} ms, p99 {pct.Groups[3].Value} ms{(non2xx.Success ? $", {non2xx.Groups[1].Value} non-2xx" : string.Empty)}");
        // The slowest 5% (1%) of the requests cannot have taken longer, all together, than the
        // run's connections had time for: a p95 (p99) that says otherwise is no real measurement.
        var p95 = double.Parse(pct.Groups[2].Value, CultureInfo.InvariantCulture);
        var p99 = double.Parse(pct.Groups[3].Value, CultureInfo.InvariantCulture);
        var budget = connections * RunSeconds * 1000d;
        var consistent = 0.05 * rps * RunSeconds * p95 <= budget && 0.01 * rps * RunSeconds * p99 <= budget;
        add($"{name}.percentiles_consistent", consistent ? 1 : 0, "bool");
        if (!consistent)
        {
            log.WriteLine($"{name}: WARNING: p95 {p95:F0} ms / p99 {p99:F0} ms cannot be, given {rps:N0} req/s on {connections} connections for {RunSeconds} s; these percentiles are not trustworthy.");
        }

        return rps;
    }

    /// <summary>
    /// Single sales through POST /api/v1/sales from <paramref name="clients"/> concurrent wrk
    /// connections for 10 seconds, each request a new sale (bench/post-sale.lua).
    /// </summary>
    private Task<double> PostSalesAsync(int clients, int distributors, CancellationToken ct) =>
        WrkAsync($"post_sale.c{clients}", "/api/v1/sales", $"X-Api-Key: {RunKey}", clients, ct, "post-sale.lua", distributors.ToString(CultureInfo.InvariantCulture), RunId);

    /// <summary>
    /// Issue 11: the load phases that matter for scaling out (the dashboard, the bare dashboard, a
    /// single sale at 1 and 16 clients) again, in the same run on the same database, against two
    /// app instances behind HAProxy ("x2."), then two instances whose read-only pages read from a
    /// streaming replica ("x2replica."), each started by the repository's deploy/local-cluster.sh
    /// and stopped after; with the replica, its lag is sampled during the sale phases.
    /// </summary>
    private async Task RunClustersAsync(string cookie, string bare, int distributors, CancellationToken ct)
    {
        if (LocalClusterScript() is not { } script)
        {
            log.WriteLine("No deploy/local-cluster.sh found above the app: the two-instance phases are left out.");
            return;
        }

        var settings = new NpgsqlConnectionStringBuilder(database);
        var proxyPort = EnvironmentPort("MLM_BENCH_PROXY_PORT", 8090);
        var appPort = EnvironmentPort("MLM_BENCH_CLUSTER_APP_PORT", 5291);
        var replicaPort = EnvironmentPort("MLM_BENCH_REPLICA_PORT", settings.Port + 1);
        foreach (var (name, replica) in new[] { ("x2", false), ("x2replica", true) })
        {
            var folder = Path.Combine(Path.GetTempPath(), $"mlm-bench-cluster-{RunId}-{name}");
            string[] start =
            [
                "start", "--instances", "2", "--primary", database, "--database", settings.Database!,
                "--proxy-port", $"{proxyPort}", "--app-port", $"{appPort}", "--app-dll", Path.GetFullPath(appDll), "--dir", folder,
                .. replica ? new[] { "--replica", "--replica-port", $"{replicaPort}" } : [],
            ];
            try
            {
                // Stopped in the finally even when the start fails half-way (whatever it started).
                var watch = Stopwatch.StartNew();
                await RunScriptAsync(script, start, ct);
                log.WriteLine($"{name}: two instances behind HAProxy on 127.0.0.1:{proxyPort}{(replica ? $", reads on a replica on 127.0.0.1:{replicaPort}" : string.Empty)}, started in {watch.Elapsed.TotalSeconds:F1} s");
                target = $"http://127.0.0.1:{proxyPort}";
                prefix = name + ".";
                // A fresh cookie, through the proxy (see RunSingleAsync: a stale one is re-validated on every request).
                cookie = await LoginAsync("leader@bench.local", ct);
                // Fresh instances run tier-0 JIT code until their hot methods are compiled again in
                // the background: a warm-up of a few seconds left the dashboard (the page with the
                // most code) at a quarter of its speed. Round-robin shares the warm-up between them.
                foreach (var (path, header, warmScript, seconds) in new[] { ("/Dashboard", $"Cookie: {cookie}", "percentiles.lua", 15), (bare, "Accept: text/html", "percentiles.lua", 5), ("/api/v1/sales", $"X-Api-Key: {RunKey}", "post-sale.lua", 10) })
                {
                    await RunWrkAsync(path, header, 16, seconds, warmScript, [distributors.ToString(CultureInfo.InvariantCulture), RunId + name + "w"], ct);
                }

                var dashboardRps = await WrkAsync("dashboard", "/Dashboard", $"Cookie: {cookie}", 32, ct);
                var bareRps = await WrkAsync("dashboard_bare", bare, "Accept: text/html", 32, ct);
                add($"{prefix}dashboard.vs_bare", dashboardRps / bareRps, "x");
                await WrkAsync("dashboard.single", "/Dashboard", $"Cookie: {cookie}", 1, ct);
                using var lag = replica ? new ReplicaLag(database) : null;
                foreach (var clients in new[] { 1, 16 })
                {
                    await WrkAsync($"post_sale.c{clients}", "/api/v1/sales", $"X-Api-Key: {RunKey}", clients, ct, "post-sale.lua", distributors.ToString(CultureInfo.InvariantCulture), RunId + name);
                }

                if (lag is not null)
                {
                    var (samples, maxBytes, meanBytes, maxMs) = await lag.StopAsync();
                    add($"{prefix}replica_lag.samples", samples, "count");
                    add($"{prefix}replica_lag.max_bytes", maxBytes, "bytes");
                    add($"{prefix}replica_lag.mean_bytes", meanBytes, "bytes");
                    add($"{prefix}replica_lag.max_replay_ms", maxMs, "ms");
                    log.WriteLine($"{name}: replica lag during the sale phases ({samples} samples): WAL not yet replayed at most {maxBytes:N0} bytes, on average {meanBytes:N0}; replay_lag at most {maxMs:F1} ms");
                }
            }
            finally
            {
                target = Url;
                prefix = string.Empty;
                await RunScriptAsync(script, ["stop", "--dir", folder], CancellationToken.None);
            }
        }
    }

    private static int EnvironmentPort(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : fallback;

    /// <summary>deploy/local-cluster.sh of the repository the app was built in (searched upwards from the app's folder).</summary>
    private string? LocalClusterScript()
    {
        for (var folder = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(appDll))!); folder is not null; folder = folder.Parent)
        {
            var script = Path.Combine(folder.FullName, "deploy", "local-cluster.sh");
            if (File.Exists(script))
            {
                return script;
            }
        }

        return null;
    }

    /// <summary>Runs the cluster script with the app settings the benchmark's own app gets (the instances inherit them).</summary>
    private static async Task RunScriptAsync(string script, string[] arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo("bash", [script, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in AppSettings())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"local-cluster.sh {arguments[0]} failed ({process.ExitCode}): {await output}{await errors}");
        }
    }

    /// <summary>
    /// Samples the streaming replica's distance from the primary every 200 ms until stopped: WAL
    /// bytes written on the primary and not yet replayed on the replica, and PostgreSQL's replay_lag.
    /// </summary>
    private sealed class ReplicaLag : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task<List<(long Bytes, double Ms)>> sampling;

        public ReplicaLag(string primary) => sampling = SampleAsync(primary, stop.Token);

        public async Task<(int Samples, long MaxBytes, double MeanBytes, double MaxMs)> StopAsync()
        {
            await stop.CancelAsync();
            var samples = await sampling;
            return samples.Count == 0 ? (0, 0, 0, 0) : (samples.Count, samples.Max(s => s.Bytes), samples.Average(s => s.Bytes), samples.Max(s => s.Ms));
        }

        private static async Task<List<(long Bytes, double Ms)>> SampleAsync(string primary, CancellationToken ct)
        {
            var samples = new List<(long, double)>();
            await using var connection = new NpgsqlConnection(primary);
            await connection.OpenAsync(CancellationToken.None);
            await using var command = new NpgsqlCommand(
                "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint, COALESCE(EXTRACT(EPOCH FROM replay_lag) * 1000, 0)::float8 FROM pg_stat_replication ORDER BY replay_lsn LIMIT 1",
                connection);
            while (!ct.IsCancellationRequested)
            {
                await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
                {
                    if (await reader.ReadAsync(CancellationToken.None) && !reader.IsDBNull(0))
                    {
                        samples.Add((reader.GetInt64(0), reader.GetDouble(1)));
                    }
                }

                try
                {
                    await Task.Delay(200, ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            return samples;
        }

        /// <summary>Stops the sampling if a phase failed before <see cref="StopAsync"/>.</summary>
        public void Dispose()
        {
            stop.Cancel();
            stop.Dispose();
        }
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
