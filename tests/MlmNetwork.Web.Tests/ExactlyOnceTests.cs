using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

/// <summary>Exactly once under concurrency and faults, on the app's real PostgreSQL.</summary>
public class ExactlyOnceTests(MlmAppFactory app) : AppTest(app)
{
    [Fact]
    public async Task Sixty_distinct_sales_in_parallel_on_one_upline_leave_every_balance_exact_to_the_cent()
    {
        await App.SetPlanAsync(10m, 5m, 3m, 2m);
        await App.CreateProductAsync("A", 33.33m);
        var chain = await App.CreateChainAsync(5);
        var sellers = new[] { chain[4], chain[3] };

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => App.PostSaleAsync(sellers[i % 2].Id(), $"parallel-{i}", ("A", 1 + (i % 3)))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        // 20 sales each of quantity 1, 2, 3 (10 per seller per quantity): base per seller = 10 x (33.33 + 66.66 + 99.99) = 1999.80.
        // Each line is rounded on its own, so the expectation sums the rounded lines, not the rounded total.
        static decimal Share(decimal basis, decimal percent) => Math.Round(basis * percent / 100m, 2, MidpointRounding.AwayFromZero);
        decimal Earned(int distance) => new[] { 33.33m, 66.66m, 99.99m }.Sum(b => 10 * Share(b, distance switch { 0 => 10m, 1 => 5m, 2 => 3m, 3 => 2m, _ => 0m }));
        Assert.Equal(Earned(0), await App.BalanceOfAsync(chain[4].Id()));
        Assert.Equal(Earned(0) + Earned(1), await App.BalanceOfAsync(chain[3].Id()));
        Assert.Equal(Earned(1) + Earned(2), await App.BalanceOfAsync(chain[2].Id()));
        Assert.Equal(Earned(2) + Earned(3), await App.BalanceOfAsync(chain[1].Id()));
        Assert.Equal(Earned(3), await App.BalanceOfAsync(chain[0].Id()));
        await App.RollUpTeamVolumeAsync();
        var team = await App.WithDbAsync(db => db.DistributorMonthStats.SingleAsync(s => s.DistributorId == chain[0].Id()));
        Assert.Equal((60, 399960L), (team.TeamSalesCount, team.TeamVolume.Cents));
    }

    [Fact]
    public async Task A_connection_terminated_in_the_middle_of_posting_is_retried_and_posts_once()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var chain = await App.CreateChainAsync(2);
        App.Faults.TerminateBackendOnNext("INSERT INTO commission_lines");

        var response = await App.PostSaleAsync(chain[1].Id(), "fault-1", ("A", 1));

        Assert.Equal(1, App.Faults.Fired);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.Sales.CountAsync()));
        Assert.Equal(2, await App.WithDbAsync(db => db.CommissionLines.CountAsync()));
        Assert.Equal(10.00m, await App.BalanceOfAsync(chain[1].Id()));
        Assert.Equal(5.00m, await App.BalanceOfAsync(chain[0].Id()));
    }

    [Fact]
    public async Task A_commit_whose_answer_is_lost_is_retried_and_replays_instead_of_posting_twice()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var chain = await App.CreateChainAsync(2);
        App.Faults.LoseNextCommitAnswer();

        var response = await App.PostSaleAsync(chain[1].Id(), "lost-answer", ("A", 1));

        Assert.Equal(1, App.Faults.Fired);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.Sales.CountAsync()));
        Assert.Equal(10.00m, await App.BalanceOfAsync(chain[1].Id()));
        Assert.Equal(5.00m, await App.BalanceOfAsync(chain[0].Id()));
    }

    [Fact]
    public async Task A_refund_whose_connection_is_terminated_is_retried_and_reverses_once()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var chain = await App.CreateChainAsync(2);
        var sale = await (await App.PostSaleAsync(chain[1].Id(), "s", ("A", 1))).Content.ReadFromJsonAsync<JsonElement>();
        App.Faults.TerminateBackendOnNext("INSERT INTO commission_lines");

        var response = await App.RefundAsync(sale.GetProperty("id").GetInt64(), "refund-under-fault");

        Assert.Equal(1, App.Faults.Fired);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, await App.WithDbAsync(db => db.CommissionLines.CountAsync()));
        Assert.Equal(0m, await App.BalanceOfAsync(chain[0].Id()));
    }
}
