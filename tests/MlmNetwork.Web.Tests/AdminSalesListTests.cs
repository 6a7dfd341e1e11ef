using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

/// <summary>The admin's sales list: filters by period, seller and refund status, paging by cursor, and the CSV with the same filters.</summary>
public partial class AdminSalesListTests(MlmAppFactory app) : AppTest(app)
{
    private sealed record World(long Irina, long Oleg, long Paul, long August, long SeptemberWhole, long SeptemberPart, long SeptemberRefunded, long October);

    /// <summary>
    /// Ирина sells in August and October; Oleg three times in September (one sale untouched, one
    /// partly refunded, one refunded in full); Paul once in September.
    /// </summary>
    private async Task<World> SeedAsync()
    {
        await App.CreateProductAsync("A", 10.00m);
        App.Clock.Set(new DateTime(2026, 8, 20, 12, 0, 0, DateTimeKind.Utc));
        var irina = await App.CreateDistributorAsync("Ирина Петрова", "irina@example.com", null);
        var oleg = await App.CreateDistributorAsync("Oleg Orlov", "oleg@example.com", irina.Code());
        var paul = await App.CreateDistributorAsync("Paul Park", "paul@example.com", null);
        var august = await SaleAsync(irina.Id(), "aug", 1);
        App.Clock.Set(new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc));
        var whole = await SaleAsync(oleg.Id(), "sep-1", 1);
        App.Clock.Set(new DateTime(2026, 9, 15, 8, 0, 0, DateTimeKind.Utc));
        var part = await SaleAsync(oleg.Id(), "sep-2", 3);
        var refunded = await SaleAsync(oleg.Id(), "sep-3", 2);
        await SaleAsync(paul.Id(), "sep-4", 1);
        App.Clock.Set(new DateTime(2026, 9, 30, 23, 59, 0, DateTimeKind.Utc));
        using (var api = App.CreateApiClient())
        using (var partial = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sales/{part}/refund") { Content = JsonContent.Create(new { lines = new[] { new { sku = "A", quantity = 1 } } }) })
        {
            partial.Headers.Add("Idempotency-Key", "part");
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(partial)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await App.RefundAsync(refunded, "whole")).StatusCode);
        App.Clock.Set(new DateTime(2026, 10, 2, 9, 0, 0, DateTimeKind.Utc));
        var october = await SaleAsync(irina.Id(), "oct", 1);
        return new World(irina.Id(), oleg.Id(), paul.Id(), august, whole, part, refunded, october);
    }

    private async Task<long> SaleAsync(long seller, string key, int quantity)
    {
        var response = await App.PostSaleAsync(seller, key, ("A", quantity));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Id();
    }

    public static TheoryData<string, string> Filters => new()
    {
        { "", "october sepPaul sepRefunded sepPart sepWhole august" },
        { "month=2026-09", "sepPaul sepRefunded sepPart sepWhole" },
        { "from=2026-09-15&to=2026-10-31", "october sepPaul sepRefunded sepPart" },
        { "from=2026-08-01&to=2026-09-01", "sepWhole august" },
        { "distributor=ирина", "october august" },
        { "distributor=IRINA%40EXAMPLE.COM", "october august" },
        { "distributor={oleg}", "sepRefunded sepPart sepWhole" },
        { "distributor=o&month=2026-09", "sepPaul sepRefunded sepPart sepWhole" },
        { "status=NotRefunded", "october sepPaul sepWhole august" },
        { "status=PartlyRefunded", "sepPart" },
        { "status=Refunded", "sepRefunded" },
        { "status=NotRefunded&distributor=Oleg&month=2026-09", "sepWhole" },
        { "distributor=nobody", "" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_sales_list_filters_by_period_seller_and_refund_status(string filter, string expected)
    {
        var world = await SeedAsync();
        var admin = await App.LoginAsAdminAsync();

        var page = await (await admin.GetAsync("/Admin/Sales?" + filter.Replace("{oleg}", world.Oleg.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))).TextAsync();

        Assert.Equal(Names(world, expected), SaleIds(page));
    }

    [Fact]
    public async Task The_list_shows_amounts_with_the_currency_and_each_sale_s_refund_state()
    {
        var world = await SeedAsync();
        var admin = await App.LoginAsAdminAsync();

        var page = await (await admin.GetAsync("/Admin/Sales?month=2026-09")).TextAsync();

        var rows = Regex.Matches(page, "<tr data-testid=\"sale-row\">(.*?)</tr>", RegexOptions.Singleline).ToDictionary(m => long.Parse(Regex.Match(m.Value, "#(\\d+)<").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Value);
        Assert.Contains("€30.00", rows[world.SeptemberPart]);
        Assert.Contains("€10.00", rows[world.SeptemberPart]); // refunded so far
        Assert.Contains(">Partly refunded<", rows[world.SeptemberPart]);
        Assert.Contains(">Refunded<", rows[world.SeptemberRefunded]);
        Assert.Contains(">Not refunded<", rows[world.SeptemberWhole]);
        Assert.Contains("Oleg Orlov", rows[world.SeptemberWhole]);
    }

    [Theory]
    [InlineData("month=2026-13", "month", "&#x27;2026-13&#x27; is not a month")]
    [InlineData("month=sept", "month", "is not a month")]
    [InlineData("from=31.12.2026", "from", "is not a date")]
    [InlineData("from=2026-10-02&to=2026-10-01", "to", "The last day comes before the first.")]
    [InlineData("status=Maybe", "status", "is not a refund status")]
    [InlineData("status=1", "status", "is not a refund status")]
    [InlineData("after=not-a-cursor", "after", "That page link is not valid")]
    [InlineData("after=OTAwMDAwMDAwMDAwMDAwMDAwMC4x", "after", "That page link is not valid")]
    public async Task Filters_that_cannot_be_read_say_so_next_to_the_field_and_list_nothing(string filter, string field, string message)
    {
        await SeedAsync();
        var admin = await App.LoginAsAdminAsync();

        var response = await admin.GetAsync("/Admin/Sales?" + filter);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(SaleIds(page));
        Assert.Contains(message, field == "after" ? page : Regex.Match(page, $"id=\"{field}-error\">([^<]*)<").Groups[1].Value);
    }

    [Fact]
    public async Task More_than_fifty_matching_sellers_must_be_narrowed_down()
    {
        for (var i = 0; i < 51; i++)
        {
            await App.CreateDistributorAsync($"Same Name {i}", $"same{i}@example.com", null);
        }

        var admin = await App.LoginAsAdminAsync();

        var page = await (await admin.GetAsync("/Admin/Sales?distributor=same")).TextAsync();

        Assert.Contains("More than 50 distributors match 'same'", page);
    }

    [Fact]
    public async Task Long_lists_are_paged_newest_first_by_cursor_without_gaps_or_repeats()
    {
        await App.CreateProductAsync("A", 10.00m);
        var seller = await App.CreateDistributorAsync("Busy Seller", "busy@example.com", null);
        var start = new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc);
        var posted = new List<long>();
        for (var i = 0; i < 57; i++)
        {
            // Three sales share each instant, so ties between equal times are paged by id.
            App.Clock.Set(start.AddMinutes(i / 3));
            posted.Add(await SaleAsync(seller.Id(), $"k{i}", 1));
        }

        var admin = await App.LoginAsAdminAsync();
        var first = await (await admin.GetAsync("/Admin/Sales")).TextAsync();
        var older = Regex.Match(first, "href=\"([^\"]*)\" data-testid=\"older\"").Groups[1].Value;
        var second = await (await admin.GetAsync(System.Net.WebUtility.HtmlDecode(older))).TextAsync();

        Assert.Equal(50, SaleIds(first).Count);
        Assert.Equal(posted.AsEnumerable().Reverse().ToList(), SaleIds(first).Concat(SaleIds(second)).ToList());
        Assert.DoesNotContain("data-testid=\"older\"", second);
        Assert.Contains("Newest", second);
    }

    [Fact]
    public async Task The_csv_has_every_sale_the_filters_take_with_plain_amounts_and_defused_text()
    {
        var world = await SeedAsync();
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE distributors SET name = '@SUM(A1)' WHERE id = {0}", world.Oleg));
        var admin = await App.LoginAsAdminAsync();

        var response = await admin.GetAsync("/Admin/Sales?handler=Csv&month=2026-09&distributor=" + world.Oleg);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.ContentType()?.MediaType);
        Assert.Equal("sale_id,created_at_utc,distributor_id,distributor_name,distributor_email,total,commission_base,refunded,refund_status,plan_version,external_id,starter_kit,currency,customer_id,personal_use", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.True(lines.Any(l => l.StartsWith($"{world.SeptemberPart},2026-09-15T08:00:00Z,{world.Oleg},\"'@SUM(A1)\",\"oleg@example.com\",30.00,30.00,10.00,\"PartlyRefunded\",", StringComparison.Ordinal) && l.EndsWith(",false,\"EUR\",,true", StringComparison.Ordinal)), string.Join("\n", lines));
        Assert.True(lines.Any(l => l.StartsWith($"{world.SeptemberRefunded},", StringComparison.Ordinal) && l.Contains(",20.00,20.00,20.00,\"Refunded\",", StringComparison.Ordinal)), string.Join("\n", lines));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/Admin/Sales?handler=Csv&month=nope")).StatusCode);
    }

    [Fact]
    public async Task A_distributor_s_page_links_to_their_sales()
    {
        var world = await SeedAsync();
        var admin = await App.LoginAsAdminAsync();

        var page = await (await admin.GetAsync($"/Admin/Sales?distributorId={world.Paul}")).TextAsync();

        Assert.Single(SaleIds(page));
        Assert.Contains("Paul Park", page);
    }

    private static List<long> Names(World w, string expected)
    {
        var ids = new Dictionary<string, long>
        {
            ["august"] = w.August, ["sepWhole"] = w.SeptemberWhole, ["sepPart"] = w.SeptemberPart, ["sepRefunded"] = w.SeptemberRefunded,
            ["sepPaul"] = w.SeptemberRefunded + 1, ["october"] = w.October,
        };
        return expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => ids[n]).ToList();
    }

    private static List<long> SaleIds(string page) =>
        SaleIdRegex().Matches(page).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex("<tr data-testid=\"sale-row\">\\s*<td><a href=\"/Admin/Sales/Details/(\\d+)\"")]
    private static partial Regex SaleIdRegex();
}
