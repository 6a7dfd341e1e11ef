using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// How many database commands (round trips) the hot requests make, counted from Npgsql's own
/// tracing (the "Npgsql" activity source) within the request's trace: a figure no machine's
/// noise moves, kept from growing back. Connection opens are not commands and are not counted.
/// </summary>
public sealed class DatabaseRoundTripTests(MlmAppFactory app) : AppTest(app)
{
    private static async Task<IReadOnlyList<string>> CommandsOfAsync(HttpClient client, HttpRequestMessage request, HttpStatusCode expected)
    {
        var trace = ActivityTraceId.CreateRandom();
        var commands = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql" && activity.TraceId == trace && activity.Kind == ActivityKind.Client
                    && (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) is string sql)
                {
                    commands.Enqueue(sql);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");

        var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        return [.. commands];
    }

    [Fact]
    public async Task A_distributor_page_reads_the_session_terms_and_bell_in_one_command_and_the_dashboard_in_one_more()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Rhea Roundtrip", "rhea@example.com");
        Assert.Equal(HttpStatusCode.Created, (await App.PostSaleAsync(me.Id(), "sale-1", ("A", 1))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Dashboard")).StatusCode);

        var commands = await CommandsOfAsync(browser, new HttpRequestMessage(HttpMethod.Get, "/Dashboard"), HttpStatusCode.OK);

        Assert.True(commands.Count == 2, $"The dashboard ran {commands.Count} commands:\n{string.Join("\n---\n", commands)}");
        Assert.Contains("security_stamp", commands[0], StringComparison.Ordinal);
        Assert.Contains("terms_acceptances", commands[0], StringComparison.Ordinal);
        Assert.Contains("notifications", commands[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sale_through_the_api_is_posted_in_at_most_eight_commands()
    {
        await App.SetPlanAsync(10m, 5m, 3m);
        await App.CreateProductAsync("A", 100m);
        var chain = await App.CreateChainAsync(3);
        Assert.Equal(HttpStatusCode.Created, (await App.PostSaleAsync(chain[2].Id(), "warm-up", ("A", 1))).StatusCode);
        using var api = App.CreateApiClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales")
        {
            Content = JsonContent.Create(new { distributorId = chain[2].Id(), lines = new[] { new { sku = "A", quantity = 2 } } }),
        };
        request.Headers.Add("Idempotency-Key", "counted");

        var commands = await CommandsOfAsync(api, request, HttpStatusCode.Created);

        // The API key, the plan with the dating rules, the products, the upline, the sale, its
        // lines, its notification, the counters (the commit follows); no savepoints.
        Assert.True(commands.Count <= 8, $"The sale ran {commands.Count} commands:\n{string.Join("\n---\n", commands)}");
        // The context went back to the pool as it came: the next user of it gets EF's savepoints again.
        Assert.True(await App.WithDbAsync(db => Task.FromResult(db.Database.AutoSavepointsEnabled)));
    }
}
