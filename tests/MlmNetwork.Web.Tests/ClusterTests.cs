using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// Issue 11: the app as several instances behind a real proxy (HAProxy, round-robin, no sticky
/// sessions) on one primary and a streaming replica, as <c>deploy/local-cluster.sh</c> starts it.
/// Every journey goes through the proxy, so consecutive requests land on different instances.
/// </summary>
public sealed class ClusterTests(LocalCluster cluster, ITestOutputHelper output) : IClassFixture<LocalCluster>
{
    private const string Sku = "CLU";

    private static int serial;

    /// <summary>A plan of 10% to the seller and 5% to the sponsor, one product of 10.00, and a seller under a sponsor of their own.</summary>
    private static async Task<(long Sponsor, long Seller)> SellerUnderSponsorAsync(HttpClient api)
    {
        var n = Interlocked.Increment(ref serial);
        (await api.PutAsJsonAsync("/api/v1/commission-plan", new { personalPercent = 10m, levels = new[] { 5m } })).EnsureSuccessStatusCode();
        var product = await api.PostAsJsonAsync("/api/v1/products", new { sku = Sku, name = "Cluster tea", price = 10m });
        Assert.True(product.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"product: {product.StatusCode}");
        var sponsor = await (await api.PostAsJsonAsync("/api/v1/distributors", new { email = $"sponsor{n}@cluster.example.com", name = $"Sponsor {n}" })).Content.ReadFromJsonAsync<JsonElement>();
        var seller = await (await api.PostAsJsonAsync("/api/v1/distributors", new { email = $"seller{n}@cluster.example.com", name = $"Seller {n}", sponsorReferralCode = sponsor.Code() })).Content.ReadFromJsonAsync<JsonElement>();
        return (sponsor.Id(), seller.Id());
    }

    private static async Task<decimal> BalanceAsync(HttpClient api, long distributor) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/distributors/{distributor}/commissions")).GetProperty("balance").GetDecimal();

    private static HttpRequestMessage Sale(long seller, string key) => new(HttpMethod.Post, "/api/v1/sales")
    {
        Headers = { { "Idempotency-Key", key } },
        Content = JsonContent.Create(new { distributorId = seller, lines = new[] { new { sku = Sku, quantity = 1 } } }),
    };

    /// <summary>How many requests of <paramref name="path"/> each instance's log shows.</summary>
    private int[] Served(string path) => [.. Enumerable.Range(1, LocalCluster.Instances).Select(i => cluster.LogOf(i).Split('\n').Count(l => l.Contains($" {path}", StringComparison.Ordinal) && l.Contains("HTTP ", StringComparison.Ordinal)))];

