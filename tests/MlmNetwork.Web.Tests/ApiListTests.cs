using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MlmNetwork.Web.Tests;

/// <summary>The API's lists (sales, distributors, direct recruits, statements), their cursor paging, and what the OpenAPI document says about the API.</summary>
public class ApiListTests(MlmAppFactory app) : AppTest(app)
{
    private static async Task<JsonElement> GetAsync(HttpClient api, string url)
    {
        var response = await api.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<long> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();

    /// <summary>Follows next to the end, <paramref name="limit"/> rows at a time; every id in order.</summary>
    private static async Task<(List<long> Ids, int Pages)> WalkAsync(HttpClient api, string url, int limit)
    {
        var ids = new List<long>();
        var pages = 0;
        string? next = null;
        do
        {
            var page = await GetAsync(api, $"{url}{(url.Contains('?', StringComparison.Ordinal) ? "&" : "?")}limit={limit}{(next is null ? "" : "&after=" + Uri.EscapeDataString(next))}");
            ids.AddRange(Ids(page));
            pages++;
            next = page.GetProperty("next").GetString();
        }
        while (next is not null);
        return (ids, pages);
    }

    [Fact]
    public async Task Sales_are_listed_newest_first_with_the_page_s_filters_and_paged_by_cursor()
    {
        await App.CreateProductAsync("A", 10.00m, 8.00m);
        var anna = await App.CreateDistributorAsync("Анна Смирнова", "anna@example.com", null);
        var ben = await App.CreateDistributorAsync("Ben Brown", "ben@example.com", null);
        var sales = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            App.Clock.Set(new DateTime(2026, 9, 1 + i, 10, 0, 0, DateTimeKind.Utc));
            var response = await App.PostSaleAsync(i % 2 == 0 ? anna.Id() : ben.Id(), $"k{i}", ("A", 1 + i));
            sales.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).Id());
        }

        Assert.Equal(HttpStatusCode.OK, (await App.RefundAsync(sales[2], "r")).StatusCode);
        using var api = App.CreateApiClient();

        var (all, pages) = await WalkAsync(api, "/api/v1/sales", 3);
        var first = await GetAsync(api, "/api/v1/sales?limit=1");
        var annas = Ids(await GetAsync(api, "/api/v1/sales?distributor=" + Uri.EscapeDataString("АННА")));
        var refunded = Ids(await GetAsync(api, "/api/v1/sales?status=Refunded"));
        var days = Ids(await GetAsync(api, "/api/v1/sales?from=2026-09-02&to=2026-09-03"));

        Assert.Equal(sales.AsEnumerable().Reverse(), all);
        Assert.Equal(3, pages);
        var newest = first.GetProperty("items")[0];
        Assert.Equal(anna.Id(), newest.GetProperty("distributorId").GetInt64());
        Assert.Equal(70.00m, newest.GetProperty("total").GetDecimal());
        Assert.Equal(56.00m, newest.GetProperty("base").GetDecimal());
        Assert.Equal("NotRefunded", newest.GetProperty("refundState").GetString());
        Assert.Equal([sales[6], sales[4], sales[2], sales[0]], annas);
        Assert.Equal([sales[2]], refunded);
        Assert.Equal([sales[2], sales[1]], days);
    }

    [Theory]
    [InlineData("/api/v1/sales?limit=0", "limit must be from 1 to 200")]
    [InlineData("/api/v1/sales?limit=-5", "limit must be from 1 to 200")]
    [InlineData("/api/v1/sales?limit=abc", "limit")]
    [InlineData("/api/v1/sales?after=nonsense", "after is not a cursor this list gave")]
    [InlineData("/api/v1/sales?after=OTAwMDAwMDAwMDAwMDAwMDAwMC4x", "after is not a cursor this list gave")]
    [InlineData("/api/v1/sales?month=2026-13", "month: '2026-13' is not a month")]
    [InlineData("/api/v1/sales?from=yesterday", "from: 'yesterday' is not a date")]
    [InlineData("/api/v1/sales?status=refunded", "status: 'refunded' is not a refund status")]
    [InlineData("/api/v1/distributors?after=MS4y", "after is not a cursor")]
    [InlineData("/api/v1/distributors?status=Gone", "status must be exactly one of Active, Inactive or Terminated")]
    [InlineData("/api/v1/distributors?limit=0", "limit must be from 1 to 200")]
    [InlineData("/api/v1/distributors/1/downline?after=x", "after is not a cursor")]
    [InlineData("/api/v1/distributors/1/statements?limit=0", "limit must be from 1 to 200")]
    public async Task Bad_paging_or_filters_are_a_400_problem(string url, string detail)
    {
        using var api = App.CreateApiClient();

        var response = await api.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType()?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_limit_over_the_maximum_is_capped()
    {
        for (var i = 0; i < 3; i++)
        {
            await App.CreateDistributorAsync($"Member {i}", $"m{i}@example.com", null);
        }

        using var api = App.CreateApiClient();

        var page = await GetAsync(api, "/api/v1/distributors?limit=100000");

        Assert.Equal(3, Ids(page).Count);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task Distributors_are_listed_in_joining_order_searched_and_filtered_by_status()
    {
        var people = new List<JsonElement>();
        foreach (var (name, email) in new[] { ("Ирина Петрова", "irina@example.com"), ("Ivan Ivanov", "ivan@example.com"), ("ИРИНА Иванова", "irina.i@example.com"), ("Olga Orlova", "olga@example.com"), ("Pavel Popov", "pavel@example.com") })
        {
            people.Add(await App.CreateDistributorAsync(name, email, null));
        }

        await App.SetStatusAsync(people[3].Id(), "Inactive");
        using var api = App.CreateApiClient();

        var (all, pages) = await WalkAsync(api, "/api/v1/distributors", 2);
        var irinas = await GetAsync(api, "/api/v1/distributors?q=" + Uri.EscapeDataString("ирина"));
        var inactive = Ids(await GetAsync(api, "/api/v1/distributors?status=Inactive"));
        var byId = Ids(await GetAsync(api, $"/api/v1/distributors?q={people[4].Id()}"));

        Assert.Equal(people.Select(p => p.Id()), all);
        Assert.Equal(3, pages);
        Assert.Equal([people[0].Id(), people[2].Id()], Ids(irinas));
        Assert.Equal("irina@example.com", irinas.GetProperty("items")[0].GetProperty("email").GetString());
        Assert.Equal([people[3].Id()], inactive);
        Assert.Equal([people[4].Id()], byId);
    }

    [Fact]
    public async Task A_distributor_s_downline_is_their_direct_recruits_with_the_size_of_each_team()
    {
        var leader = await App.CreateDistributorAsync("Lea Leader", "lea@example.com", null);
        var recruits = new List<JsonElement>();
        for (var i = 0; i < 5; i++)
        {
            recruits.Add(await App.CreateDistributorAsync($"Recruit {i}", $"r{i}@example.com", leader.Code()));
        }

        await App.CreateDistributorAsync("Grandchild", "g@example.com", recruits[1].Code());
        await App.CreateDistributorAsync("Grandchild 2", "g2@example.com", recruits[1].Code());
        using var api = App.CreateApiClient();

        var (ids, pages) = await WalkAsync(api, $"/api/v1/distributors/{leader.Id()}/downline", 2);
        var first = await GetAsync(api, $"/api/v1/distributors/{leader.Id()}/downline?limit=2");
        var unknown = await api.GetAsync("/api/v1/distributors/999999/downline");

        Assert.Equal(recruits.Select(r => r.Id()), ids);
        Assert.Equal(3, pages);
        var second = first.GetProperty("items")[1];
        Assert.Equal("Recruit 1", second.GetProperty("name").GetString());
        Assert.Equal(2, second.GetProperty("directRecruits").GetInt32());
        Assert.Equal(2, second.GetProperty("downlineCount").GetInt64());
        Assert.Equal("Active", second.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.ContentType()?.MediaType);
    }

    [Fact]
    public async Task A_distributor_s_statements_are_listed_newest_first()
    {
        await App.CreateProductAsync("A", 10.00m);
        var seller = await App.CreateDistributorAsync("Stan Seller", "stan@example.com", null);
        foreach (var month in new[] { 7, 8, 9 })
        {
            App.Clock.Set(new DateTime(2026, month, 10, 9, 0, 0, DateTimeKind.Utc));
            await App.PostSaleAsync(seller.Id(), $"s{month}", ("A", month));
        }

        App.Clock.Set(new DateTime(2026, 10, 2, 9, 0, 0, DateTimeKind.Utc));
        foreach (var month in new[] { "2026-07", "2026-08", "2026-09" })
        {
            Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync(month)).StatusCode);
        }

        using var api = App.CreateApiClient();

        var first = await GetAsync(api, $"/api/v1/distributors/{seller.Id()}/statements?limit=2");
        var rest = await GetAsync(api, $"/api/v1/distributors/{seller.Id()}/statements?limit=2&after={first.GetProperty("next").GetString()}");
        var unknown = await api.GetAsync("/api/v1/distributors/999999/statements");

        var periods = first.GetProperty("items").EnumerateArray().Concat(rest.GetProperty("items").EnumerateArray()).Select(s => s.GetProperty("period").GetString()).ToList();
        Assert.Equal(["2026-09", "2026-08", "2026-07"], periods);
        var september = first.GetProperty("items")[0];
        Assert.Equal(seller.Id(), september.GetProperty("distributorId").GetInt64());
        Assert.Equal(september.GetProperty("opening").GetDecimal() + september.GetProperty("earned").GetDecimal(), september.GetProperty("closing").GetDecimal());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_lists_need_an_api_key()
    {
        using var none = App.CreateApiClient(key: null);

        foreach (var url in new[] { "/api/v1/sales", "/api/v1/distributors", "/api/v1/distributors/1/downline", "/api/v1/distributors/1/statements" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await none.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task The_openapi_document_requires_the_idempotency_key_and_leaves_optional_fields_optional()
    {
        var doc = await App.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        var schemas = doc.GetProperty("components").GetProperty("schemas");

        foreach (var (path, method) in new[] { ("/api/v1/sales", "post"), ("/api/v1/sales/batch", "post"), ("/api/v1/sales/{id}/refund", "post") })
        {
            var header = paths.GetProperty(path).GetProperty(method).GetProperty("parameters").EnumerateArray()
                .Single(p => p.GetProperty("name").GetString() == "Idempotency-Key");
            Assert.Equal("header", header.GetProperty("in").GetString());
            Assert.True(header.GetProperty("required").GetBoolean());
            Assert.False(string.IsNullOrWhiteSpace(header.GetProperty("description").GetString()));
        }

        string[] Required(string schema) => schemas.GetProperty(schema).TryGetProperty("required", out var r) ? [.. r.EnumerateArray().Select(e => e.GetString()!)] : [];
        Assert.Equal(["distributorId", "lines"], Required("SaleInput"));
        Assert.Equal(["sku", "name", "price"], Required("ProductInput"));
        Assert.Equal(["email", "name"], Required("DistributorInput"));
        Assert.Equal(["personalPercent", "levels"], Required("CommissionPlanInput"));
        Assert.Empty(Required("RefundInput"));
        Assert.Contains("null", schemas.GetProperty("SaleInput").GetProperty("properties").GetProperty("externalId").GetProperty("type").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("string", schemas.GetProperty("ProductInput").GetProperty("properties").GetProperty("sku").GetProperty("type").GetString());
        Assert.Equal("X-Api-Key", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Every_operation_has_a_summary_a_description_and_its_problem_responses_described()
    {
        var doc = await App.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var operations = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Name: $"{o.Name.ToUpperInvariant()} {p.Name}", Operation: o.Value)))
            .ToList();

        Assert.Contains(operations, o => o.Name == "GET /api/v1/sales");
        Assert.Contains(operations, o => o.Name == "GET /api/v1/distributors");
        Assert.Contains(operations, o => o.Name == "GET /api/v1/distributors/{id}/downline");
        Assert.Contains(operations, o => o.Name == "GET /api/v1/distributors/{id}/statements");
        foreach (var (name, operation) in operations)
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), name);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()), name);
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name is "400" or "404" or "409" or "422" or "429"))
            {
                Assert.True(response.Value.GetProperty("description").GetString()!.Length > 20, $"{name} {response.Name}");
                Assert.True(response.Value.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{name} {response.Name}");
            }

            if (operation.TryGetProperty("requestBody", out var body))
            {
                Assert.True(body.GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _), $"{name} has no example body");
            }
        }
    }
}
