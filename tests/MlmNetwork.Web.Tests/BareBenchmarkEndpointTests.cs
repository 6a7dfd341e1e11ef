using System.Net;
using Microsoft.AspNetCore.Hosting;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// The benchmark's bare dashboard (issue 11): it answers anybody about anybody, so it must not
/// exist unless <c>Benchmark:BareEndpoints</c> is set; when set, it reads the dashboard's figures
/// and writes exactly the bytes asked for.
/// </summary>
public class BareBenchmarkEndpointTests(MlmAppFactory app) : AppTest(app)
{
    [Fact]
    public async Task The_bare_dashboard_does_not_exist_by_default()
    {
        var (_, me) = await App.SignUpThroughReferralAsync(null, "Bea Bare", "bea@example.com");
        using var anonymous = App.CreateClient();

        var response = await anonymous.GetAsync($"{BareBenchmarkEndpoints.DashboardPath}/{me.Id()}?bytes=9000");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("bare dashboard", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task When_the_benchmark_turns_it_on_it_reads_the_dashboard_figures_and_writes_the_bytes_asked_for()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var (_, me) = await App.SignUpThroughReferralAsync(null, "Bea Bare", "bea@example.com");
        await App.PostSaleAsync(me.Id(), "bare-own", ("A", 1));
        using var configured = App.WithWebHostBuilder(b => b.UseSetting(BareBenchmarkEndpoints.Setting, "true"));
        using var anonymous = configured.CreateClient();

        var response = await anonymous.GetAsync($"{BareBenchmarkEndpoints.DashboardPath}/{me.Id()}?bytes=9000");
        var body = await response.Content.ReadAsByteArrayAsync();
        var tooBig = await anonymous.GetAsync($"{BareBenchmarkEndpoints.DashboardPath}/{me.Id()}?bytes={int.MaxValue}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(9000, body.Length);
        // Own sale of 100.00 at 10%: the balance the dashboard's batch read is 10.00.
        Assert.StartsWith($"<!-- bare dashboard {me.Id()}: balance 1000, 1 months, 1 earnings, 0 recruits, 1 lines -->", System.Text.Encoding.UTF8.GetString(body));
        Assert.Equal(BareBenchmarkEndpoints.MaxBytes, (await tooBig.Content.ReadAsByteArrayAsync()).Length);
    }
}
