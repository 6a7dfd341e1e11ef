using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Infrastructure.Seeding;

namespace MlmNetwork.Web.Tests;

/// <summary>The zero-setup default: no PostgreSQL configured, so the app runs on an embedded SQLite file, migrated and seeded with the demo network.</summary>
public class SqliteAppFactory : WebApplicationFactory<Program>
{
    private readonly string directory = Directory.CreateTempSubdirectory("mlm-sqlite-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", string.Empty);
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(directory, "mlmnetwork.db")}");
        builder.UseSetting("Seed:Demo", "true");
        builder.UseSetting("Mail:PickupDirectory", Path.Combine(directory, "mail"));
        builder.UseSetting("Bootstrap:ApiKey", MlmAppFactory.ApiKey);
        builder.UseSetting("RateLimits:LoginPerMinute", "100000");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS is left in the temp folder.
        }
    }
}

public class SqliteDefaultTests : IClassFixture<SqliteAppFactory>
{
    private readonly SqliteAppFactory app;

    public SqliteDefaultTests(SqliteAppFactory app) => this.app = app;

    [Fact]
    public async Task No_date_of_the_demo_is_after_its_today()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MlmDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<BusinessClock>().UtcNow;

        var customers = await db.Customers.AsNoTracking().Select(c => new { c.Name, c.CreatedAt, c.ConsentGivenAt }).ToListAsync();
        Assert.NotEmpty(customers);
        Assert.All(customers, c => Assert.True(c.CreatedAt <= now && (c.ConsentGivenAt ?? now) <= now, $"{c.Name}: added {c.CreatedAt:O}, consent {c.ConsentGivenAt:O}, today {now:O}"));
        Assert.True((await db.Sales.AsNoTracking().Select(s => s.CreatedAt).ToListAsync()).All(at => at <= now));
        Assert.True((await db.Distributors.AsNoTracking().Select(d => d.JoinedAt).ToListAsync()).All(at => at <= now));
        Assert.True((await db.CustomerOrders.AsNoTracking().Select(o => o.PlacedAt).ToListAsync()).All(at => at <= now));
    }

    [Fact]
    public async Task The_default_boots_on_sqlite_with_the_demo_network_and_serves_the_core_loop()
    {
        Assert.IsType<SqliteMlmDbContext>(app.Services.CreateScope().ServiceProvider.GetRequiredService<MlmDbContext>());
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health")).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MlmDbContext>();
        Assert.Equal(30, await db.Distributors.CountAsync(d => !d.IsHouse));
        Assert.True(await db.Distributors.MaxAsync(d => d.Depth) >= 4);
        Assert.True(await db.Sales.CountAsync() > 50);
        Assert.True(await db.Sales.Select(s => s.PeriodKey).Distinct().CountAsync() >= 3);

        // The demo leader logs in and sees earnings on the dashboard.
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await browser.PostFormAsync("/Account/Login", new() { ["Input.Email"] = DemoSeeder.LeaderEmail, ["Input.Password"] = DemoSeeder.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var dashboard = await (await browser.GetAsync("/Dashboard")).TextAsync();
        Assert.Contains("Hello, Alice Leader", dashboard);
        Assert.DoesNotContain("data-testid=\"balance\">0.00<", dashboard);
        var genealogy = await (await browser.GetAsync("/Genealogy")).TextAsync();
        Assert.Contains("data-testid=\"team-size\"", genealogy);

        // An integration posts a sale for the leader's newest recruit; the lines are the plan's.
        var leader = await db.Distributors.SingleAsync(d => d.Email == DemoSeeder.LeaderEmail);
        var seller = await db.Distributors.Where(d => d.SponsorId == leader.Id).OrderBy(d => d.Id).FirstAsync();
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Add("X-Api-Key", MlmAppFactory.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales") { Content = JsonContent.Create(new { distributorId = seller.Id, lines = new[] { new { sku = "OMEGA-3", quantity = 2 } } }) };
        request.Headers.Add("Idempotency-Key", "sqlite-smoke");
        var response = await api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sale = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(59.00m, sale.GetProperty("base").GetDecimal());
        var commissions = sale.GetProperty("commissions").EnumerateArray().Select(c => (c.GetProperty("level").GetInt32(), c.GetProperty("amount").GetDecimal())).ToList();
        Assert.Equal((0, 5.90m), commissions[0]); // 10% personal under the default plan
        Assert.Equal((1, 2.95m), commissions[1]); // 5% to the leader

        // The batch path on SQLite posts through the same rules.
        using var batch = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales/batch")
        {
            Content = JsonContent.Create(new { sales = new[] { new { distributorId = seller.Id, lines = new[] { new { sku = "OMEGA-3", quantity = 2 } } } } }),
        };
        batch.Headers.Add("Idempotency-Key", "sqlite-batch");
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(batch)).StatusCode);
        var lines = await db.CommissionLines.AsNoTracking().Where(l => l.SaleId == db.Sales.Where(s => s.IdempotencyKey == "sqlite-batch#0").Select(s => s.Id).Single()).OrderBy(l => l.Level).Select(l => l.Amount).ToListAsync();
        Assert.Equal([590L, 295L], lines.Take(2).Select(m => m.Cents));

        // The team counters roll up on SQLite too: the leader's team volume is the downline's personal volume.
        await app.Services.GetRequiredService<TeamVolumeRollup>().DrainAsync(CancellationToken.None);
        var sponsors = await db.Distributors.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.SponsorId);
        bool InLeadersDownline(long id) => sponsors[id] is { } up && (up == leader.Id || InLeadersDownline(up));
        var stats = await db.DistributorMonthStats.AsNoTracking().ToListAsync();
        var downlineVolume = stats.Where(s => InLeadersDownline(s.DistributorId)).Sum(s => s.PersonalVolume.Cents);
        Assert.True(downlineVolume > 0);
        Assert.Equal(downlineVolume, stats.Where(s => s.DistributorId == leader.Id).Sum(s => s.TeamVolume.Cents));
        Assert.Equal(0, await db.TeamVolumeQueue.CountAsync());
    }

    [Fact]
    public async Task The_sqlite_default_refuses_duplicates_like_postgresql()
    {
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Add("X-Api-Key", MlmAppFactory.ApiKey);

        var dupProduct = await api.PostAsJsonAsync("/api/v1/products", new { sku = "VIT-C", name = "Again", price = 1m });
        var dupEmail = await api.PostAsJsonAsync("/api/v1/distributors", new { name = "Again", email = DemoSeeder.LeaderEmail });

        Assert.Equal(HttpStatusCode.Conflict, dupProduct.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, dupEmail.StatusCode);
    }

    [Fact]
    public async Task The_audit_log_on_sqlite_finds_cyrillic_text_in_any_letter_case()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MlmDbContext>();
        var recruit = await db.Distributors.SingleAsync(d => d.Email == DemoSeeder.RecruitEmail);
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Add("X-Api-Key", MlmAppFactory.ApiKey);
        var changed = await api.PutAsJsonAsync($"/api/v1/distributors/{recruit.Id}/status", new { status = "Inactive", reason = "Ирина Петрова попросила паузу" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await admin.PostFormAsync("/Account/Login", new() { ["Input.Email"] = DemoSeeder.AdminEmail, ["Input.Password"] = DemoSeeder.DemoPassword });

        var upper = await (await admin.GetAsync("/Admin/Audit?q=" + Uri.EscapeDataString("ИРИНА ПЕТРОВА"))).TextAsync();
        var lower = await (await admin.GetAsync("/Admin/Audit?q=" + Uri.EscapeDataString("ирина") + "&actor=api+KEY")).TextAsync();
        var none = await (await admin.GetAsync("/Admin/Audit?q=" + Uri.EscapeDataString("ИРИНА") + "&kind=sale.refund")).TextAsync();
        var someoneElse = await (await admin.GetAsync("/Admin/Audit?q=" + Uri.EscapeDataString("ИРИНА ИВАНОВА"))).TextAsync();

        Assert.Contains("Ирина Петрова попросила паузу", upper);
        Assert.Contains("Ирина Петрова попросила паузу", lower);
        Assert.Contains("Nothing in the audit log matches.", none);
        Assert.Contains("Nothing in the audit log matches.", someoneElse);
        Assert.Contains("data-action=\"sale.refund\"", await (await admin.GetAsync("/Admin/Audit?kind=sale.refund&q=RETURNED")).TextAsync());
    }

    [Fact]
    public async Task People_search_on_sqlite_finds_cyrillic_names_in_any_letter_case()
    {
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Add("X-Api-Key", MlmAppFactory.ApiKey);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/distributors", new { name = "Ирина Петрова", email = "irina.sqlite@example.com" })).StatusCode);
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await admin.PostFormAsync("/Account/Login", new() { ["Input.Email"] = DemoSeeder.AdminEmail, ["Input.Password"] = DemoSeeder.DemoPassword });

        foreach (var query in new[] { "Ирина", "ИРИНА", "петрова", "ПЕТРОВА", "IRINA.SQLITE" })
        {
            Assert.Contains("Ирина Петрова", await (await admin.GetAsync("/Admin/Distributors?q=" + Uri.EscapeDataString(query))).TextAsync());
        }

        Assert.DoesNotContain("Ирина Петрова", await (await admin.GetAsync("/Admin/Distributors?q=" + Uri.EscapeDataString("ИВАНОВА"))).TextAsync());
    }
}
