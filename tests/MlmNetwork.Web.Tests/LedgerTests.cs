using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Web.Tests;

public class RefundTests(MlmAppFactory app) : AppTest(app)
{
    private async Task<(List<JsonElement> Chain, long SaleId)> ChainWithSaleAsync()
    {
        await App.SetPlanAsync(10m, 5m, 3m);
        await App.CreateProductAsync("A", 100m);
        var chain = await App.CreateChainAsync(3);
        var sale = await (await App.PostSaleAsync(chain[2].Id(), "sale", ("A", 1))).Content.ReadFromJsonAsync<JsonElement>();
        return (chain, sale.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_refund_reverses_every_line_and_the_sale_nets_to_zero_for_everybody()
    {
        var (chain, saleId) = await ChainWithSaleAsync();

        var response = await App.RefundAsync(saleId, "refund-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var reversals = body.GetProperty("reversals").EnumerateArray().Select(l => (l.GetProperty("beneficiaryId").GetInt64(), l.GetProperty("amount").GetDecimal(), l.GetProperty("kind").GetString())).ToList();
        Assert.Equal([(chain[2].Id(), -10.00m, "Reversal"), (chain[1].Id(), -5.00m, "Reversal"), (chain[0].Id(), -3.00m, "Reversal")], reversals);
        foreach (var member in chain)
        {
            Assert.Equal(0m, await App.BalanceOfAsync(member.Id()));
        }

        var stats = await App.WithDbAsync(db => db.DistributorMonthStats.SingleAsync(s => s.DistributorId == chain[2].Id()));
        Assert.Equal((0, 0L), (stats.PersonalSalesCount, stats.PersonalVolume.Cents));
    }

    [Fact]
    public async Task The_same_refund_key_replays_another_key_is_a_conflict_and_an_unknown_sale_is_404()
    {
        var (_, saleId) = await ChainWithSaleAsync();

        var first = await App.RefundAsync(saleId, "refund-1");
        var replay = await App.RefundAsync(saleId, "refund-1");
        var second = await App.RefundAsync(saleId, "refund-2");
        var unknown = await App.RefundAsync(999_999, "refund-3");
        var keyOfAnotherSale = await App.RefundAsync(999_999, "refund-1");
        using var api = App.CreateApiClient();
        var noKey = await api.PostAsync($"/api/v1/sales/{saleId}/refund", null);

        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, keyOfAnotherSale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Equal(3, await App.WithDbAsync(db => db.CommissionLines.CountAsync(l => l.Kind == CommissionLineKind.Reversal)));
    }

    [Fact]
    public async Task Parallel_refunds_of_one_sale_reverse_it_once()
    {
        var (chain, saleId) = await ChainWithSaleAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => App.RefundAsync(saleId, $"parallel-{i % 2}")));

        Assert.Equal(3, await App.WithDbAsync(db => db.CommissionLines.CountAsync(l => l.Kind == CommissionLineKind.Reversal)));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Equal(0m, await App.BalanceOfAsync(chain[0].Id()));
    }

    [Fact]
    public async Task Admins_review_a_partial_refund_then_refund_the_rest_from_the_sales_page()
    {
        await App.SetPlanAsync(10m, 5m, 3m);
        await App.CreateProductAsync("A", 33.33m);
        await App.CreateProductAsync("B", 10m);
        var chain = await App.CreateChainAsync(3);
        var sale = await (await App.PostSaleAsync(chain[2].Id(), "sale", ("A", 3), ("B", 1))).Content.ReadFromJsonAsync<JsonElement>();
        var saleId = sale.GetProperty("id").GetInt64();
        var admin = await App.LoginAsAdminAsync();
        var page = $"/Admin/Sales/Details/{saleId}";

        var review = await (await admin.PostFormAsync($"{page}?handler=Review", new() { ["Quantities[A]"] = "1", ["Quantities[B]"] = "0", ["Reason"] = "one jar broken" }, page)).TextAsync();
        Assert.Contains("data-testid=\"review-total\">33.33<", review);
        Assert.Contains("-3.33<", review); // 10% of 33.33 = 3.333, rounded
        Assert.Contains("-1.67<", review); // 5% of 33.33 = 1.6665, rounded half away from zero
        Assert.Equal(0, await App.WithDbAsync(db => db.CommissionLines.CountAsync(l => l.Kind == CommissionLineKind.Reversal))); // reviewing writes nothing

        var tooMany = await (await admin.PostFormAsync($"{page}?handler=Review", new() { ["Quantities[A]"] = "4" }, page)).TextAsync();
        Assert.Contains("Refund 1 to 3 of A", tooMany);
        var partial = await admin.PostFormAsync($"{page}?handler=Refund", new() { ["refundKey"] = "k1", ["Quantities[A]"] = "1", ["Reason"] = "one jar broken" }, page);
        Assert.Equal(HttpStatusCode.Redirect, partial.StatusCode);
        Assert.Equal(7.67m, await App.BalanceOfAsync(chain[2].Id())); // 10% of 109.99 = 11.00 earned, 3.33 reversed

        var rest = await admin.PostFormAsync($"{page}?handler=Refund", new() { ["refundKey"] = "k2", ["Quantities[A]"] = "2", ["Quantities[B]"] = "1" }, page);
        Assert.Equal(HttpStatusCode.Redirect, rest.StatusCode);
        var shown = await (await admin.GetAsync(page)).TextAsync();
        Assert.Contains("data-testid=\"refunded\"", shown);
        foreach (var member in chain)
        {
            Assert.Equal(0m, await App.BalanceOfAsync(member.Id()));
        }

        Assert.Contains("The ledger holds: no breach.", await (await admin.PostFormAsync("/Admin/Ledger", [])).TextAsync());
    }
}

public class StatusAndMoveTests(MlmAppFactory app) : AppTest(app)
{
    [Fact]
    public async Task Without_compression_an_inactive_ancestor_uses_up_the_level()
    {
        await App.SetPlanAsync(10m, 5m, 3m);
        await App.CreateProductAsync("A", 100m);
        var chain = await App.CreateChainAsync(3);
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(chain[1].Id(), "Inactive", "on leave")).StatusCode);

