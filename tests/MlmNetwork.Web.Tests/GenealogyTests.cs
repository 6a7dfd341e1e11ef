using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MlmNetwork.Web.Tests;

public class GenealogyTests(MlmAppFactory app) : AppTest(app)
{
    [Fact]
    public async Task The_genealogy_shows_three_levels_biggest_teams_first_and_nothing_deeper()
    {
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Gina Genealogy", "gina@example.com");
        var small = await App.CreateDistributorAsync("Small Team", "small@example.com", me.Code());
        var big = await App.CreateDistributorAsync("Big Team", "big@example.com", me.Code());
        var level2 = await App.CreateDistributorAsync("Second Level", "second@example.com", big.Code());
        await App.CreateDistributorAsync("Another Second", "another@example.com", big.Code());
        var level3 = await App.CreateDistributorAsync("Third Level", "third@example.com", level2.Code());
        await App.CreateDistributorAsync("Fourth Level", "fourth@example.com", level3.Code());

        var page = await (await browser.GetAsync("/Genealogy")).TextAsync();

        Assert.Contains("data-testid=\"team-size\">6<", page);
        Assert.True(page.IndexOf("Big Team", StringComparison.Ordinal) < page.IndexOf("Small Team", StringComparison.Ordinal), "biggest team first");
        Assert.Contains("Second Level", page);
        Assert.Contains("Third Level", page);
        Assert.DoesNotContain("Fourth Level", page);
        Assert.NotEqual(0, small.Id());
    }

    [Fact]
    public async Task Each_sponsor_gets_only_their_biggest_teams_in_order_with_the_earliest_first_on_ties()
    {
        var first = await App.CreateDistributorAsync("First Sponsor", "first@example.com", null);
        var second = await App.CreateDistributorAsync("Second Sponsor", "second@example.com", null);
        var recruits = new List<JsonElement>();
        for (var i = 0; i < 6; i++)
        {
            recruits.Add(await App.CreateDistributorAsync($"Recruit {i}", $"recruit{i}@example.com", first.Code()));
        }

        // Team sizes: recruit 4 has 2, recruits 1 and 3 have 1 each, the rest none.
        await App.CreateDistributorAsync("Under 4a", "u4a@example.com", recruits[4].Code());
        await App.CreateDistributorAsync("Under 4b", "u4b@example.com", recruits[4].Code());
        await App.CreateDistributorAsync("Under 3", "u3@example.com", recruits[3].Code());
        await App.CreateDistributorAsync("Under 1", "u1@example.com", recruits[1].Code());
        var only = await App.CreateDistributorAsync("Only Recruit", "only@example.com", second.Code());

        var top = await App.WithDbAsync(db => MlmNetwork.Infrastructure.Network.NetworkSql.TopRecruitsAsync(db, [first.Id(), second.Id()], 3, CancellationToken.None));

        Assert.Equal(
            [(first.Id(), recruits[4].Id(), 2L), (first.Id(), recruits[1].Id(), 1L), (first.Id(), recruits[3].Id(), 1L), (second.Id(), only.Id(), 0L)],
            top.Select(r => (r.SponsorId, r.Id, r.DownlineCount)));
    }

    [Fact]
    public async Task The_upline_of_a_deep_chain_comes_back_whole_nearest_first()
    {
        var chain = await App.CreateChainAsync(40);
        using var api = App.CreateApiClient();

        var upline = await api.GetFromJsonAsync<JsonElement>($"/api/v1/distributors/{chain[^1].Id()}/upline");

        var ids = upline.EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(40, ids.Count); // 39 ancestors and the house
        Assert.Equal([.. chain.Take(39).Select(c => c.Id()).Reverse()], ids.Take(39));
        Assert.True(upline.EnumerateArray().Last().GetProperty("isHouse").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/distributors/999999/upline")).StatusCode);
    }
}

public class ReferralQrTests(MlmAppFactory app) : AppTest(app)
{
    [Fact]
    public async Task The_referral_qr_code_is_an_svg_kept_private_without_a_public_base_url_and_a_bad_code_is_404()
    {
        var d = await App.CreateDistributorAsync("Quinn QR", "quinn@example.com", null);
        var client = App.CreateClient();

        var svg = await client.GetAsync($"/qr/{d.Code()}.svg");
        var bad = await client.GetAsync("/qr/not-a-code.svg");

        Assert.Equal(System.Net.HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", (await svg.Content.ReadAsStringAsync()).TrimStart(), StringComparison.Ordinal);
        Assert.True(svg.Headers.CacheControl?.Private, svg.Headers.CacheControl?.ToString());
        Assert.False(svg.Headers.CacheControl?.Public);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, bad.StatusCode);
    }
}
