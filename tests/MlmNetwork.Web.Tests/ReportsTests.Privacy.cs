using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

// The published income disclosure never lets anybody read one person's earnings (rule 12): not
// on the public page, in its CSV or from the API, while a group of ten or more shows its
// figures, which the test works out itself from the sales.
public partial class ReportsTests
{
    /// <summary>
    /// Plan 10 % personal. Product A (price 100, base 80: 8.00 to its seller) and B (price 700,
    /// base 611: 61.10). <paramref name="newcomers"/> people join in September 2026, all under the
    /// house, and the n-th sells n A; with <paramref name="withBob"/>, Bob, who joined in June 2025,
    /// sells 1 B. September closes; nobody is paid. Returns what each earned.
    /// </summary>
    private async Task<List<decimal>> SeedEarnersAsync(int newcomers, bool withBob)
    {
        App.Clock.Set(At(2025, 6, 10));
        await App.SetPlanAsync(10m);
        await App.CreateProductAsync("A", 100.00m, 80.00m);
        await App.CreateProductAsync("B", 700.00m, 611.00m);
        var earnings = new List<decimal>();
        if (withBob)
        {
            var bob = await App.CreateDistributorAsync("Bob Builder", "bob@example.com", null);
            App.Clock.Set(At(2026, 9, 5));
            Assert.Equal(HttpStatusCode.Created, (await App.PostSaleAsync(bob.Id(), "bob", ("B", 1))).StatusCode);
            earnings.Add(61.10m);
        }

        App.Clock.Set(At(2026, 9, 5));
        for (var n = 1; n <= newcomers; n++)
        {
            var person = await App.CreateDistributorAsync($"Newcomer {n}", $"new{n}@example.com", null);
            Assert.Equal(HttpStatusCode.Created, (await App.PostSaleAsync(person.Id(), $"s{n}", ("A", n))).StatusCode);
            earnings.Add(8.00m * n);
        }

        App.Clock.Set(At(2026, 10, 3));
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-09")).StatusCode);
        var admin = await App.LoginAsAdminAsync();
        var published = await admin.PostFormAsync("/Admin/Reports/IncomeDisclosure?handler=Publish", new() { ["From"] = "2026-09", ["To"] = "2026-09" }, "/Admin/Reports/IncomeDisclosure");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        return [.. earnings.Order()];
    }

    [Fact]
    public async Task Disclosure_a_tenure_group_of_one_and_the_top_earner_cannot_be_read_from_the_page_the_csv_or_the_api()
    {
        // Twelve people: eleven newcomers earning 8.00 to 88.00, and Bob, alone in "1 to 2 years", 61.10.
        var sorted = await SeedEarnersAsync(11, withBob: true);
        Assert.Equal(12, sorted.Count);
        decimal bob = 61.10m, top = sorted[^1];
        Assert.Equal(88.00m, top);
        // The stored snapshot keeps every figure (Bob's group's mean is his earnings): the rule withholds on reading.
        Assert.Contains("61.1", await App.WithDbAsync(db => db.PublishedDisclosures.Select(d => d.Figures).SingleAsync()));

        var visitor = App.CreateBrowser();
        var page = await (await visitor.GetAsync("/income-disclosure")).TextAsync();
        Assert.DoesNotContain(Shown(bob), page);
        Assert.DoesNotContain(Shown(top), page);
        // The newcomers' group would give Bob away (the company's total less theirs), so it is withheld too.
        Assert.DoesNotContain(Shown(sorted.Sum() - bob), page);
        Assert.Matches("data-testid=\"tenure-OneToTwoYears\">\\s*<th scope=\"row\">[^<]*</th><td class=\"num\">1</td>\\s*<td colspan=\"5\" class=\"withheld\" data-testid=\"tenure-withheld\">Fewer than 10 distributors", page);
        Assert.Matches("data-testid=\"tenure-UnderOneYear\">\\s*<th scope=\"row\">[^<]*</th><td class=\"num\">11</td>\\s*<td colspan=\"5\" class=\"withheld\" data-testid=\"tenure-withheld\">Figures withheld: taken away from the whole company", page);

        // The company of twelve shows its middle figures, worked out here: mean, median, p10 to p90.
        Assert.Contains("data-testid=\"disclosure-count\">12<", page);
        Assert.Contains($"data-testid=\"disclosure-mean\">{Shown(Math.Round(sorted.Sum() / 12, 2, MidpointRounding.AwayFromZero))}<", page);
        Assert.Contains($"data-testid=\"disclosure-median\">{Shown(Rank(sorted, 50))}<", page);
        Assert.Contains("data-testid=\"disclosure-nothing\">0\u00a0%<", page);
        foreach (var p in new[] { 10, 25, 50, 75, 90 })
        {
            Assert.Matches($"data-testid=\"p{p}\">.*?<td class=\"num\">{Regex.Escape(Shown(Rank(sorted, p)))}</td>", page);
        }

        // p99 of twelve is the twelfth, the top earner; the best-paid 1% and 10% are one and two people.
        Assert.Matches("data-testid=\"p99\">.*?<td class=\"num\">—</td>", page);
        Assert.Contains("data-testid=\"percentiles-withheld\"", page);
        Assert.Contains("data-testid=\"disclosure-top1\">—<", page);
        Assert.Contains("data-testid=\"disclosure-top10\">—<", page);
        Assert.Contains("withheld: they are fewer than 10 people", page);
        // The ledger's totals of twelve people are shown; the amount paid (to nobody) is not.
        Assert.Contains($"data-testid=\"disclosure-net\">{Shown(sorted.Sum())}<", page);
        Assert.Contains("data-testid=\"disclosure-paid\">—<", page);

        var csv = await visitor.GetStringAsync("/income-disclosure/csv");
        var values = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(',')[^1]).ToList();
        Assert.DoesNotContain(values, v => v is "61.10" or "88.00" || v == (sorted.Sum() - bob).ToString("0.00", CultureInfo.InvariantCulture));
        Assert.Contains("\"tenure_1_to_2_years\",\"mean\",\"withheld\"\r\n", csv);
        Assert.Contains("\"tenure_under_1_year\",\"withheld_because\",\"would_reveal_smaller_groups\"\r\n", csv);
        Assert.Contains("\"all\",\"p99\",\"withheld\"\r\n", csv);
        Assert.Contains($"\"all\",\"p90\",{Rank(sorted, 90).ToString("0.00", CultureInfo.InvariantCulture)}\r\n", csv);

