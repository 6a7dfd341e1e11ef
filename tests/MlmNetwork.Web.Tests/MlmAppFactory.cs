using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Infrastructure.Seeding;
using Npgsql;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MlmNetwork.Web.Tests;

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<MlmAppFactory>
{
    public const string Name = "app on PostgreSQL";
}

/// <summary>
/// The app over a real PostgreSQL: a database of its own, created for the run and migrated by
/// the app's own migrations at start-up, emptied between tests and dropped at the end.
/// </summary>
public partial class MlmAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ApiKey = "mlm_test_integration_key_0123456789";
    public const string AdminEmail = "admin@test.example.com";
    public const string AdminPassword = "Admin-pass-1234!";
    public const string Password = "Recruit-pass-1234!";

    private readonly string databaseName = $"mlm_test_{Guid.NewGuid():N}";

    public string ConnectionString { get; }

    public TestBusinessClock Clock { get; } = new();

    /// <summary>Strings pages asked for in Russian that have no Russian (see <see cref="MissingTranslations"/>).</summary>
    public MissingTranslations Translations => Services.GetRequiredService<MissingTranslations>();

    public FaultInjector Faults { get; } = new();

    /// <summary>Responses with a 5xx status since the last reset: bad input must never produce one.</summary>
    public int ServerErrors => serverErrors;

    private int serverErrors;

    /// <summary>A test that provokes a 5xx on purpose (an outage, a bug) clears the count after checking its pages.</summary>
    public void ForgiveServerErrors() => Interlocked.Exchange(ref serverErrors, 0);

    public MlmAppFactory()
    {
        var server = Environment.GetEnvironmentVariable("MLM_TEST_POSTGRES")
            ?? throw new InvalidOperationException("MLM_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts a PostgreSQL for them.");
        ServerConnectionString = server;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = databaseName, Pooling = true }.ConnectionString;
        Faults.ServerConnectionString = server;
    }

    private string ServerConnectionString { get; }

    /// <summary>The pickup folder of this run: every e-mail the app sends is an .eml file here.</summary>
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), $"mlm-mail-{Guid.NewGuid():N}");

    public virtual async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName}\"", connection);
        await create.ExecuteNonQueryAsync();
        _ = Services; // boots the app: migrations and bootstrap run now
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeFactoryAsync();

    /// <summary>Stops the app and drops its database.</summary>
    protected virtual async Task DisposeFactoryAsync()
    {
        await DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Seed:Demo", "false");
        builder.UseSetting("Bootstrap:ApiKey", ApiKey);
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("RateLimits:LoginPerMinute", "100000");
        builder.UseSetting("RateLimits:SignUpPerMinute", "100000");
        builder.UseSetting("RateLimits:ApiPerSecond", "100000");
        builder.UseSetting("RateLimits:ApiUnknownKeyPerMinute", "100000");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // E-mails land in a folder of this run's own; tests deliver them when they choose (DeliverMailAsync).
        builder.UseSetting("Mail:PickupDirectory", MailFolder);
        builder.UseSetting("Mail:BackgroundWorker", "false");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<BusinessClock>(Clock);
            services.AddSingleton<IInterceptor>(Faults);
            services.AddSingleton<IStartupFilter>(new CountServerErrors(() => Interlocked.Increment(ref serverErrors)));
            services.AddSingleton<MissingTranslations>();
            services.AddSingleton<IStringLocalizerFactory>(provider => provider.GetRequiredService<MissingTranslations>());
        });
    }

    /// <summary>Empties every table but the roles and keys, then lays the bootstrap data again: each test starts from a new company.</summary>
    public async Task ResetAsync()
    {
        Clock.Reset();
        Faults.Disarm();
        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }

        Interlocked.Exchange(ref serverErrors, 0);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MlmDbContext>();
        await db.Database.ExecuteSqlRawAsync("""
            TRUNCATE notifications, notification_events, notification_preferences, outbox_messages,
                     team_volume_queue, sale_batches, payouts, payout_run_items, payout_runs, company_settings, statements, commission_periods, sale_unpaid_members, commission_lines, sale_lines, customer_order_lines, customer_orders, sales, customers, distributor_earnings, distributor_month_stats, downline_levels, downline_growth,
                     network_counts, network_signup_days, network_month_stats, earner_month_totals, earner_totals,
                     distributors, products, commission_plans, api_keys, audit_entries,
                     starter_kit_items, starter_kits, terms_acceptances, terms_versions, training_completions, training_modules,
                     simulation_results, simulation_runs, plan_drafts, distributor_changes,
                     published_disclosures, sale_imports,
                     user_roles, user_claims, user_logins, user_tokens, users
            RESTART IDENTITY CASCADE
            """);
        var bootstrap = scope.ServiceProvider.GetRequiredService<BootstrapSeeder>();
        await bootstrap.SeedAsync(CancellationToken.None);
        await bootstrap.EnsurePlanAsync(CancellationToken.None);
        // Tests move the business clock back to past months, which real time never does: the
        // default plan is made in force since long before them, so a version saved "now" at any
        // of those moments still comes after it (versions stay in order).
        await db.Database.ExecuteSqlAsync($"UPDATE commission_plans SET effective_from = {DefaultPlanSince}");
    }

    /// <summary>When the default plan of every test's fresh company came into force.</summary>
    public static readonly DateTime DefaultPlanSince = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public async Task<T> WithDbAsync<T>(Func<MlmDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MlmDbContext>());
    }

    /// <summary>Applies every waiting team volume entry now, instead of waiting for the app's background rollup.</summary>
    public Task<int> RollUpTeamVolumeAsync() =>
        Services.GetRequiredService<TeamVolumeRollup>().DrainAsync(CancellationToken.None);

    /// <summary>
    /// Does now what the app's background worker does: schedules the day's notifications (by the
    /// business clock), turns every waiting event into notifications and e-mails, and sends the
    /// outbox into <see cref="MailFolder"/>. Returns the number of e-mails sent.
    /// </summary>
    public async Task<int> DeliverMailAsync()
    {
        var dispatcher = Services.GetRequiredService<MlmNetwork.Web.Infrastructure.Notifications.NotificationDispatcher>();
        await dispatcher.ScheduleAsync(CancellationToken.None);
        await dispatcher.DispatchAsync(CancellationToken.None);
        return await Services.GetRequiredService<MlmNetwork.Infrastructure.Mail.OutboxSender>().DrainAsync(CancellationToken.None);
    }

    /// <summary>Empties the pickup folder, so what a test reads next is only what it caused.</summary>
    public void ForgetMail()
    {
        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }
    }

    /// <summary>Every e-mail in the pickup folder, oldest first.</summary>
    public IReadOnlyList<MimeKit.MimeMessage> Mails() =>
        Directory.Exists(MailFolder)
            ? [.. Directory.GetFiles(MailFolder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeKit.MimeMessage.Load(f)).OrderBy(m => m.Date)]
            : [];

    /// <summary>The e-mails sent to an address.</summary>
    public IReadOnlyList<MimeKit.MimeMessage> MailsTo(string address) =>
        [.. Mails().Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>The first link in an e-mail's text that goes to <paramref name="path"/>, as a path and query of this app.</summary>
    public static string LinkIn(MimeKit.MimeMessage mail, string path)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var match = Regex.Match(mail.TextBody ?? string.Empty, "https?://[^/\\s]+(/" + Regex.Escape(path.TrimStart('/')) + "[^\\s]*)");
        Assert.True(match.Success, $"No link to {path} in: {mail.TextBody}");
        return match.Groups[1].Value;
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects so tests can see them.</summary>
    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ClientOptions.BaseAddress, AllowAutoRedirect = false, HandleCookies = true });

    public HttpClient CreateApiClient(string? key = ApiKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ClientOptions.BaseAddress, AllowAutoRedirect = false, HandleCookies = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    public async Task<HttpClient> LoginAsync(string email, string password)
    {
        var browser = CreateBrowser();
        var response = await browser.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    public Task<HttpClient> LoginAsAdminAsync() => LoginAsync(AdminEmail, AdminPassword);

    /// <summary>
    /// Opens /join/{code} and submits the sign-up form, as a recruit would (ticking the terms
    /// when the page shows them, choosing the starter kit when given); returns the recruit's
    /// logged-in browser.
    /// </summary>
    public async Task<(HttpClient Browser, JsonElement Distributor)> SignUpThroughReferralAsync(string? referralCode, string name, string email, long? starterKitId = null)
    {
        var browser = CreateBrowser();
        var url = referralCode is null ? "/join" : $"/join/{referralCode}";
        var fields = new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Email"] = email, ["Input.Password"] = Password };
        var form = await browser.GetStringAsync(url);
        if (TermsOnForm().Match(form) is { Success: true } terms)
        {
            fields["Input.AcceptTerms"] = "true";
            fields["Input.TermsVersion"] = terms.Groups[1].Value;
        }

        if (starterKitId is not null)
        {
            fields["Input.StarterKitId"] = starterKitId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // The version of each kit the page offered, as the form sends it.
        foreach (Match kit in KitVersionsOnForm().Matches(form))
        {
            fields[$"Input.KitVersions[{kit.Groups[1].Value}]"] = kit.Groups[2].Value;
        }

        var response = await browser.PostFormAsync(url, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-up answered {response.StatusCode}: {Regex.Match(await response.TextAsync(), "validation-summary-errors[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value}");
        Assert.Equal("/Dashboard", response.Headers.Location?.OriginalString);
        var lowered = email.ToLowerInvariant();
        var id = await WithDbAsync(db => db.Distributors.Where(d => d.Email == lowered).Select(d => d.Id).SingleAsync());
        return (browser, await GetDistributorAsync(id));
    }

    [GeneratedRegex("name=\"Input.TermsVersion\" value=\"(\\d+)\"")]
    private static partial Regex TermsOnForm();

    [GeneratedRegex("name=\"Input.KitVersions\\[(\\d+)\\]\" value=\"(\\d+)\"")]
    private static partial Regex KitVersionsOnForm();

    public async Task<JsonElement> GetDistributorAsync(long id)
    {
        using var api = CreateApiClient();
        return await api.GetFromJsonAsync<JsonElement>($"/api/v1/distributors/{id}");
    }

    public async Task<JsonElement> CreateDistributorAsync(string name, string email, string? sponsorCode)
    {
        using var api = CreateApiClient();
        var response = await api.PostAsJsonAsync("/api/v1/distributors", new { name, email, sponsorReferralCode = sponsorCode });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A chain under the house: the first distributor is at depth 1, each next one recruited by the previous.</summary>
    public async Task<List<JsonElement>> CreateChainAsync(int length, string prefix = "chain")
    {
        var chain = new List<JsonElement>();
        string? sponsor = null;
        for (var i = 0; i < length; i++)
        {
            var d = await CreateDistributorAsync($"{prefix} {i}", $"{prefix}{i}@example.com", sponsor);
            chain.Add(d);
            sponsor = d.GetProperty("referralCode").GetString();
        }

        return chain;
    }

    public async Task CreateProductAsync(string sku, decimal price, decimal? commissionBase = null)
    {
        using var api = CreateApiClient();
        var response = await api.PostAsJsonAsync("/api/v1/products", new { sku, name = $"Product {sku}", price, commissionBase });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public async Task<JsonElement> SetPlanAsync(decimal personalPercent, params decimal[] levels)
    {
        using var api = CreateApiClient();
        var response = await api.PutAsJsonAsync("/api/v1/commission-plan", new { personalPercent, levels });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<HttpResponseMessage> PostSaleAsync(long distributorId, string key, params (string Sku, int Quantity)[] lines)
    {
        using var api = CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales")
        {
            Content = JsonContent.Create(new { distributorId, lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }) }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await api.SendAsync(request);
    }

    public async Task<HttpResponseMessage> RefundAsync(long saleId, string key)
    {
        using var api = CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sales/{saleId}/refund");
        request.Headers.Add("Idempotency-Key", key);
        return await api.SendAsync(request);
    }

    public async Task<HttpResponseMessage> SetStatusAsync(long distributorId, string status, string reason = "test")
    {
        using var api = CreateApiClient();
        return await api.PutAsJsonAsync($"/api/v1/distributors/{distributorId}/status", new { status, reason });
    }

    public async Task<HttpResponseMessage> ClosePeriodAsync(string period)
    {
        using var api = CreateApiClient();
        return await api.PostAsync($"/api/v1/periods/{period}/close", null);
    }

    public async Task<HttpResponseMessage> ProposePayoutRunAsync(string upTo)
    {
        using var api = CreateApiClient();
        return await api.PostAsJsonAsync("/api/v1/payout-runs", new { upTo });
    }

    public async Task<HttpResponseMessage> ConfirmPayoutRunAsync(long runId, string paidOn, string reference = "BANK-1")
    {
        using var api = CreateApiClient();
        return await api.PostAsJsonAsync($"/api/v1/payout-runs/{runId}/confirm", new { paidOn, reference });
    }

    /// <summary>Proposes a run up to the month and confirms it; the run as confirmed.</summary>
    public async Task<JsonElement> PayUpToAsync(string upTo, string paidOn)
    {
        var proposed = await ProposePayoutRunAsync(upTo);
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var run = await proposed.Content.ReadFromJsonAsync<JsonElement>();
        var confirmed = await ConfirmPayoutRunAsync(run.Id(), paidOn);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return await confirmed.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<decimal> BalanceOfAsync(long distributorId) =>
        (await CommissionsOfAsync(distributorId)).GetProperty("balance").GetDecimal();

    public async Task<JsonElement> CommissionsOfAsync(long distributorId)
    {
        using var api = CreateApiClient();
        return await api.GetFromJsonAsync<JsonElement>($"/api/v1/distributors/{distributorId}/commissions");
    }
}

public static partial class BrowserExtensions
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>GETs the page, takes its antiforgery token and POSTs the form fields, like a browser submitting the form.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient browser, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(fields);
        var page = await browser.GetStringAsync(formPage ?? url);
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, $"No antiforgery token on {formPage ?? url}");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>GETs the page, takes its antiforgery token and uploads <paramref name="content"/> as a file, like a browser's file form.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient browser, string url, string field, string fileName, string content, Dictionary<string, string>? fields = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var token = AntiforgeryField().Match(await browser.GetStringAsync(url));
        Assert.True(token.Success, $"No antiforgery token on {url}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content)) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } };
        if (fileName.Any(char.IsControl))
        {
            // A name a hostile client can send (percent-encoded, RFC 5987), which HttpClient's own header type refuses to write.
            Assert.True(file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{field}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}"));
            form.Add(file);
        }
        else
        {
            form.Add(file, field, fileName);
        }
        foreach (var (name, value) in fields ?? [])
        {
            form.Add(new StringContent(value), name);
        }

        return await browser.PostAsync(url, form);
    }

    public static long Id(this JsonElement element) => element.GetProperty("id").GetInt64();

    public static string Code(this JsonElement element) => element.GetProperty("referralCode").GetString()!;

    public static async Task<string> TextAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    public static MediaTypeHeaderValue? ContentType(this HttpResponseMessage response) => response?.Content.Headers.ContentType;
}

/// <summary>Counts the responses that left the app with a 5xx status (outermost middleware, so it sees the final status).</summary>
internal sealed class CountServerErrors(Action onServerError) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            await nextMiddleware(context);
            if (context.Response.StatusCode >= 500)
            {
                onServerError();
            }
        });
        next(app);
    };
}

/// <summary>
/// Each test starts from a freshly bootstrapped company (house account, default plan, admin,
/// API key), and fails if the app answered any request with a 5xx.
/// </summary>
[Collection(AppCollection.Name)]
public abstract class AppTest(MlmAppFactory app) : IAsyncLifetime
{
    protected MlmAppFactory App { get; } = app;

    public virtual Task InitializeAsync() => App.ResetAsync();

    public virtual Task DisposeAsync()
    {
        Assert.Equal(0, App.ServerErrors);
        return Task.CompletedTask;
    }
}
