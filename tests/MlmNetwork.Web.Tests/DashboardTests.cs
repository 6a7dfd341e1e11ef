using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MlmNetwork.Web.Tests;

public partial class DashboardTests(MlmAppFactory app) : AppTest(app)
{
    [GeneratedRegex("href=\"/Lines/(\\d+)\"")]
    private static partial Regex LineLink();

    [Fact]
    public async Task The_dashboard_shows_counters_recruits_newest_lines_and_earnings_by_level_and_month()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var (sponsorBrowser, sponsor) = await App.SignUpThroughReferralAsync(null, "Sam Sponsor", "sam@example.com");
        var (_, first) = await App.SignUpThroughReferralAsync(sponsor.Code(), "Fay First", "fay@example.com");
        var (_, second) = await App.SignUpThroughReferralAsync(sponsor.Code(), "Sid Second", "sid@example.com");
        await App.PostSaleAsync(sponsor.Id(), "own", ("A", 1));
        await App.PostSaleAsync(first.Id(), "first", ("A", 2));
        var refunded = await (await App.PostSaleAsync(second.Id(), "second", ("A", 1))).Content.ReadFromJsonAsync<JsonElement>();
        await App.RefundAsync(refunded.GetProperty("id").GetInt64(), "second-refund");
        await App.RollUpTeamVolumeAsync();

        var page = await (await sponsorBrowser.GetAsync("/Dashboard")).TextAsync();

        // Own 10.00 + 5% of 200.00 + 5% of 100.00 reversed = 20.00; the team's volume nets to 200.00 over 2 sales.
        Assert.Contains("data-testid=\"balance\">20.00<", page);
        Assert.Contains("data-testid=\"earned-this-month\">20.00<", page);
        Assert.Contains("data-testid=\"personal-sales\">100.00<", page);
        Assert.Contains("data-testid=\"team-volume\">200.00<", page);
        Assert.Contains("data-testid=\"downline-count\">2<", page);
        Assert.True(page.IndexOf("Sid Second", StringComparison.Ordinal) < page.IndexOf("Fay First", StringComparison.Ordinal), "newest recruit first");
        Assert.Contains("<tr><td>0 · my own sales</td><td class=\"num\">10.00</td><td class=\"num\">10.00</td></tr>", page);
        Assert.Contains("<tr><td>1</td><td class=\"num\">10.00</td><td class=\"num\">10.00</td></tr>", page);
        var lineIds = LineLink().Matches(page).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(4, lineIds.Count);
        Assert.Equal(lineIds.OrderDescending(), lineIds);
        Assert.Contains("class=\"num negative\"", page);
    }
}
