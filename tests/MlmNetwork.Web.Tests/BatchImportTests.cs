using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Tests;

public class BatchImportTests(MlmAppFactory app) : AppTest(app)
{
    private async Task<HttpResponseMessage> PostBatchAsync(string key, object body)
    {
        using var api = App.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales/batch") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await api.SendAsync(request);
    }

    /// <summary>
    /// The fast path must give exactly the lines of the single-sale path: the same random sales
    /// are posted both ways on the same tree, and every line, skipped member and counter is compared.
    /// </summary>
    [Theory]
    [InlineData(false, 1500)]
    [InlineData(true, 1500)]
    public async Task The_batch_path_writes_exactly_the_lines_of_the_single_sale_path(bool compression, int count)
    {
        var random = new Random(compression ? 7 : 11);
        using var api = App.CreateApiClient();
        await api.PutAsJsonAsync("/api/v1/commission-plan", new { personalPercent = 7.5m, levels = new[] { 5m, 4.25m, 3m, 0m, 2m, 1.5m, 1m, 1m, 0.5m, 0.33m }, compression });
        await App.CreateProductAsync("A", 19.99m, 15.01m);
        await App.CreateProductAsync("B", 0.05m);
        await App.CreateProductAsync("C", 333.33m, 250m);
        var ids = new List<long>();
        var codes = new List<string?> { null };
        for (var i = 0; i < 150; i++)
        {
            var d = await App.CreateDistributorAsync($"Tree {i}", $"tree{i}@example.com", codes[random.Next(Math.Max(0, codes.Count - 12), codes.Count)]);
            ids.Add(d.Id());
            codes.Add(d.Code());
        }

        foreach (var id in ids.Where((_, i) => i % 9 == 4))
        {
            await App.SetStatusAsync(id, "Inactive");
        }

        var active = ids.Where((_, i) => i % 9 != 4).ToList();
        var sales = Enumerable.Range(0, count).Select(_ => new
        {
            distributorId = active[random.Next(active.Count)],
            lines = Enumerable.Range(0, random.Next(1, 4)).Select(_ => new { sku = "ABC"[random.Next(3)].ToString(), quantity = random.Next(1, 7) }).ToList(),
        }).ToList();

        for (var i = 0; i < sales.Count; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await App.PostSaleAsync(sales[i].distributorId, $"single-{i}", [.. sales[i].lines.Select(l => (l.sku, l.quantity))])).StatusCode);
        }

        await App.RollUpTeamVolumeAsync();
        var statsAfterSingle = await App.WithDbAsync(db => db.DistributorMonthStats.AsNoTracking().ToListAsync());
        var batch = await PostBatchAsync("equivalence", new { sales = sales.Select((s, i) => new { s.distributorId, s.lines, idempotencyKey = $"batch-{i}" }) });
        Assert.Equal(HttpStatusCode.Created, batch.StatusCode);

        var (lines, unpaid, totals) = await App.WithDbAsync(async db => (
            await db.CommissionLines.AsNoTracking().Join(db.Sales, l => l.SaleId, s => s.Id, (l, s) => new { s.IdempotencyKey, l.BeneficiaryId, l.Level, l.Distance, l.Percent, l.Amount, l.PlanVersion }).ToListAsync(),
            await db.SaleUnpaidMembers.AsNoTracking().Join(db.Sales, u => u.SaleId, s => s.Id, (u, s) => new { s.IdempotencyKey, u.DistributorId, u.Distance, u.Level, u.Reason }).ToListAsync(),
            await db.Sales.AsNoTracking().Select(s => new { s.IdempotencyKey, s.Total, s.Base, s.PlanVersion, s.DistributorId }).ToListAsync()));
        string Of(string key) => key.StartsWith("single-", StringComparison.Ordinal) ? key["single-".Length..] : key["batch-".Length..];
        var lineSets = lines.GroupBy(l => l.IdempotencyKey.StartsWith("single-", StringComparison.Ordinal))
            .ToDictionary(g => g.Key, g => g.Select(l => $"{Of(l.IdempotencyKey)} {l.BeneficiaryId}@{l.Level}/{l.Distance} {l.Percent} {l.Amount} v{l.PlanVersion}").Order().ToList());
        Assert.True(lineSets[true].Count > count, "the sales produced lines");
        Assert.Equal(lineSets[true], lineSets[false]);
        var unpaidSets = unpaid.GroupBy(u => u.IdempotencyKey.StartsWith("single-", StringComparison.Ordinal))
            .ToDictionary(g => g.Key, g => g.Select(u => $"{Of(u.IdempotencyKey)} {u.DistributorId}/{u.Distance} {u.Level} {u.Reason}").Order().ToList());
        Assert.NotEmpty(unpaidSets[true]);
        Assert.Equal(unpaidSets[true], unpaidSets[false]);
        var totalSets = totals.GroupBy(t => t.IdempotencyKey.StartsWith("single-", StringComparison.Ordinal))
            .ToDictionary(g => g.Key, g => g.Select(t => $"{Of(t.IdempotencyKey)} {t.DistributorId} {t.Total} {t.Base} v{t.PlanVersion}").Order().ToList());
        Assert.Equal(totalSets[true], totalSets[false]);

        // Every counter moved by exactly as much again as the single sales moved it.
        await App.RollUpTeamVolumeAsync();
        var statsAfterBatch = await App.WithDbAsync(db => db.DistributorMonthStats.AsNoTracking().ToDictionaryAsync(s => (s.DistributorId, s.PeriodKey)));
        Assert.Equal(statsAfterSingle.Count, statsAfterBatch.Count);
        foreach (var before in statsAfterSingle)
        {
            var after = statsAfterBatch[(before.DistributorId, before.PeriodKey)];
            Assert.Equal(
                (2 * before.PersonalSalesCount, 2 * before.PersonalVolume.Cents, 2 * before.PersonalSalesTotal.Cents, 2 * before.TeamSalesCount, 2 * before.TeamVolume.Cents),
                (after.PersonalSalesCount, after.PersonalVolume.Cents, after.PersonalSalesTotal.Cents, after.TeamSalesCount, after.TeamVolume.Cents));
        }

        var report = await App.WithDbAsync(db => new MlmNetwork.Infrastructure.Ledger.LedgerCheck(db).RunAsync(CancellationToken.None));
        Assert.True(report.Holds, string.Join("\n", report.Breaches.Select(b => b.Detail)));
    }

    [Fact]
    public async Task A_batch_replays_under_its_key_and_refuses_the_key_with_another_body()
    {
        await App.CreateProductAsync("A", 10m);
        var seller = await App.CreateDistributorAsync("Seller", "seller@example.com", null);
        var body = new { sales = new[] { new { distributorId = seller.Id(), lines = new[] { new { sku = "A", quantity = 2 } } } } };

        var first = await PostBatchAsync("batch-1", body);
        var replay = await PostBatchAsync("batch-1", body);
        var other = await PostBatchAsync("batch-1", new { sales = new[] { new { distributorId = seller.Id(), lines = new[] { new { sku = "A", quantity = 3 } } } } });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.Sales.CountAsync()));
        Assert.Equal(2.00m, await App.BalanceOfAsync(seller.Id()));
    }

    [Fact]
    public async Task A_batch_with_bad_rows_is_refused_whole_with_an_error_per_row()
    {
        await App.CreateProductAsync("A", 10m);
        var seller = await App.CreateDistributorAsync("Seller", "seller@example.com", null);
        var sales = Enumerable.Range(0, 30_000 / 1000).Select(i => new { distributorId = i == 3 ? 999_999 : seller.Id(), lines = new[] { new { sku = i == 7 ? "NOPE" : "A", quantity = i == 9 ? 0 : 1 } } }).ToList();

        var response = await PostBatchAsync("bad", new { sales });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("message").GetString())).ToList();
        Assert.Equal([3, 7, 9], errors.Select(e => e.Item1));
        Assert.Contains("No distributor has id 999999", errors[0].Item2);
        Assert.Contains("Unknown product SKU 'NOPE'", errors[1].Item2);
        Assert.Equal(0, await App.WithDbAsync(db => db.Sales.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.SaleBatches.CountAsync()));
        Assert.Equal(0m, await App.BalanceOfAsync(seller.Id()));
    }

    [Fact]
    public async Task A_batch_refuses_keys_used_twice_or_already_used_and_malformed_input()
    {
        await App.CreateProductAsync("A", 10m);
        var seller = await App.CreateDistributorAsync("Seller", "seller@example.com", null);
        await App.PostSaleAsync(seller.Id(), "taken", ("A", 1));
        var line = new[] { new { sku = "A", quantity = 1 } };

        var reused = await PostBatchAsync("b1", new { sales = new[] { new { distributorId = seller.Id(), lines = line, idempotencyKey = "taken" }, new { distributorId = seller.Id(), lines = line, idempotencyKey = "x" }, new { distributorId = seller.Id(), lines = line, idempotencyKey = "x" } } });
        var empty = await PostBatchAsync("b2", new { sales = Array.Empty<object>() });
        using var api = App.CreateApiClient();
        var malformed = await api.PostAsync("/api/v1/sales/batch", new StringContent("{\"sales\": 5}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal([0, 2], (await reused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("row").GetInt32()).Order());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.Sales.CountAsync()));
    }

    [Fact]
    public async Task A_batch_reports_its_progress_as_it_checks_and_writes()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 10m);
        var chain = await App.CreateChainAsync(2);
        var sales = Enumerable.Range(0, 1200).Select(i => new MlmNetwork.Infrastructure.Sales.BatchSale(chain[1].Id(), [new("A", 1)])).ToList();
        var reports = new RecordedProgress();

        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MlmNetwork.Infrastructure.Sales.SaleBatchPosting>().PostAsync("progress", sales, reports, CancellationToken.None);
        }

        Assert.Equal([500, 1000, 1200], reports.Seen.Select(r => r.Checked));
        Assert.Equal([0, 0, 1200], reports.Seen.Select(r => r.Written));
        Assert.All(reports.Seen, r => Assert.Equal(1200, r.Total));
    }

    private sealed class RecordedProgress : IProgress<MlmNetwork.Infrastructure.Sales.BatchProgress>
    {
        public List<MlmNetwork.Infrastructure.Sales.BatchProgress> Seen { get; } = [];

        public void Report(MlmNetwork.Infrastructure.Sales.BatchProgress value) => Seen.Add(value);
    }
}