    [Fact]
    public async Task A_login_its_forms_a_sale_and_a_refund_work_whichever_instance_answers()
    {
        using var api = cluster.Api();
        var (sponsor, seller) = await SellerUnderSponsorAsync(api);

        var sale = await api.SendAsync(Sale(seller, $"journey-{seller}"));
        Assert.Equal(HttpStatusCode.Created, sale.StatusCode);
        var saleId = (await sale.Content.ReadFromJsonAsync<JsonElement>()).Id();
        Assert.Equal((1.00m, 0.50m), (await BalanceAsync(api, seller), await BalanceAsync(api, sponsor)));
        var refund = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sales/{saleId}/refund") { Headers = { { "Idempotency-Key", $"refund-{saleId}" } } };
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(refund)).StatusCode);
        Assert.Equal((0m, 0m), (await BalanceAsync(api, seller), await BalanceAsync(api, sponsor)));

        // The login form's antiforgery token and the cookie, each made by one instance, are taken by the other.
        using var admin = await cluster.AdminAsync();
        for (var i = 0; i < 6; i++)
        {
            var page = await admin.GetAsync($"/Admin/Distributors/Details/{seller}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains($"Seller", await page.TextAsync());
        }

        var status = await admin.PostFormAsync($"/Admin/Distributors/Details/{seller}?handler=Status", new() { ["StatusForm.Status"] = "Inactive", ["StatusForm.Reason"] = "Cluster test" }, $"/Admin/Distributors/Details/{seller}");
        Assert.Equal(HttpStatusCode.Redirect, status.StatusCode);
        Assert.Equal("Inactive", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/distributors/{seller}")).GetProperty("status").GetString());
        Assert.All(Served($"/Admin/Distributors/Details/{seller}"), count => Assert.True(count > 0, "each instance served the admin's pages"));
    }

    [Fact]
    public async Task An_import_shows_its_progress_and_result_from_every_instance()
    {
        using var api = cluster.Api();
        var (_, seller) = await SellerUnderSponsorAsync(api);
        using var admin = await cluster.AdminAsync();
        var csv = "order_id,distributor_id,sku,quantity\n" + string.Concat(Enumerable.Range(1, 50).Select(i => $"C{seller}-{i},{seller},{Sku},1\n"));

        var upload = await admin.UploadAsync("/Admin/Import", "Upload", "cluster.csv", csv);
        var id = System.Web.HttpUtility.ParseQueryString(new Uri(cluster.Proxy, upload.Headers.Location!).Query)["import"];
        var status = await SaleImportTests.FinishedAsync(admin, upload);

        Assert.Equal("Imported", status.GetProperty("state").GetString());
        Assert.Equal(50m * 1.00m, await BalanceAsync(api, seller));
        for (var i = 0; i < 4; i++)
        {
            var again = await admin.GetFromJsonAsync<JsonElement>($"/Admin/Import?handler=Status&import={id}");
            Assert.Equal("Imported", again.GetProperty("state").GetString());
            Assert.Contains("cluster.csv", await (await admin.GetAsync("/Admin/Import")).TextAsync());
        }

        Assert.All(Served("/Admin/Import"), count => Assert.True(count > 0, "each instance answered for the import"));
    }

    [Fact]
    public async Task Killing_an_instance_in_a_burst_of_sales_loses_none_and_posts_none_twice()
    {
        using var api = cluster.Api();
        var (sponsor, seller) = await SellerUnderSponsorAsync(api);
        const int Clients = 8, SalesEach = 30;
        var retries = 0;
        var answered = new ConcurrentBag<HttpStatusCode>();
        var done = 0;

        async Task ClientAsync(int client)
        {
            using var http = cluster.Api();
            for (var s = 0; s < SalesEach; s++)
            {
                var key = $"burst-{seller}-{client}-{s}";
                for (var attempt = 0; ; attempt++)
                {
                    Assert.True(attempt < 100, $"sale {key} never got through");
                    try
                    {
                        var response = await http.SendAsync(Sale(seller, key));
                        if (response.IsSuccessStatusCode)
                        {
                            answered.Add(response.StatusCode);
                            Interlocked.Increment(ref done);
                            break;
                        }

                        Assert.True((int)response.StatusCode >= 500, $"sale {key}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                    catch (HttpRequestException)
                    {
                    }

                    Interlocked.Increment(ref retries);
                    await Task.Delay(100);
                }
            }
        }

        var burst = Task.WhenAll(Enumerable.Range(0, Clients).Select(ClientAsync));
        while (Volatile.Read(ref done) < Clients * SalesEach / 4)
        {
            await Task.Delay(10);
        }

        var killedAt = Volatile.Read(ref done);
        await cluster.KillInstanceAsync(1);
        await burst;
        await cluster.StartInstanceAsync(1);

        const int Total = Clients * SalesEach;
        output.WriteLine($"Instance 1 killed after {killedAt} of {Total} sales; {retries} requests were retried; {answered.Count(s => s == HttpStatusCode.OK)} answers were replays.");
        Assert.True(killedAt < Total, "the instance was killed in the middle of the burst");
        Assert.Equal(Total, answered.Count);
        var (sales, keys) = (
            await LocalCluster.ScalarAsync<long>(cluster.Primary, $"SELECT count(*) FROM sales WHERE distributor_id = {seller}"),
            await LocalCluster.ScalarAsync<long>(cluster.Primary, $"SELECT count(DISTINCT idempotency_key) FROM sales WHERE distributor_id = {seller}"));
        Assert.Equal((Total, Total), (sales, keys));
        Assert.Equal((Total * 1.00m, Total * 0.50m), (await BalanceAsync(api, seller), await BalanceAsync(api, sponsor)));
    }

    [Fact]
    public async Task The_read_pages_read_the_streaming_replica_and_say_so()
    {
        using var api = cluster.Api();
        var (_, seller) = await SellerUnderSponsorAsync(api);
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(Sale(seller, $"replica-{seller}"))).StatusCode);
        var written = await LocalCluster.ScalarAsync<string>(cluster.Primary, "SELECT pg_current_wal_lsn()::text");
        var caughtUp = false;
        for (var i = 0; i < 100 && !caughtUp; i++)
        {
            caughtUp = await LocalCluster.ScalarAsync<bool>(cluster.Replica, $"SELECT pg_last_wal_replay_lsn() >= '{written}'::pg_lsn");
            await Task.Delay(caughtUp ? 0 : 50);
        }

        Assert.True(caughtUp, "the replica replays the primary's writes");
        Assert.True(await LocalCluster.ScalarAsync<bool>(cluster.Replica, "SELECT pg_is_in_recovery()"));

        var upline = await api.GetFromJsonAsync<List<JsonElement>>($"/api/v1/distributors/{seller}/upline");
        using var admin = await cluster.AdminAsync();
        var finance = await (await admin.GetAsync("/Admin/Reports/Finance")).TextAsync();

        Assert.Equal(2, upline!.Count);
        Assert.Contains("can be a few seconds behind", finance);
        Assert.True(
            await LocalCluster.ScalarAsync<long>(cluster.Replica, $"SELECT count(*) FROM pg_stat_activity WHERE application_name = 'mlmnetwork-reads' AND datname = '{cluster.Database}'") > 0,
            "the instances hold read connections on the replica");
    }

    [Fact]
    public async Task A_replica_that_stops_replaying_is_left_for_the_primary_and_read_again_once_it_has_caught_up()
    {
        using var admin = await cluster.AdminAsync();
        async Task<bool> ReadsReplicaAsync() => (await (await admin.GetAsync("/Admin/Reports/Finance")).TextAsync()).Contains("can be a few seconds behind", StringComparison.Ordinal);
        async Task<bool> WithinAsync(Func<Task<bool>> reached, bool wanted)
        {
            for (var i = 0; i < 100; i++)
            {
                // Both instances answer in turn: the state holds for several requests in a row.
                if (await reached() == wanted && await reached() == wanted && await reached() == wanted)
                {
                    return true;
                }

                await Task.Delay(200);
            }

            return false;
        }

        Assert.True(await WithinAsync(ReadsReplicaAsync, true), "the pages read the replica while it keeps up");
        Assert.True(await LocalCluster.ScalarAsync<bool>(cluster.Replica, "SELECT true FROM (SELECT pg_wal_replay_pause()) paused"));
        try
        {
            // The primary moves on (a sale), the replica does not replay it: after the 2 s this cluster allows, the pages read the primary.
            using var api = cluster.Api();
            var (_, seller) = await SellerUnderSponsorAsync(api);
            Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(Sale(seller, $"paused-{seller}"))).StatusCode);

            Assert.True(await WithinAsync(ReadsReplicaAsync, false), "the pages leave a replica more than 2 s behind");
            // An instance that starts now has seen none of the positions the replica is behind: it does not take it for one that keeps up.
            var fresh = new MlmNetwork.Infrastructure.ReplicaLag(cluster.Primary, cluster.Replica, TimeSpan.FromMinutes(10));
            Assert.False(await fresh.SampleAsync(CancellationToken.None));
            Assert.True(fresh.Answered);
            Assert.Null(fresh.Last);
            var upline = await api.GetFromJsonAsync<List<JsonElement>>($"/api/v1/distributors/{seller}/upline");
            Assert.Equal(2, upline!.Count);
        }
        finally
        {
            await LocalCluster.ScalarAsync<bool>(cluster.Replica, "SELECT true FROM (SELECT pg_wal_replay_resume()) resumed");
        }

        Assert.True(await WithinAsync(ReadsReplicaAsync, true), "the pages read the replica again once it has caught up");
    }
}