        var sale = await (await App.PostSaleAsync(chain[2].Id(), "s", ("A", 1))).Content.ReadFromJsonAsync<JsonElement>();

        var paid = sale.GetProperty("commissions").EnumerateArray().Select(c => (c.GetProperty("beneficiaryId").GetInt64(), c.GetProperty("level").GetInt32(), c.GetProperty("amount").GetDecimal()));
        Assert.Equal([(chain[2].Id(), 0, 10.00m), (chain[0].Id(), 2, 3.00m)], paid);
    }

    [Fact]
    public async Task With_compression_an_inactive_ancestor_is_skipped_and_the_line_explains_it()
    {
        using var api = App.CreateApiClient();
        await api.PutAsJsonAsync("/api/v1/commission-plan", new { personalPercent = 10m, levels = new[] { 5m, 3m }, compression = true });
        await App.CreateProductAsync("A", 100m);
        var chain = await App.CreateChainAsync(4);
        await App.SetStatusAsync(chain[2].Id(), "Inactive");

        var sale = await (await App.PostSaleAsync(chain[3].Id(), "s", ("A", 1))).Content.ReadFromJsonAsync<JsonElement>();

        var paid = sale.GetProperty("commissions").EnumerateArray().Select(c => (c.GetProperty("beneficiaryId").GetInt64(), c.GetProperty("level").GetInt32(), c.GetProperty("amount").GetDecimal())).ToList();
        Assert.Equal([(chain[3].Id(), 0, 10.00m), (chain[1].Id(), 1, 5.00m), (chain[0].Id(), 2, 3.00m)], paid);
        var lineId = await App.WithDbAsync(db => db.CommissionLines.Where(l => l.BeneficiaryId == chain[1].Id()).Select(l => l.Id).SingleAsync());
        var admin = await App.LoginAsAdminAsync();
        var explanation = await (await admin.GetAsync($"/Lines/{lineId}")).TextAsync();
        Assert.Contains("base €100.00 × 5\u00a0% = 5, rounded to the cent (half away from zero) = <strong>€5.00</strong>", explanation);
        Assert.Contains("Compression moved you up: 1 member(s)", explanation);
        Assert.Contains("not Active: skipped by compression", explanation);
    }

    [Fact]
    public async Task A_terminated_distributor_cannot_sell_cannot_log_in_and_their_session_ends_at_once()
    {
        await App.CreateProductAsync("A", 10m);
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Tom Terminated", "tom@example.com");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Dashboard")).StatusCode);

        var terminated = await App.SetStatusAsync(me.Id(), "Terminated", "policy breach");

        Assert.Equal("Terminated", (await terminated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Dashboard")).StatusCode);
        var login = await App.CreateBrowser().PostFormAsync("/Account/Login", new() { ["Input.Email"] = "tom@example.com", ["Input.Password"] = MlmAppFactory.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("This account has been closed.", await login.TextAsync());
        var sale = await App.PostSaleAsync(me.Id(), "after", ("A", 1));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, sale.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await App.SetStatusAsync(me.Id(), "Active")).StatusCode);
        var audit = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "distributor.status").Select(a => a.Details).ToListAsync());
        Assert.Contains("Active -> Terminated: policy breach", audit);
    }

    [Theory]
    [InlineData("{\"status\":\"Gone\"}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"status\":\"7\"}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"status\":5}", HttpStatusCode.BadRequest)]
    public async Task A_bad_status_is_refused(string json, HttpStatusCode expected)
    {
        var d = await App.CreateDistributorAsync("D", "d@example.com", null);
        using var api = App.CreateApiClient();

        var response = await api.PutAsync($"/api/v1/distributors/{d.Id()}/status", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("Active", (await App.GetDistributorAsync(d.Id())).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await App.SetStatusAsync(999_999, "Inactive")).StatusCode);
    }

    [Fact]
    public async Task A_move_that_would_create_a_cycle_is_refused()
    {
        var chain = await App.CreateChainAsync(3);
        var admin = await App.LoginAsAdminAsync();

        var response = await admin.PostFormAsync($"/Admin/Distributors/Details/{chain[0].Id()}?handler=Move", new() { ["MoveForm.SponsorCode"] = chain[2].Code(), ["MoveForm.Reason"] = "test" }, $"/Admin/Distributors/Details/{chain[0].Id()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("cycle", await response.TextAsync());
        Assert.Equal(chain[0].GetProperty("sponsorId").GetInt64(), (await App.GetDistributorAsync(chain[0].Id())).GetProperty("sponsorId").GetInt64());
    }

    [Fact]
    public async Task A_move_keeps_posted_lines_and_the_next_sales_follow_the_new_upline()
    {
        await App.SetPlanAsync(10m, 5m, 3m);
        await App.CreateProductAsync("A", 100m);
        var left = await App.CreateChainAsync(2, "left");
        var right = await App.CreateDistributorAsync("Right", "right@example.com", null);
        var mover = await App.CreateDistributorAsync("Mover", "mover@example.com", left[1].Code());
        var below = await App.CreateDistributorAsync("Below", "below@example.com", mover.Code());
        await App.PostSaleAsync(below.Id(), "before", ("A", 1));
        var admin = await App.LoginAsAdminAsync();

        var response = await admin.PostFormAsync($"/Admin/Distributors/Details/{mover.Id()}?handler=Move", new() { ["MoveForm.SponsorCode"] = right.Code(), ["MoveForm.Reason"] = "team change" }, $"/Admin/Distributors/Details/{mover.Id()}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await App.PostSaleAsync(below.Id(), "after", ("A", 1));

        // Before: below > mover(5) > left1(3). After: below > mover(5) > right(3).
        Assert.Equal(3.00m, await App.BalanceOfAsync(left[1].Id()));
        Assert.Equal(3.00m, await App.BalanceOfAsync(right.Id()));
        Assert.Equal(10.00m, await App.BalanceOfAsync(mover.Id()));
        var counts = await App.WithDbAsync(db => db.Distributors.ToDictionaryAsync(d => d.Id, d => (d.DownlineCount, d.DirectRecruitCount, d.Depth)));
        Assert.Equal(1L, counts[left[0].Id()].DownlineCount);
        Assert.Equal(0L, counts[left[1].Id()].DownlineCount);
        Assert.Equal(0, counts[left[1].Id()].DirectRecruitCount);
        Assert.Equal((2L, 1, 1), counts[right.Id()]);
        Assert.Equal(2, counts[mover.Id()].Depth);
        Assert.Equal(3, counts[below.Id()].Depth);
        Assert.Contains("team change", string.Join(" ", await App.WithDbAsync(db => db.AuditEntries.Select(a => a.Details).ToListAsync())));
    }
}
