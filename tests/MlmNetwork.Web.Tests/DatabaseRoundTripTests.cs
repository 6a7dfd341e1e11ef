using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;

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
    public async Task The_dashboard_s_statements_are_planned_once_per_connection_not_on_every_request()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var (_, me) = await App.SignUpThroughReferralAsync(null, "Gene Ric", "gene@example.com");
        Assert.Equal(HttpStatusCode.Created, (await App.PostSaleAsync(me.Id(), "sale-1", ("A", 1))).StatusCode);

        var plans = await App.WithDbAsync(async db =>
        {
            // One connection, as a pooled connection serves request after request: the app's
            // connections prepare a statement on its third use; PostgreSQL plans a prepared
            // statement for its first five runs, then keeps one generic plan if it costs no more.
            await db.Database.OpenConnectionAsync();
            for (var run = 0; run < 8; run++)
            {
                await DashboardQuery.LoadAsync(db, me.Id(), Period.Of(App.Clock.UtcNow), CancellationToken.None);
            }

            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements";
            var found = new List<(string Sql, long Generic, long Custom)>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                found.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
            }

            return found;
        });

        // The newest lines read every month's partition of the ledger: planning them on every
        // request was most of the dashboard's time at 1,000,000 (docs/PERFORMANCE.md).
        foreach (var newest in new[] { "FROM commission_lines WHERE beneficiary_id", "FROM distributors WHERE sponsor_id" })
        {
            var statement = Assert.Single(plans, p => p.Sql.Contains(newest, StringComparison.Ordinal));
            Assert.True(statement.Generic > 0, $"Planned on every run ({statement.Custom} custom plans, no generic one): {statement.Sql}");
            // On a test's few rows PostgreSQL takes the generic plan either way; on the leader's
            // hundreds of thousands of lines it never does while the limit is a parameter
            // (measured with PREPARE on the benchmark's database), so the limit is in the text.
            Assert.Matches(@"LIMIT \d+\s*$", statement.Sql);
        }

        // The open month's sum of lines: planned for any month it costs as much as every
        // partition, and the generic plan started two parallel workers on each request at
        // 1,000,000; with the month's key in its text only that month's partition is planned.
        var monthSum = Assert.Single(plans, p => p.Sql.Contains("SUM(l.amount_cents)", StringComparison.Ordinal));
        Assert.True(monthSum.Generic > 0, $"Planned on every run: {monthSum.Sql}");
        Assert.Contains($"l.period_key = {Period.Of(App.Clock.UtcNow).Key}", monthSum.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tree_s_rows_are_vacuumed_after_one_percent_of_them_died_not_twenty()
    {
        // Sign-ups rewrite every ancestor's counters (never a HOT update: the counter is indexed),
        // and the dead versions slowed a leader's newest recruits tenfold at 1,000,000 (docs/SCALING.md).
        var options = await App.WithDbAsync(db => RawSql.QueryAsync(
            db, "SELECT unnest(reloptions) FROM pg_class WHERE oid = 'distributors'::regclass", r => r.GetString(0), CancellationToken.None));

        Assert.Contains("autovacuum_vacuum_scale_factor=0.01", options);
        Assert.Contains("autovacuum_vacuum_threshold=1000", options);
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
