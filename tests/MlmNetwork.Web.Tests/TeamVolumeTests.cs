using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

public class TeamVolumeTests(MlmAppFactory app) : AppTest(app)
{
    private Task<Dictionary<long, (int Sales, long Cents)>> TeamCountersAsync() =>
        App.WithDbAsync(db => db.DistributorMonthStats.AsNoTracking()
            .ToDictionaryAsync(s => s.DistributorId, s => (s.TeamSalesCount, s.TeamVolume.Cents)));

    [Fact]
    public async Task A_sale_reaches_the_team_counters_of_the_whole_upline_and_a_refund_takes_it_back()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m, 80m);
        var chain = await App.CreateChainAsync(6);
        var sale = await (await App.PostSaleAsync(chain[5].Id(), "deep-sale", ("A", 2))).Content.ReadFromJsonAsync<JsonElement>();

        // The seller's own figures are written with the sale.
        var own = await App.WithDbAsync(db => db.DistributorMonthStats.AsNoTracking().SingleAsync(s => s.DistributorId == chain[5].Id()));
        Assert.Equal((1, 16000L, 20000L), (own.PersonalSalesCount, own.PersonalVolume.Cents, own.PersonalSalesTotal.Cents));

        await App.RollUpTeamVolumeAsync();
        var team = await TeamCountersAsync();
        // Five ancestors (more than the plan's one paid level): every one counts the sale; the seller and the house do not.
        Assert.All(chain.Take(5), member => Assert.Equal((1, 16000L), team[member.Id()]));
        Assert.Equal((0, 0L), team[chain[5].Id()]);
        Assert.Equal(6, team.Count);
        Assert.Equal(0, await App.WithDbAsync(db => db.TeamVolumeQueue.CountAsync()));

        Assert.Equal(HttpStatusCode.OK, (await App.RefundAsync(sale.GetProperty("id").GetInt64(), "deep-refund")).StatusCode);
        await App.RollUpTeamVolumeAsync();
        team = await TeamCountersAsync();
        Assert.All(chain.Take(5), member => Assert.Equal((0, 0L), team[member.Id()]));
    }

    [Fact]
    public async Task Rollups_running_side_by_side_apply_every_entry_exactly_once()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 10m);
        var chain = await App.CreateChainAsync(4);
        // 120 sales spread over the chain, posted in parallel, then rolled up by four drains at once
        // (the app's own background rollup runs alongside them too).
        var posts = Enumerable.Range(0, 120).Select(i => App.PostSaleAsync(chain[1 + i % 3].Id(), $"side-{i}", ("A", 1 + i % 2)));
        Assert.All(await Task.WhenAll(posts), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => App.RollUpTeamVolumeAsync()));
        Assert.InRange(applied.Sum(), 0, 120);
        await App.RollUpTeamVolumeAsync();
        var team = await TeamCountersAsync();
        // chain[1], chain[2], chain[3] sold 40 each, half of quantity 1 and half of 2: 40 x 15.00 = 600.00 each.
        Assert.Equal((120, 180000L), team[chain[0].Id()]);
        Assert.Equal((80, 120000L), team[chain[1].Id()]);
        Assert.Equal((40, 60000L), team[chain[2].Id()]);
        Assert.Equal((0, 0L), team[chain[3].Id()]);
        Assert.Equal(0, await App.WithDbAsync(db => db.TeamVolumeQueue.CountAsync()));
    }

    [Fact]
    public async Task The_app_rolls_team_volume_up_by_itself_within_a_moment()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 25m);
        var chain = await App.CreateChainAsync(2);
        Assert.Equal(HttpStatusCode.Created, (await App.PostSaleAsync(chain[1].Id(), "background", ("A", 1))).StatusCode);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        var team = await TeamCountersAsync();
        while (team.GetValueOrDefault(chain[0].Id()) != (1, 2500L) && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
            team = await TeamCountersAsync();
        }

        Assert.Equal((1, 2500L), team[chain[0].Id()]);
    }
}
