using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// A few thousand random operations (sign-ups, sales, refunds, status changes, plan changes,
/// sponsor moves, period closes) against the app through its API and admin pages, and against
/// <see cref="ReferenceModel"/>; every balance must agree to the cent. The seed is printed; set
/// MLM_RANDOM_SEED to replay a run exactly, MLM_RANDOM_OPS to change its length.
/// </summary>
public class RandomizedLedgerTests(MlmAppFactory app, ITestOutputHelper output) : AppTest(app)
{
    private static readonly (string Sku, long PriceCents, long BaseCents)[] Products =
    [
        ("P1", 1999, 1500), ("P2", 3333, 3333), ("P3", 105, 105), ("P4", 5, 5), ("P5", 12345, 10001),
    ];

    [Fact]
    public async Task Random_operations_keep_every_balance_equal_to_the_reference_model()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MLM_RANDOM_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Random.Shared.Next();
        var operations = int.TryParse(Environment.GetEnvironmentVariable("MLM_RANDOM_OPS"), CultureInfo.InvariantCulture, out var n) ? n : 3000;
        output.WriteLine($"Randomized ledger test: seed {seed}, {operations} operations (replay with MLM_RANDOM_SEED={seed})");
        var run = new Run(App, new Random(seed), output);
        try
        {
            await run.ExecuteAsync(operations);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"Randomized ledger test failed with seed {seed} at operation {run.Step} ({run.LastOperation}); replay with MLM_RANDOM_SEED={seed}", e);
        }
    }

    private sealed class Run(MlmAppFactory app, Random random, ITestOutputHelper output)
    {
        private readonly ReferenceModel model = new();
        private readonly HttpClient api = app.CreateApiClient();
        private readonly Dictionary<string, int> counts = [];
        private HttpClient admin = null!;
        private DateTime now = new(2025, 1, 10, 12, 0, 0, DateTimeKind.Utc);
        private int keys;

        public int Step { get; private set; }

        public string LastOperation { get; private set; } = "start";

        public async Task ExecuteAsync(int operations)
        {
            app.Clock.Set(now);
            admin = await app.LoginAsAdminAsync();
            model.HouseId = await app.WithDbAsync(db => db.Distributors.Where(d => d.IsHouse).Select(d => d.Id).SingleAsync());
            model.Sponsor[model.HouseId] = null;
            model.Status[model.HouseId] = ReferenceModel.Active;
            foreach (var (sku, price, basis) in Products)
            {
                Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/products", new { sku, name = sku, price = price / 100m, commissionBase = basis / 100m })).StatusCode);
            }

            await ChangePlanAsync();
            for (var i = 0; i < 12; i++)
            {
                await SignUpAsync();
            }

            for (Step = 1; Step <= operations; Step++)
            {
                var roll = random.Next(100);
                var operation = roll switch
                {
                    < 14 => SignUpAsync(),
                    < 58 => SellAsync(),
                    < 68 => RefundAsync(),
                    < 78 => ChangeStatusAsync(),
                    < 82 => ChangePlanAsync(),
                    < 88 => MoveAsync(),
                    < 90 => NextMonthAsync(),
                    < 93 => PayoutRunAsync(),
                    _ => SellAsync(),
                };
                await operation;
                if (Step % 500 == 0)
                {
                    await CompareBalancesAsync();
                }
            }

            await CompareBalancesAsync();
            var report = await app.WithDbAsync(db => new MlmNetwork.Infrastructure.Ledger.LedgerCheck(db).RunAsync(CancellationToken.None));
            Assert.True(report.Holds, string.Join("\n", report.Breaches.Select(b => $"{b.Rule}: {b.Detail}")));
            await TreeRecount.AssertKeptRightAsync(app); // people per level and team growth, after every sign-up and move
            output.WriteLine($"Operations: {string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}");
            output.WriteLine($"{model.Sponsor.Count - 1} distributors, {model.Sales.Count} sales, {model.Lines.Count} ledger lines, {model.Closed.Count} periods closed; all balances equal; ledger check holds over {report.SalesChecked} sales");
        }

        private void Count(string what, string detail)
        {
            counts[what] = counts.GetValueOrDefault(what) + 1;
            LastOperation = $"{what} {detail}";
        }

        private long AnyDistributor() => model.Sponsor.Keys.Where(id => id != model.HouseId).ElementAt(random.Next(model.Sponsor.Count - 1));

        private async Task SignUpAsync()
        {
            var sponsor = model.Sponsor.Count == 1 || random.Next(5) == 0 ? (long?)null : AnyDistributor();
            var email = $"d{++keys}@example.com";
            Count("sign-up", $"under {sponsor}");
            var response = await api.PostAsJsonAsync("/api/v1/distributors", new { name = $"D {keys}", email, sponsorReferralCode = sponsor is null ? null : model.Code[sponsor.Value] });
            if (sponsor is { } s && model.Status[s] == ReferenceModel.Terminated)
            {
                Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
                return;
            }

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var d = await response.Content.ReadFromJsonAsync<JsonElement>();
            var id = d.GetProperty("id").GetInt64();
            model.Sponsor[id] = sponsor ?? model.HouseId;
            model.Status[id] = ReferenceModel.Active;
            model.Code[id] = d.GetProperty("referralCode").GetString()!;
            Assert.Equal(model.Sponsor[id], d.GetProperty("sponsorId").GetInt64());
        }

        private async Task SellAsync()
        {
            var seller = AnyDistributor();
            var items = Enumerable.Range(0, random.Next(1, 4)).Select(_ => (Product: Products[random.Next(Products.Length)], Quantity: random.Next(1, 6))).ToList();
            Count("sale", $"by {seller}");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales")
            {
                Content = JsonContent.Create(new { distributorId = seller, lines = items.Select(i => new { sku = i.Product.Sku, quantity = i.Quantity }) }),
            };
            request.Headers.Add("Idempotency-Key", $"sale-{++keys}");
            var response = await api.SendAsync(request);
            if (model.Status[seller] != ReferenceModel.Active)
            {
                Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
                return;
            }

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var sale = await response.Content.ReadFromJsonAsync<JsonElement>();
            var basis = items.Sum(i => i.Product.BaseCents * i.Quantity);
            Assert.Equal(basis / 100m, sale.GetProperty("base").GetDecimal());
            model.RecordSale(sale.GetProperty("id").GetInt64(), seller, [.. items.Select(i => (i.Product.Sku, i.Product.BaseCents, i.Quantity))], now);
        }

        private async Task RefundAsync()
        {
            if (model.Sales.Count == 0)
            {
                return;
            }

            var saleId = model.Sales.Keys.ElementAt(random.Next(model.Sales.Count));
            var sale = model.Sales[saleId];
            var left = sale.Items.Where(i => i.Value.Quantity > i.Value.Refunded).ToList();
            Dictionary<string, int>? part = null;
            if (left.Count > 0 && random.Next(2) == 0)
            {
                var (sku, item) = left[random.Next(left.Count)];
                part = new Dictionary<string, int> { [sku] = random.Next(1, item.Quantity - item.Refunded + 1) };
            }

            Count(part is null ? "refund" : "partial refund", $"of {saleId}");
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sales/{saleId}/refund");
            if (part is not null)
            {
                request.Content = JsonContent.Create(new { lines = part.Select(p => new { sku = p.Key, quantity = p.Value }) });
            }

            request.Headers.Add("Idempotency-Key", $"refund-{++keys}");
            var response = await api.SendAsync(request);
            if (sale.Refunded)
            {
                Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
                return;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            model.Refund(saleId, part, now);
        }

        private async Task ChangeStatusAsync()
        {
            var id = AnyDistributor();
            var status = random.Next(10) switch
            {
                0 => ReferenceModel.Terminated,
                < 5 => ReferenceModel.Inactive,
                _ => ReferenceModel.Active,
            };
            Count("status", $"{id} -> {status}");
            var response = await api.PutAsJsonAsync($"/api/v1/distributors/{id}/status", new { status, reason = "random" });
            if (model.Status[id] == ReferenceModel.Terminated && status != ReferenceModel.Terminated)
            {
                Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
                return;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            model.Status[id] = status;
        }

        private async Task ChangePlanAsync()
        {
            var levels = Enumerable.Range(0, random.Next(0, 7)).Select(_ => random.Next(0, 801)).ToArray();
            var personal = random.Next(0, 1501);
            var compression = random.Next(2) == 0;
            var minimum = random.Next(3) == 0 ? random.Next(1, 20_000) : 0;
            // Now, or scheduled 1 to 40 days ahead (00:00 UTC); a start before the latest version's is refused.
            DateTime? scheduled = model.Plans.Count > 0 && random.Next(3) == 0 ? now.Date.AddDays(random.Next(1, 41)) : null;
            var start = scheduled ?? now;
            var refused = model.Plans.Count > 0 && start < model.Plans[^1].EffectiveFrom;
            Count(refused ? "plan refused (starts before the latest)" : scheduled is null ? "plan" : "plan scheduled", $"{personal} [{string.Join(",", levels)}] compression {compression} min {minimum} from {start:yyyy-MM-dd HH:mm}");
            var response = await api.PutAsJsonAsync("/api/v1/commission-plan", new
            {
                personalPercent = personal / 100m,
                levels = levels.Select(l => l / 100m),
                compression,
                minPersonalVolume = minimum / 100m,
                effectiveFrom = scheduled?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            });
            if (refused)
            {
                Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
                return;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var version = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
            model.Plans.Add(new ReferenceModel.Plan(version, personal, levels, compression, minimum, start));
        }

        private async Task MoveAsync()
        {
            var id = AnyDistributor();
            var target = random.Next(6) == 0 ? model.HouseId : AnyDistributor();
            Count("move", $"{id} under {target}");
            var code = target == model.HouseId
                ? await app.WithDbAsync(db => db.Distributors.Where(d => d.IsHouse).Select(d => d.ReferralCode).SingleAsync())
                : model.Code[target];
            var response = await admin.PostFormAsync($"/Admin/Distributors/Details/{id}?handler=Move", new() { ["MoveForm.SponsorCode"] = code, ["MoveForm.Reason"] = "random" }, $"/Admin/Distributors/Details/{id}");
            var refused = model.InSubtree(id, target) || model.Status[target] == ReferenceModel.Terminated;
            if (refused)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return;
            }

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            model.Sponsor[id] = target;
        }

        private async Task NextMonthAsync()
        {
            var closing = ReferenceModel.PeriodOf(now);
            now = now.AddMonths(1);
            app.Clock.Set(now);
            var period = string.Create(CultureInfo.InvariantCulture, $"{closing / 100:0000}-{closing % 100:00}");
            Count("close", period);
            var response = await api.PostAsync($"/api/v1/periods/{period}/close", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            model.Close(closing);
        }

        /// <summary>A payout run up to a random closed month: proposed exactly as the model says, then confirmed (mostly) or cancelled.</summary>
        private async Task PayoutRunAsync()
        {
            if (model.Closed.Count == 0)
            {
                await SellAsync();
                return;
            }

            var upTo = model.Closed.ElementAt(random.Next(model.Closed.Count));
            var period = string.Create(CultureInfo.InvariantCulture, $"{upTo / 100:0000}-{upTo % 100:00}");
            var expected = model.PayoutRun(upTo, MlmNetwork.Domain.CompanySettings.DefaultMinimumPayout.Cents);
            var proposed = await api.PostAsJsonAsync("/api/v1/payout-runs", new { upTo = period });
            if (expected.Count == 0)
            {
                Count("payout run (nothing to pay)", period);
                Assert.Equal(HttpStatusCode.UnprocessableEntity, proposed.StatusCode);
                return;
            }

            Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
            var run = await proposed.Content.ReadFromJsonAsync<JsonElement>();
            var items = run.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("distributorId").GetInt64(), i => (long)(i.GetProperty("amount").GetDecimal() * 100m));
            Assert.True(expected.OrderBy(e => e.Key).SequenceEqual(items.OrderBy(e => e.Key)), $"payout run up to {period}: model [{string.Join(", ", expected.Select(e => $"{e.Key}:{e.Value}"))}], app [{string.Join(", ", items.Select(e => $"{e.Key}:{e.Value}"))}]");
            var runId = run.GetProperty("id").GetInt64();
            if (random.Next(5) == 0)
            {
                Count("payout run cancelled", period);
                Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/api/v1/payout-runs/{runId}/cancel", new { reason = "random" })).StatusCode);
                return;
            }

            Count("payout run confirmed", period);
            var paidOn = DateOnly.FromDateTime(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/api/v1/payout-runs/{runId}/confirm", new { paidOn, reference = $"RANDOM-{runId}" })).StatusCode);
            model.Pay(expected);
        }

        private async Task CompareBalancesAsync()
        {
            var balances = await app.WithDbAsync(async db =>
            {
                var earned = await db.CommissionLines.GroupBy(l => l.BeneficiaryId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
                return earned.Select(e => e.Key).ToList();
            });
            foreach (var id in model.Sponsor.Keys.Where(id => id != model.HouseId))
            {
                var response = await api.GetFromJsonAsync<JsonElement>($"/api/v1/distributors/{id}/commissions?pageSize=1");
                Assert.True(
                    ReferenceModel.Money(model.Balance(id)) == response.GetProperty("balance").GetDecimal().ToString("0.00", CultureInfo.InvariantCulture),
                    $"distributor {id}: model {ReferenceModel.Money(model.Balance(id))}, app {response.GetProperty("balance").GetDecimal()}");
            }

            Assert.All(balances, id => Assert.True(model.Sponsor.ContainsKey(id)));
        }
    }
}
