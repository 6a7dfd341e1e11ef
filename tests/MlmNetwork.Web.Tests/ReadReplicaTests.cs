using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// The app with <c>ConnectionStrings:Replica</c> set. Here the "replica" is the same database
/// reached through a connection of its own that is read-only (<c>default_transaction_read_only</c>)
/// and named apart, so the tests see which reads go to it and that nothing written goes through it.
/// The real streaming replica is exercised by the cluster test (ClusterTests).
/// </summary>
public sealed class ReplicaAppFactory : MlmAppFactory
{
    public const string ReplicaName = "mlm-test-replica";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Replica", new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            ApplicationName = ReplicaName,
            Options = "-c default_transaction_read_only=on",
        }.ConnectionString);
        // The stand-in is the primary itself, which the lag check would rightly refuse as a replica.
        builder.UseSetting("Replica:CheckLag", "false");
    }
}

public sealed class ReadReplicaTests(ReplicaAppFactory app) : AppTest(app), IClassFixture<ReplicaAppFactory>
{
    private Task<int> ReplicaSessionsAsync() => App.WithDbAsync(db => db.Database
        .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE application_name = {ReplicaAppFactory.ReplicaName} AND datname = current_database()")
        .SingleAsync());

    [Fact]
    public async Task The_dashboard_reads_from_the_replica_and_says_its_figures_can_trail()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Rita Reader", "rita@example.com");
        Assert.Equal(HttpStatusCode.Created, (await App.PostSaleAsync(me.Id(), "own", ("A", 1))).StatusCode);
        NpgsqlConnection.ClearAllPools();

        var page = await (await browser.GetAsync("/Dashboard")).TextAsync();

        Assert.Contains("data-testid=\"balance\">€10.00<", page);
        Assert.Contains("can be a few seconds behind", page);
        Assert.True(await ReplicaSessionsAsync() > 0, "the dashboard's figures were read through the replica's connection");
    }

    [Fact]
    public async Task Writes_stay_on_the_primary_while_reads_go_to_the_read_only_replica()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Wes Writer", "wes@example.com");

        // The sale is written (the replica connection refuses every write), then read back from the replica.
        Assert.Equal(HttpStatusCode.Created, (await App.PostSaleAsync(me.Id(), "sale-1", ("A", 2))).StatusCode);
        Assert.Contains("data-testid=\"balance\">€20.00<", await (await browser.GetAsync("/Dashboard")).TextAsync());
        using var api = App.CreateApiClient();
        var upline = await api.GetAsync($"/api/v1/distributors/{me.Id()}/upline");
        Assert.Equal(HttpStatusCode.OK, upline.StatusCode);
        Assert.Single(await upline.Content.ReadFromJsonAsync<List<System.Text.Json.JsonElement>>() ?? []);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/reports/finance")).StatusCode);
    }

    [Fact]
    public async Task Reads_go_on_without_an_error_when_the_replica_drops_its_connections()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Dora Dropped", "dora@example.com");
        Assert.Equal(HttpStatusCode.Created, (await App.PostSaleAsync(me.Id(), "sale-1", ("A", 1))).StatusCode);
        using var api = App.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/reports/finance")).StatusCode);
        Assert.True(await ReplicaSessionsAsync() > 0);

        // The replica goes away: every connection the app keeps to it is ended by the server.
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = {ReplicaAppFactory.ReplicaName} AND datname = current_database()"));

        var page = await browser.GetAsync("/Dashboard");
        var report = await api.GetAsync("/api/v1/reports/finance");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"balance\">€10.00<", await page.TextAsync());
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
    }

    [Fact]
    public async Task What_the_replica_has_not_got_yet_is_read_from_the_primary_and_only_then()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var reads = scope.ServiceProvider.GetRequiredService<MlmNetwork.Infrastructure.ReadDb>();
        var primary = scope.ServiceProvider.GetRequiredService<MlmNetwork.Infrastructure.MlmDbContext>();
        Assert.True(reads.FromReplica);
        var asked = new List<MlmNetwork.Infrastructure.MlmDbContext>();

        // As if a member who joined a moment ago were not on the replica yet: found on the primary.
        var late = await reads.FoundAsync(db => { asked.Add(db); return Task.FromResult(db == primary ? "found" : null); });
        // Found on the replica: the primary is not asked.
        var found = await reads.FoundAsync(db => { asked.Add(db); return Task.FromResult<string?>("on the replica"); });

        Assert.Equal(("found", "on the replica"), (late, found));
        Assert.Equal([reads.Context, primary, reads.Context], asked);
        Assert.NotSame(primary, reads.Context);
    }

    [Fact]
    public async Task The_replica_note_is_in_russian_for_a_russian_reader()
    {
        var admin = await App.LoginAsAdminAsync();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru-RU");

        foreach (var url in new[] { "/Admin/Reports/Finance", "/Admin/Reports/Retail", "/Admin/Reports/Saturation" })
        {
            var page = await (await admin.GetAsync(url)).TextAsync();
            Assert.Contains("могут отставать от последних продаж", page, StringComparison.Ordinal);
        }
    }
}

public sealed class PrimaryOnlyTests(MlmAppFactory app) : AppTest(app)
{
    [Fact]
    public async Task A_replica_connection_that_reaches_a_primary_is_not_read_from()
    {
        var lag = new MlmNetwork.Infrastructure.ReplicaLag(App.ConnectionString, App.ConnectionString, TimeSpan.FromSeconds(10));

        Assert.False(await lag.SampleAsync(CancellationToken.None));
        Assert.Null(lag.Last);
    }

    [Theory]
    [InlineData("0/0", 0UL)]
    [InlineData("16/B374D848", 0x16B374D848UL)]
    [InlineData("FFFFFFFF/FFFFFFFF", ulong.MaxValue)]
    public void A_wal_position_reads_as_one_number(string written, ulong position) =>
        Assert.Equal(position, MlmNetwork.Infrastructure.ReplicaLag.Position(written));

    [Fact]
    public async Task Without_a_replica_pages_read_the_primary_and_say_nothing_of_a_copy()
    {
        var (browser, _) = await App.SignUpThroughReferralAsync(null, "Pam Primary", "pam@example.com");

        var page = await (await browser.GetAsync("/Dashboard")).TextAsync();

        Assert.Contains("Hello, Pam Primary", page);
        Assert.DoesNotContain("can be a few seconds behind", page);
    }
}
