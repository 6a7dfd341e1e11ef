using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

public class ApiTests(MlmAppFactory app) : AppTest(app)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? detailContains = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType()?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (detailContains is not null)
        {
            Assert.Contains(detailContains, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    private async Task<HttpResponseMessage> PostSaleJsonAsync(string key, string json)
    {
        using var api = App.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales") { Content = Json(json) };
        request.Headers.Add("Idempotency-Key", key);
        return await api.SendAsync(request);
    }

    [Fact]
    public async Task Products_are_created_and_listed_with_base_defaulting_to_price()
    {
        using var api = App.CreateApiClient();

        var created = await api.PostAsync("/api/v1/products", Json("""{"sku":"vit-c","name":"Vitamin C","price":19.99}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var product = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("VIT-C", product.GetProperty("sku").GetString());
        Assert.Equal(19.99m, product.GetProperty("price").GetDecimal());
        Assert.Equal(19.99m, product.GetProperty("commissionBase").GetDecimal());
        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/products");
        Assert.Equal(["VIT-C"], list.EnumerateArray().Select(p => p.GetProperty("sku").GetString()));
    }

    [Fact]
    public async Task Product_errors_are_problem_responses()
    {
        using var api = App.CreateApiClient();
        await App.CreateProductAsync("DUP", 10m);

        await AssertProblemAsync(await api.PostAsync("/api/v1/products", Json("""{"sku":"dup","name":"Again","price":5}""")), HttpStatusCode.Conflict, "already exists");
        await AssertProblemAsync(await api.PostAsync("/api/v1/products", Json("""{"sku":"P1","name":"Bad","price":1.999}""")), HttpStatusCode.UnprocessableEntity, "decimals");
        await AssertProblemAsync(await api.PostAsync("/api/v1/products", Json("""{"sku":"P2","name":"Bad","price":-1}""")), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await api.PostAsync("/api/v1/products", Json("""{"sku":"P3","name":"Bad","price":10,"commissionBase":11}""")), HttpStatusCode.UnprocessableEntity, "commission base");
        await AssertProblemAsync(await api.PostAsync("/api/v1/products", Json("""{"sku":"P4","name":"No price"}""")), HttpStatusCode.UnprocessableEntity, "price is required");
        await AssertProblemAsync(await api.PostAsync("/api/v1/products", Json("""{"sku":"has space","name":"x","price":1}""")), HttpStatusCode.UnprocessableEntity, "SKU");
        await AssertProblemAsync(await api.PostAsync("/api/v1/products", Json("""{"sku":"P5","name":"x","price":"ten"}""")), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await api.PostAsync("/api/v1/products", Json("""{"sku":"P6", """)), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await api.PostAsync("/api/v1/products", Json("""{"sku":"P7","name":"x","price":1e30}""")), HttpStatusCode.BadRequest);
        Assert.Equal(1, await App.WithDbAsync(db => db.Products.CountAsync()));
    }

    [Fact]
    public async Task The_commission_plan_is_versioned_and_the_version_in_force_is_returned()
    {
        using var api = App.CreateApiClient();
        var before = await api.GetFromJsonAsync<JsonElement>("/api/v1/commission-plan");

        var saved = await api.PutAsync("/api/v1/commission-plan", Json("""{"personalPercent":12.5,"levels":[6,4.25,0,1],"compression":true,"minPersonalVolume":50}"""));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var plan = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(before.GetProperty("version").GetInt32() + 1, plan.GetProperty("version").GetInt32());
        var inForce = await api.GetFromJsonAsync<JsonElement>("/api/v1/commission-plan");
        Assert.Equal(plan.GetProperty("version").GetInt32(), inForce.GetProperty("version").GetInt32());
        Assert.Equal(12.5m, inForce.GetProperty("personalPercent").GetDecimal());
        Assert.Equal([6m, 4.25m, 0m, 1m], inForce.GetProperty("levels").EnumerateArray().Select(l => l.GetDecimal()));
        Assert.True(inForce.GetProperty("compression").GetBoolean());
        Assert.Equal(50m, inForce.GetProperty("minPersonalVolume").GetDecimal());
    }

    [Fact]
    public async Task A_bad_plan_is_refused_and_no_version_is_created()
    {
        using var api = App.CreateApiClient();
        var versions = await App.WithDbAsync(db => db.CommissionPlans.CountAsync());

        await AssertProblemAsync(await api.PutAsync("/api/v1/commission-plan", Json("""{"personalPercent":60,"levels":[30,20]}""")), HttpStatusCode.UnprocessableEntity, "100%");
        await AssertProblemAsync(await api.PutAsync("/api/v1/commission-plan", Json("""{"personalPercent":10,"levels":[5.555]}""")), HttpStatusCode.UnprocessableEntity, "2 decimals");
        await AssertProblemAsync(await api.PutAsync("/api/v1/commission-plan", Json("""{"personalPercent":10,"levels":[-1]}""")), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await api.PutAsync("/api/v1/commission-plan", Json("""{"personalPercent":10}""")), HttpStatusCode.UnprocessableEntity, "levels");
        await AssertProblemAsync(await api.PutAsync("/api/v1/commission-plan", Json("""{"personalPercent":10,"levels":"five"}""")), HttpStatusCode.BadRequest);

        Assert.Equal(versions, await App.WithDbAsync(db => db.CommissionPlans.CountAsync()));
    }

    [Theory]
    [InlineData("/api/v1/products", null)]
    [InlineData("/api/v1/products", "[1, 2]")]
    [InlineData("/api/v1/products", "null")]
    [InlineData("/api/v1/payout-runs/1/confirm", null)]
    [InlineData("/api/v1/payout-runs/1/confirm", "\"2026-10-02\"")]
    [InlineData("/api/v1/payout-runs/1/confirm", "{\"paidOn\": 20261002}")]
    public async Task A_missing_or_misshapen_body_is_refused_in_plain_words(string path, string? body)
    {
        using var api = App.CreateApiClient();

        var response = await api.PostAsync(path, body is null ? null : Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType()?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.TryGetProperty("detail", out var detail), problem.ToString());
        Assert.Equal("The request body is missing or is not the JSON this endpoint takes.", detail.GetString());
        Assert.Equal(0, App.ServerErrors);
    }

    [Fact]
    public async Task Our_own_bad_request_messages_are_kept()
    {
        using var api = App.CreateApiClient();

        await AssertProblemAsync(await api.PostAsync("/api/v1/sales", Json("""{"distributorId":1,"lines":[{"sku":"A","quantity":1}]}""")), HttpStatusCode.BadRequest, "The Idempotency-Key header is required");
        await AssertProblemAsync(await api.PostAsync("/api/v1/sales", Json("""{"distributorId":1,"lines":[]}""")), HttpStatusCode.BadRequest, "The Idempotency-Key header is required");
    }

    [Fact]
    public async Task Distributors_are_created_under_a_sponsor_code_or_the_house_and_read_back()
    {
        var leader = await App.CreateDistributorAsync("Lena Leader", "lena@example.com", null);
        var recruit = await App.CreateDistributorAsync("Rob Recruit", "rob@example.com", leader.Code().ToLowerInvariant());

        Assert.Equal(leader.Id(), recruit.GetProperty("sponsorId").GetInt64());
        Assert.Equal("Active", recruit.GetProperty("status").GetString());
        Assert.Matches("^[A-Z2-9]{8}$", recruit.Code());
        var read = await App.GetDistributorAsync(recruit.Id());
        Assert.Equal(recruit.ToString(), read.ToString());
        var houseId = await App.WithDbAsync(db => db.Distributors.Where(d => d.IsHouse).Select(d => d.Id).SingleAsync());
        Assert.Equal(houseId, leader.GetProperty("sponsorId").GetInt64());
    }

    [Fact]
    public async Task Distributor_errors_are_problem_responses()
    {
        using var api = App.CreateApiClient();
        await App.CreateDistributorAsync("Taken", "taken@example.com", null);

        await AssertProblemAsync(await api.PostAsync("/api/v1/distributors", Json("""{"name":"X","email":"x@example.com","sponsorReferralCode":"ZZZZZZZZ"}""")), HttpStatusCode.UnprocessableEntity, "referral code");
        await AssertProblemAsync(await api.PostAsync("/api/v1/distributors", Json("""{"name":"X","email":"TAKEN@example.com"}""")), HttpStatusCode.Conflict, "email");
        await AssertProblemAsync(await api.PostAsync("/api/v1/distributors", Json("""{"name":"X","email":"not an email"}""")), HttpStatusCode.UnprocessableEntity, "email");
        await AssertProblemAsync(await api.PostAsync("/api/v1/distributors", Json("""{"email":"noname@example.com"}""")), HttpStatusCode.UnprocessableEntity, "name");
        await AssertProblemAsync(await api.GetAsync("/api/v1/distributors/999999"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await api.GetAsync("/api/v1/distributors/999999/commissions"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/distributors/abc")).StatusCode);
        Assert.Equal(2, await App.WithDbAsync(db => db.Distributors.CountAsync()));
    }

    [Fact]
    public async Task Posting_a_sale_returns_its_totals_and_commissions_per_level()
    {
        await App.SetPlanAsync(10m, 5m, 2.5m);
        await App.CreateProductAsync("A", 19.99m, 15.00m);
        await App.CreateProductAsync("B", 5.00m);
        var chain = await App.CreateChainAsync(3);

        var response = await App.PostSaleAsync(chain[2].Id(), "sale-1", ("A", 2), ("b", 3));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sale = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(chain[2].Id(), sale.GetProperty("distributorId").GetInt64());
        Assert.Equal(54.98m, sale.GetProperty("total").GetDecimal());
        Assert.Equal(45.00m, sale.GetProperty("base").GetDecimal());
        var commissions = sale.GetProperty("commissions").EnumerateArray()
            .Select(c => (c.GetProperty("beneficiaryId").GetInt64(), c.GetProperty("level").GetInt32(), c.GetProperty("percent").GetDecimal(), c.GetProperty("amount").GetDecimal()))
            .ToList();
        Assert.Equal([(chain[2].Id(), 0, 10m, 4.50m), (chain[1].Id(), 1, 5m, 2.25m), (chain[0].Id(), 2, 2.5m, 1.13m)], commissions);
    }

    [Fact]
    public async Task The_same_idempotency_key_replays_the_first_answer_and_another_body_is_refused()
    {
        await App.CreateProductAsync("A", 10m);
        var seller = await App.CreateDistributorAsync("Seller", "seller@example.com", null);

        var first = await App.PostSaleAsync(seller.Id(), "key-1", ("A", 1));
        var replay = await App.PostSaleAsync(seller.Id(), "key-1", ("A", 1));
        var other = await App.PostSaleAsync(seller.Id(), "key-1", ("A", 2));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        await AssertProblemAsync(other, HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
        Assert.Equal(1, await App.WithDbAsync(db => db.Sales.CountAsync()));
    }

    [Fact]
    public async Task A_replay_gets_the_first_answer_even_after_the_seller_can_no_longer_sell()
    {
        await App.CreateProductAsync("A", 10m);
        var seller = await App.CreateDistributorAsync("Seller", "seller@example.com", null);
        var first = await App.PostSaleAsync(seller.Id(), "before-termination", ("A", 1));
        await App.SetStatusAsync(seller.Id(), "Terminated");

        var replay = await App.PostSaleAsync(seller.Id(), "before-termination", ("A", 1));
        var fresh = await App.PostSaleAsync(seller.Id(), "after-termination", ("A", 1));

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, fresh.StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.Sales.CountAsync()));
    }

    [Fact]
    public async Task The_same_key_from_parallel_clients_posts_one_sale()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 10m);
        var chain = await App.CreateChainAsync(2);

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => App.PostSaleAsync(chain[1].Id(), "race", ("A", 1))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location?.ToString()).Distinct());
        Assert.Equal(1, await App.WithDbAsync(db => db.Sales.CountAsync()));
        Assert.Equal(1.00m, (await App.CommissionsOfAsync(chain[1].Id())).GetProperty("balance").GetDecimal());
        Assert.Equal(0.50m, (await App.CommissionsOfAsync(chain[0].Id())).GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Sale_errors_are_problem_responses_and_write_nothing()
    {
        await App.CreateProductAsync("A", 10m);
        var seller = await App.CreateDistributorAsync("Seller", "seller@example.com", null);
        var id = seller.Id();
        using var api = App.CreateApiClient();

        var noKey = await api.PostAsync("/api/v1/sales", Json($$"""{"distributorId":{{id}},"lines":[{"sku":"A","quantity":1}]}"""));
        await AssertProblemAsync(noKey, HttpStatusCode.BadRequest, "Idempotency-Key");
        await AssertProblemAsync(await PostSaleJsonAsync("k1", """{"distributorId":999999,"lines":[{"sku":"A","quantity":1}]}"""), HttpStatusCode.UnprocessableEntity, "distributor");
        await AssertProblemAsync(await PostSaleJsonAsync("k2", $$"""{"distributorId":{{id}},"lines":[{"sku":"NOPE","quantity":1}]}"""), HttpStatusCode.UnprocessableEntity, "Unknown product");
        await AssertProblemAsync(await PostSaleJsonAsync("k3", $$"""{"distributorId":{{id}},"lines":[{"sku":"A","quantity":0}]}"""), HttpStatusCode.UnprocessableEntity, "Quantity");
        await AssertProblemAsync(await PostSaleJsonAsync("k4", $$"""{"distributorId":{{id}},"lines":[]}"""), HttpStatusCode.UnprocessableEntity, "at least one line");
        await AssertProblemAsync(await PostSaleJsonAsync("k5", $$"""{"distributorId":{{id}}}"""), HttpStatusCode.UnprocessableEntity, "lines");
        await AssertProblemAsync(await PostSaleJsonAsync("k6", $$"""{"distributorId":{{id}},"lines":[{"sku":"A","quantity":1.5}]}"""), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await PostSaleJsonAsync("k7", $$"""{"distributorId":"me","lines":[{"sku":"A","quantity":1}]}"""), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await PostSaleJsonAsync("k8", $$"""{"distributorId":{{id}},"lines":[{"quantity":1}]}"""), HttpStatusCode.UnprocessableEntity, "sku");
        await AssertProblemAsync(await PostSaleJsonAsync("k9", $$"""{"distributorId":{{id}},"lines":[null]}"""), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await PostSaleJsonAsync(new string('k', 101), $$"""{"distributorId":{{id}},"lines":[{"sku":"A","quantity":1}]}"""), HttpStatusCode.BadRequest);
        var houseId = await App.WithDbAsync(db => db.Distributors.Where(d => d.IsHouse).Select(d => d.Id).SingleAsync());
        await AssertProblemAsync(await PostSaleJsonAsync("k10", $$"""{"distributorId":{{houseId}},"lines":[{"sku":"A","quantity":1}]}"""), HttpStatusCode.UnprocessableEntity, "house");

        Assert.Equal(0, await App.WithDbAsync(db => db.Sales.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.CommissionLines.CountAsync()));
    }

    [Fact]
    public async Task A_deactivated_product_cannot_be_sold()
    {
        await App.CreateProductAsync("OLD", 10m);
        var seller = await App.CreateDistributorAsync("Seller", "seller@example.com", null);
        var admin = await App.LoginAsAdminAsync();
        var productId = await App.WithDbAsync(db => db.Products.Where(p => p.Sku == "OLD").Select(p => p.Id).SingleAsync());
        await admin.PostFormAsync($"/Admin/Products?handler=Deactivate&id={productId}", [], "/Admin/Products");

        var response = await App.PostSaleAsync(seller.Id(), "k", ("OLD", 1));

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "not for sale");
    }

    [Fact]
    public async Task Commissions_of_a_distributor_give_the_balance_and_the_lines()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var chain = await App.CreateChainAsync(2);
        var sale = await (await App.PostSaleAsync(chain[1].Id(), "k1", ("A", 1))).Content.ReadFromJsonAsync<JsonElement>();
        await App.PostSaleAsync(chain[1].Id(), "k2", ("A", 2));

        var sponsor = await App.CommissionsOfAsync(chain[0].Id());

        Assert.Equal(15.00m, sponsor.GetProperty("balance").GetDecimal());
        var lines = sponsor.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal([10.00m, 5.00m], lines.Select(l => l.GetProperty("amount").GetDecimal()));
        Assert.All(lines, l => Assert.Equal(1, l.GetProperty("level").GetInt32()));
        Assert.All(lines, l => Assert.Equal("Commission", l.GetProperty("kind").GetString()));
        Assert.Equal(sale.GetProperty("id").GetInt64(), lines[1].GetProperty("saleId").GetInt64());
        Assert.True(lines[0].TryGetProperty("createdAt", out _));
    }

    [Fact]
    public async Task The_api_refuses_callers_without_a_valid_key()
    {
        using var none = App.CreateApiClient(key: null);
        using var wrong = App.CreateApiClient("mlm_wrong");
        var browserAdmin = await App.LoginAsAdminAsync();

        await AssertProblemAsync(await none.GetAsync("/api/v1/products"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await wrong.GetAsync("/api/v1/products"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browserAdmin.GetAsync("/api/v1/products")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await none.PostAsync("/api/v1/products", Json("""{"sku":"X","name":"X","price":1}"""))).StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.Products.CountAsync()));
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint_and_the_key()
    {
        var doc = await App.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/products", "/api/v1/commission-plan", "/api/v1/distributors", "/api/v1/distributors/{id}", "/api/v1/distributors/{id}/commissions", "/api/v1/sales" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"missing {path}");
        }

        Assert.Equal("X-Api-Key", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Health_checks_the_database()
    {
        var response = await App.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