        using var api = App.CreateApiClient();
        var json = await api.GetFromJsonAsync<JsonElement>("/api/v1/income-disclosure");
        var numbers = JsonNumbers(json).ToList();
        Assert.DoesNotContain(bob, numbers);
        Assert.DoesNotContain(top, numbers);
        Assert.DoesNotContain(sorted.Sum() - bob, numbers);
        var all = json.GetProperty("all");
        Assert.Equal(Rank(sorted, 50), all.GetProperty("median").GetDecimal());
        Assert.Equal(JsonValueKind.Null, all.GetProperty("percentiles").GetProperty("p99").ValueKind);
        Assert.Equal(["p99", "top1PercentShare", "top10PercentShare"], all.GetProperty("withheld").EnumerateArray().Select(e => e.GetString()));
        var byTenure = json.GetProperty("byTenure").EnumerateArray().ToDictionary(g => g.GetProperty("tenure").GetString()!, g => g.GetProperty("earnings"));
        Assert.Equal(("fewerThan10Distributors", 1L), (byTenure["OneToTwoYears"].GetProperty("withheldBecause").GetString(), byTenure["OneToTwoYears"].GetProperty("distributors").GetInt64()));
        Assert.Equal(JsonValueKind.Null, byTenure["OneToTwoYears"].GetProperty("mean").ValueKind);
        Assert.Equal("wouldRevealSmallerGroups", byTenure["UnderOneYear"].GetProperty("withheldBecause").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("paidOut").ValueKind);

        // In Russian the withheld figures are explained in Russian.
        var russian = App.CreateBrowser();
        russian.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("ru-RU"));
        var ru = await (await russian.GetAsync("/income-disclosure")).TextAsync();
        Assert.Contains("не публикуется: это меньше 10 человек", ru);
        Assert.Contains("Цифры не публикуются: если вычесть их из цифр всей компании", ru);
        Assert.DoesNotContain("withheld:", ru);
    }

    [Fact]
    public async Task Disclosure_a_group_of_ten_shows_its_figures()
    {
        // Ten newcomers earning 8.00 to 80.00, all under one year: the company and its one group are the same ten.
        var sorted = await SeedEarnersAsync(10, withBob: false);

        var page = await (await App.CreateBrowser().GetAsync("/income-disclosure")).TextAsync();
        Assert.DoesNotContain("data-testid=\"disclosure-withheld\"", page);
        var mean = Shown(sorted.Sum() / 10);
        Assert.Contains($"data-testid=\"disclosure-mean\">{mean}<", page);
        Assert.Matches($"data-testid=\"tenure-UnderOneYear\">\\s*<th scope=\"row\">[^<]*</th><td class=\"num\">10</td>\\s*<td class=\"num\">0\u00a0%</td>\\s*<td class=\"num\">{Regex.Escape(Shown(Rank(sorted, 50)))}</td><td class=\"num\">{Regex.Escape(mean)}</td><td class=\"num\">{Regex.Escape(Shown(Rank(sorted, 90)))}</td><td class=\"num\">—</td>", page);
        // The empty groups hide nothing but have nothing to show.
        Assert.Matches("data-testid=\"tenure-OverTwoYears\">\\s*<th scope=\"row\">[^<]*</th><td class=\"num\">0</td>", page);
        // p10 of ten is the lowest earner, p99 the highest: withheld; p25 to p90 shown.
        Assert.Matches("data-testid=\"p10\">.*?<td class=\"num\">—</td>", page);
        Assert.Matches($"data-testid=\"p25\">.*?<td class=\"num\">{Regex.Escape(Shown(Rank(sorted, 25)))}</td>", page);
        Assert.Matches($"data-testid=\"p90\">.*?<td class=\"num\">{Regex.Escape(Shown(Rank(sorted, 90)))}</td>", page);
        Assert.Matches("data-testid=\"p99\">.*?<td class=\"num\">—</td>", page);

        using var api = App.CreateApiClient();
        var group = (await api.GetFromJsonAsync<JsonElement>("/api/v1/income-disclosure")).GetProperty("byTenure")[0];
        Assert.Equal("UnderOneYear", group.GetProperty("tenure").GetString());
        var earnings = group.GetProperty("earnings");
        Assert.Equal(JsonValueKind.Null, earnings.GetProperty("withheldBecause").ValueKind);
        Assert.Equal((sorted.Sum(), Rank(sorted, 75)), (earnings.GetProperty("total").GetDecimal(), earnings.GetProperty("percentiles").GetProperty("p75").GetDecimal()));
    }

    private static IEnumerable<decimal> JsonNumbers(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => [element.GetDecimal()],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => JsonNumbers(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(JsonNumbers),
        _ => [],
    };
}
