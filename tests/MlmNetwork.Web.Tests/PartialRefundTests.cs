using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Web.Tests;

public class PartialRefundTests(MlmAppFactory app) : AppTest(app)
{
    private async Task<(List<JsonElement> Chain, long SaleId)> SaleAsync()
    {
        await App.SetPlanAsync(10m, 5m, 3m);
        await App.CreateProductAsync("A", 33.33m);
        await App.CreateProductAsync("B", 10m);
        var chain = await App.CreateChainAsync(3);
        var sale = await (await App.PostSaleAsync(chain[2].Id(), "sale", ("A", 3), ("B", 1))).Content.ReadFromJsonAsync<JsonElement>();
        return (chain, sale.GetProperty("id").GetInt64());
    }

    private async Task<HttpResponseMessage> RefundAsync(long saleId, string key, object? body)
    {
        using var api = App.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sales/{saleId}/refund") { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await api.SendAsync(request);
    }

    [Fact]
    public async Task The_api_refunds_part_of_a_sale_replays_it_and_refunds_the_rest_to_zero()
    {
        var (chain, saleId) = await SaleAsync();

        var part = await RefundAsync(saleId, "part-1", new { lines = new[] { new { sku = "a", quantity = 2 } }, reason = "two jars broken" });

        Assert.Equal(HttpStatusCode.OK, part.StatusCode);
        var body = await part.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((66.66m, false), (body.GetProperty("total").GetDecimal(), body.GetProperty("completes").GetBoolean()));
        Assert.Equal([-6.67m, -3.33m, -2.00m], body.GetProperty("reversals").EnumerateArray().Select(l => l.GetProperty("amount").GetDecimal())); // 6.666, 3.333, 1.9998
        var replay = await RefundAsync(saleId, "part-1", new { lines = new[] { new { sku = "A", quantity = 2 } }, reason = "again" });
        Assert.Equal(("true", body.GetProperty("refundId").GetInt64()), (replay.Headers.GetValues("Idempotent-Replayed").Single(), (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refundId").GetInt64()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await RefundAsync(saleId, "part-1", new { lines = new[] { new { sku = "A", quantity = 1 } } })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await RefundAsync(saleId, "part-2", new { lines = new[] { new { sku = "A", quantity = 2 } } })).StatusCode); // only 1 left
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await RefundAsync(saleId, "part-3", new { lines = new[] { new { sku = "Z", quantity = 1 } } })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await RefundAsync(saleId, "part-4", new { lines = new[] { new { sku = "A" } } })).StatusCode);

        var rest = await RefundAsync(saleId, "rest", null);

        Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
        Assert.True((await rest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("completes").GetBoolean());
        foreach (var member in chain)
        {
            Assert.Equal(0m, await App.BalanceOfAsync(member.Id()));
        }

        Assert.Equal(HttpStatusCode.Conflict, (await RefundAsync(saleId, "more", null)).StatusCode);
        var report = await App.WithDbAsync(db => new MlmNetwork.Infrastructure.Ledger.LedgerCheck(db).RunAsync(CancellationToken.None));
        Assert.True(report.Holds, string.Join("\n", report.Breaches.Select(b => b.Detail)));
        Assert.Equal(0, App.ServerErrors);
    }

    [Fact]
    public async Task Parallel_partial_refunds_never_take_back_more_than_was_sold()
    {
        var (chain, saleId) = await SaleAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => RefundAsync(saleId, $"p{i}", new { lines = new[] { new { sku = "A", quantity = 1 } } })));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity, r.StatusCode.ToString()));
        Assert.InRange(responses.Count(r => r.StatusCode == HttpStatusCode.OK), 1, 3);
        var refunded = await App.WithDbAsync(db => db.SaleLines.Where(l => l.SaleId == saleId && l.Sku == "A").Select(l => l.RefundedQuantity).SingleAsync());
        Assert.Equal(responses.Count(r => r.StatusCode == HttpStatusCode.OK), refunded);
        var report = await App.WithDbAsync(db => new MlmNetwork.Infrastructure.Ledger.LedgerCheck(db).RunAsync(CancellationToken.None));
        Assert.True(report.Holds, string.Join("\n", report.Breaches.Select(b => b.Detail)));
        Assert.Equal(0, App.ServerErrors);
        Assert.True(await App.BalanceOfAsync(chain[2].Id()) >= 0m);
    }

    [Fact]
    public async Task A_line_forfeited_after_a_partial_refund_forfeits_what_remains_and_the_last_refund_reverses_nothing_more()
    {
        App.Clock.Set(new DateTime(2026, 9, 1, 9, 0, 0, DateTimeKind.Utc));
        using var api = App.CreateApiClient();
        await api.PutAsJsonAsync("/api/v1/commission-plan", new { personalPercent = 10m, levels = new[] { 5m }, minPersonalVolume = 50m });
        await App.CreateProductAsync("A", 20m);
        var chain = await App.CreateChainAsync(2);
        App.Clock.Set(new DateTime(2026, 9, 15, 9, 0, 0, DateTimeKind.Utc));
        var sale = (await (await App.PostSaleAsync(chain[1].Id(), "s", ("A", 3))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await RefundAsync(sale, "part", new { lines = new[] { new { sku = "A", quantity = 1 } } }); // sponsor: 3.00 earned, 1.00 reversed
        App.Clock.Set(new DateTime(2026, 10, 2, 9, 0, 0, DateTimeKind.Utc));

        await App.ClosePeriodAsync("2026-09"); // the sponsor sold nothing: below the minimum

        var forfeit = await App.WithDbAsync(db => db.CommissionLines.SingleAsync(l => l.Kind == CommissionLineKind.Forfeit && l.BeneficiaryId == chain[0].Id()));
        Assert.Equal(new Money(-200), forfeit.Amount);
        var rest = await (await RefundAsync(sale, "rest", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain(rest.GetProperty("reversals").EnumerateArray(), l => l.GetProperty("beneficiaryId").GetInt64() == chain[0].Id());
        Assert.Equal((0m, 0m), (await App.BalanceOfAsync(chain[0].Id()), await App.BalanceOfAsync(chain[1].Id())));
        var report = await App.WithDbAsync(db => new MlmNetwork.Infrastructure.Ledger.LedgerCheck(db).RunAsync(CancellationToken.None));
        Assert.True(report.Holds, string.Join("\n", report.Breaches.Select(b => b.Detail)));
    }

    [Fact]
    public async Task A_lines_list_that_came_out_empty_never_refunds_the_whole_sale()
    {
        var (chain, saleId) = await SaleAsync();
        using var api = App.CreateApiClient();

        async Task<HttpStatusCode> SendAsync(string key, string json)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sales/{saleId}/refund") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", key);
            return (await api.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.UnprocessableEntity, await SendAsync("e1", """{"lines":[]}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await SendAsync("e2", """{"lines":null}"""));
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync("e3", """{"lines":[{"sku":"A","quantity":1}],"lines":[]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync("e4", """{"lines":[{"sku":"A","quantity":"1"}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync("e5", """[1,2]"""));
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<SaleRefund>().CountAsync()));
        Assert.True(await App.BalanceOfAsync(chain[2].Id()) > 0m);

        Assert.Equal(HttpStatusCode.OK, await SendAsync("e6", """{"reason":"whole sale on purpose"}"""));
        Assert.Equal(0m, await App.BalanceOfAsync(chain[2].Id()));
        Assert.Equal(0, App.ServerErrors);
    }
}
