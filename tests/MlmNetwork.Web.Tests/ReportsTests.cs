using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// The company finance report and the income disclosure on a small network made through the
/// app's own endpoints, whose figures the test works out itself from the prices, the plan and
/// what happened (never by calling the report code): on the pages, in the CSVs and in the API.
/// </summary>
public partial class ReportsTests(MlmAppFactory app) : AppTest(app)
{
    private static DateTime At(int year, int month, int day) => new(year, month, day, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>A commission line: base times percent, rounded to the cent half away from zero (rule 3).</summary>
    private static decimal Line(decimal commissionBase, decimal percent) => Math.Round(commissionBase * percent / 100m, 2, MidpointRounding.AwayFromZero);

    private const decimal Personal = 10m, Level1 = 5m, MinimumVolume = 20m;

    /// <summary>The people of the network and what each kept in September and October, worked out from the story in <see cref="SeedAsync"/>.</summary>
    private sealed record World(Dictionary<string, long> Ids, Dictionary<string, decimal> Earnings);

    /// <summary>
    /// Plan 10 % personal, 5 % on level 1, a minimum personal volume of 20. Products A (price 100,
    /// base 80) and B (10). Kits Basic (10.00) and Business (150.00).
    /// Olga joins in March 2024, Mark under her in June 2025; Quentin joins in January 2025 and is
    /// terminated in February 2025. September 2026: Lena, Roman under her, Dora under Roman; Tanya
    /// signs up through the join page with the Business kit and is terminated on the 20th. Sales:
    /// Roman 2 A, Dora 1 B, Lena 1 A, Olga 1 A; one A of Roman's refunded. September closes on
    /// 5 October (Dora's 10 of volume misses the minimum) and is paid (minimum payout 10). October:
    /// Olga 1 A, Mark 3 B; closed and paid on 3 November, when Yuri joins.
    /// </summary>
    private async Task<World> SeedAsync()
    {
        var ids = new Dictionary<string, long>();
        App.Clock.Set(At(2024, 3, 10));
        using var api = App.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("/api/v1/commission-plan", new { personalPercent = Personal, levels = new[] { Level1 }, minPersonalVolume = MinimumVolume })).StatusCode);
        await App.CreateProductAsync("A", 100.00m, 80.00m);
        await App.CreateProductAsync("B", 10.00m);
        var olga = await App.CreateDistributorAsync("Ольга Старая", "olga@example.com", null);
        ids["Olga"] = olga.Id();
        App.Clock.Set(At(2025, 1, 10));
        ids["Quentin"] = (await App.CreateDistributorAsync("Quentin Quit", "quentin@example.com", null)).Id();
        App.Clock.Set(At(2025, 2, 1));
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(ids["Quentin"], "Terminated")).StatusCode);
        App.Clock.Set(At(2025, 6, 10));
        ids["Mark"] = (await App.CreateDistributorAsync("Mark Middle", "mark@example.com", olga.Code())).Id();

        App.Clock.Set(At(2026, 9, 1));
        var admin = await App.LoginAsAdminAsync();
        await App.CreateKitAsync(admin, "Basic", "10", ("B", 1));
        var business = await App.CreateKitAsync(admin, "Business", "150", ("A", 1), ("B", 2));
        App.Clock.Set(At(2026, 9, 5));
        var lena = await App.CreateDistributorAsync("Lena Leader", "lena@example.com", null);
        var roman = await App.CreateDistributorAsync("Roman Recruit", "roman@example.com", lena.Code());
        var dora = await App.CreateDistributorAsync("Dora Deep", "dora@example.com", roman.Code());
        var (_, tanya) = await App.SignUpThroughReferralAsync(null, "Tanya Tried", "tanya@example.com", business);
        (ids["Lena"], ids["Roman"], ids["Dora"], ids["Tanya"]) = (lena.Id(), roman.Id(), dora.Id(), tanya.Id());
        var romanSale = await (await App.PostSaleAsync(ids["Roman"], "s1", ("A", 2))).Content.ReadFromJsonAsync<JsonElement>();
        await App.PostSaleAsync(ids["Dora"], "s2", ("B", 1));
        await App.PostSaleAsync(ids["Lena"], "s3", ("A", 1));
        await App.PostSaleAsync(ids["Olga"], "s4", ("A", 1));
        using (var refund = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sales/{romanSale.Id()}/refund") { Content = JsonContent.Create(new { lines = new[] { new { sku = "A", quantity = 1 } } }) })
        {
            refund.Headers.Add("Idempotency-Key", "r1");
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(refund)).StatusCode);
        }

        App.Clock.Set(At(2026, 9, 20));
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(ids["Tanya"], "Terminated")).StatusCode);
        App.Clock.Set(At(2026, 10, 5));
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-09")).StatusCode);
        await App.PayUpToAsync("2026-09", "2026-10-05");
        await App.PostSaleAsync(ids["Olga"], "s5", ("A", 1));
        await App.PostSaleAsync(ids["Mark"], "s6", ("B", 3));
        App.Clock.Set(At(2026, 11, 3));
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-10")).StatusCode);
        await App.PayUpToAsync("2026-10", "2026-11-03");
        ids["Yuri"] = (await App.CreateDistributorAsync("Yuri Later", "yuri@example.com", null)).Id();

        // What each kept of September and October, by the rules: the seller 10 % of the base, the
        // sponsor 5 %; the refund takes back the refunded base's share of each line; Dora's
        // September line is forfeited (volume 10 < 20).
        var earnings = new Dictionary<string, decimal>
        {
            ["Lena"] = Line(160, Level1) + Line(80, Personal) - Line(80, Level1),
            ["Roman"] = Line(160, Personal) + Line(10, Level1) - Line(80, Personal),
            ["Dora"] = Line(10, Personal) - Line(10, Personal),
            ["Tanya"] = 0m,
            ["Olga"] = Line(80, Personal) + Line(80, Personal) + Line(30, Level1),
            ["Mark"] = Line(30, Personal),
        };
        return new World(ids, earnings);
    }

    /// <summary>The nearest-rank percentile, worked out here on its own: the value at position ⌈p·n/100⌉.</summary>
    private static decimal Rank(List<decimal> sorted, int p) => sorted[(int)Math.Ceiling(p * sorted.Count / 100m) - 1];

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Shown(decimal amount) => "€" + amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_finance_report_shows_each_month_worked_out_from_what_happened()
    {
        var world = await SeedAsync();
        var admin = await App.LoginAsAdminAsync();

        // September: Roman 2 A (200, base 160), Dora 1 B (10), Lena 1 A (100, 80), Olga 1 A
        // (100, 80), Tanya's Business kit (150, base 0: a kit pays nobody); one A refunded.
        var septemberEarned = Line(160, Personal) + Line(160, Level1) + Line(10, Personal) + Line(10, Level1) + Line(80, Personal) + Line(80, Personal);
        var septemberReversed = -(Line(80, Personal) + Line(80, Level1));
        var septemberForfeited = -Line(10, Personal);
        var septemberNet = septemberEarned + septemberReversed + septemberForfeited;
        var septemberSales = 200m + 10m + 100m + 100m + 150m - 100m;
        var octoberEarned = Line(80, Personal) + Line(30, Personal) + Line(30, Level1);
        // Paid with a minimum payout of 10: in October (September's run) Lena's 12.00 only; in
        // November (October's run) Olga's 17.50 only (Roman's 8.50 and Mark's 3.00 carry over).
        var paidOctober = world.Earnings["Lena"];
        var paidNovember = world.Earnings["Olga"];
        Assert.Equal((12.00m, 17.50m), (paidOctober, paidNovember));

        var page = await (await admin.GetAsync("/Admin/Reports/Finance")).TextAsync();
        var september = Row(page, "month-2026-09");
        Assert.Contains($"data-testid=\"net-sales\">{Shown(septemberSales)}<", september);
        Assert.Contains($"data-testid=\"net-base\">{Shown(160 + 10 + 80 + 80 - 80)}<", september);
        Assert.Contains($"data-testid=\"earned\">{Shown(septemberEarned)}<", september);
        Assert.Contains($"data-testid=\"net-commissions\">{Shown(septemberNet)}<", september);
        Assert.Contains($"data-testid=\"paid\">{Shown(0)}<", september);
        Assert.Contains($"data-testid=\"ratio\">{Math.Round(septemberNet * 100 / septemberSales, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture)}\u00a0%<", september);
        Assert.Contains($"data-testid=\"paid\">{Shown(paidOctober)}<", Row(page, "month-2026-10"));
        Assert.Contains($"data-testid=\"paid\">{Shown(paidNovember)}<", Row(page, "month-2026-11"));
        var total = Row(page, "month-total");
        Assert.Contains($"data-testid=\"net-commissions\">{Shown(septemberNet + octoberEarned)}<", total);
        Assert.Contains($"data-testid=\"paid\">{Shown(paidOctober + paidNovember)}<", total);
        Assert.Contains("data-testid=\"chart-finance\"", page);
        Assert.Contains("data-testid=\"finance-definitions\"", page);
        // The last twelve months by default, this one included.
        Assert.Contains("data-testid=\"month-2025-12\"", page);
        Assert.DoesNotContain("data-testid=\"month-2025-11\"", page);

        var csv = await admin.GetStringAsync("/Admin/Reports/Finance?handler=Csv&from=2026-09&to=2026-10");
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("month,sales,sales_total,refunded_total,net_sales,", lines[0]);
        Assert.Equal([5m, 560m, 100m, septemberSales, 330m, 80m, 250m, septemberEarned, septemberReversed, septemberForfeited, septemberNet, 0m, 6.2m, 11.4m], Numbers(lines[1], "2026-09"));
        Assert.Equal([2m, 130m, 0m, 130m, 110m, 0m, 110m, octoberEarned, 0m, 0m, octoberEarned, paidOctober, 9.62m, 11.36m], Numbers(lines[2], "2026-10"));
        Assert.StartsWith("\"total\",7,690.00,100.00,590.00,", lines[3]);

        using var api = App.CreateApiClient();
        var report = await api.GetFromJsonAsync<JsonElement>("/api/v1/reports/finance?from=2026-09&to=2026-11");
        Assert.Equal(3, report.GetProperty("months").GetArrayLength());
        var apiSeptember = report.GetProperty("months")[0];
        Assert.Equal(("2026-09", 5, septemberNet, 6.2m), (apiSeptember.GetProperty("month").GetString(), apiSeptember.GetProperty("salesCount").GetInt32(), apiSeptember.GetProperty("netCommissions").GetDecimal(), apiSeptember.GetProperty("payoutRatio").GetDecimal()));
        Assert.Equal(paidOctober + paidNovember, report.GetProperty("total").GetProperty("paidOut").GetDecimal());
        Assert.Equal(world.Earnings.Values.Sum(), report.GetProperty("total").GetProperty("netCommissions").GetDecimal());
        Assert.Equal("EUR", report.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task The_finance_report_refuses_a_range_it_cannot_read_with_a_message()
    {
        var admin = await App.LoginAsAdminAsync();
        var backwards = await (await admin.GetAsync("/Admin/Reports/Finance?from=2026-10&to=2026-09")).TextAsync();
        Assert.Contains("The first month 2026-10 comes after the last month 2026-09.", backwards);
        var unreadable = await (await admin.GetAsync("/Admin/Reports/Finance?from=soon&to=2026-09")).TextAsync();
        Assert.Contains("'soon' is not a period", unreadable);
        Assert.DoesNotContain("data-testid=\"finance-table\"", unreadable);

        using var api = App.CreateApiClient();
        var refused = await api.GetAsync("/api/v1/reports/finance?from=2026-10&to=2026-09");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await api.GetAsync("/api/v1/reports/finance?from=2000-01&to=2026-09")).StatusCode);
        // A month that is no month is refused under the parameter that carried it.
        var unreadableFrom = await api.GetAsync("/api/v1/reports/finance?from=abc&to=2026-09");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unreadableFrom.StatusCode);
        Assert.Equal("from", (await unreadableFrom.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Equal("to", (await (await api.GetAsync("/api/v1/reports/finance?to=2026-13")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateApiClient(key: null).GetAsync("/api/v1/reports/finance")).StatusCode);
        var anonymous = await App.CreateBrowser().GetAsync("/Admin/Reports/Finance");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_disclosure_preview_of_a_small_network_counts_who_was_a_member_and_withholds_every_other_figure()
    {
        var world = await SeedAsync();
        var admin = await App.LoginAsAdminAsync();

        var page = await (await admin.GetAsync("/Admin/Reports/IncomeDisclosure?from=2026-09&to=2026-10")).TextAsync();

        // Counted: Olga, Mark, Lena, Roman, Dora and Tanya (terminated after the range began).
        // Not: the house, Quentin (terminated in 2025), Yuri (joined after the range).
        Assert.Equal(6, world.Earnings.Count);
        Assert.Contains("data-testid=\"disclosure-count\">6<", page);
        // Six people are fewer than ten: the counts are all that is shown (rule 12), and the preview says so.
        Assert.Contains("data-testid=\"preview-withheld\"", page);
        Assert.Contains("Fewer than 10 distributors: figures withheld so that no one", page);
        foreach (var figure in new[] { "nothing", "median", "mean", "top10", "top1" })
        {
            Assert.Contains($"data-testid=\"disclosure-{figure}\">—<", page);
        }

        Assert.DoesNotContain("data-testid=\"disclosure-percentiles\"", page);
        Assert.DoesNotContain("data-testid=\"disclosure-kit\"", page);
        Assert.Contains("data-testid=\"money-withheld\"", page);
        // Mark is the only one of one to two years, Olga of two years or more: their groups show their count only.
        Assert.Matches("data-testid=\"tenure-UnderOneYear\">\\s*<th scope=\"row\">[^<]*</th><td class=\"num\">4</td>\\s*<td colspan=\"5\" class=\"withheld\"", page);
        Assert.Matches("data-testid=\"tenure-OneToTwoYears\">\\s*<th scope=\"row\">[^<]*</th><td class=\"num\">1</td>\\s*<td colspan=\"5\" class=\"withheld\"", page);
        Assert.Matches("data-testid=\"tenure-OverTwoYears\">\\s*<th scope=\"row\">[^<]*</th><td class=\"num\">1</td>\\s*<td colspan=\"5\" class=\"withheld\"", page);
        foreach (var (name, earned) in world.Earnings.Where(e => e.Value > 0))
        {
            Assert.False(page.Contains(Shown(earned), StringComparison.Ordinal), $"{name}'s {earned} is on the preview");
        }

        Assert.DoesNotContain(Shown(world.Earnings.Values.Sum()), page);
        Assert.Contains("nearest-rank method", page);

        var csv = await admin.GetStringAsync("/Admin/Reports/IncomeDisclosure?handler=Csv&from=2026-09&to=2026-10");
        Assert.Contains("\"all\",\"distributors\",6\r\n", csv);
        Assert.Contains("\"all\",\"withheld_because\",\"fewer_than_10_distributors\"\r\n", csv);
        Assert.Contains("\"all\",\"median\",\"withheld\"\r\n", csv);
        Assert.Contains("\"all\",\"p90\",\"withheld\"\r\n", csv);
        Assert.Contains("\"tenure_under_1_year\",\"distributors\",4\r\n", csv);
        Assert.Contains("\"tenure_1_to_2_years\",\"total\",\"withheld\"\r\n", csv);
        Assert.Contains("\"starter_kits\",\"withheld_because\",\"fewer_than_10_distributors\"\r\n", csv);
        Assert.Contains("\"commissions\",\"paid_out\",\"withheld\"\r\n", csv);
        Assert.DoesNotContain(Money(world.Earnings["Mark"]), csv);
        Assert.DoesNotContain(Money(world.Earnings["Olga"]), csv);
    }

    [Fact]
    public async Task A_disclosure_covers_closed_months_only()
    {
        await SeedAsync();
        var admin = await App.LoginAsAdminAsync();

        var open = await (await admin.GetAsync("/Admin/Reports/IncomeDisclosure?from=2026-09&to=2026-11")).TextAsync();
        Assert.Contains("2026-11 is not closed; a disclosure covers closed months only.", open);
        Assert.DoesNotContain("data-testid=\"publish-form\"", open);
        var refused = await admin.PostFormAsync("/Admin/Reports/IncomeDisclosure?handler=Publish", new() { ["From"] = "2026-09", ["To"] = "2026-11" }, "/Admin/Reports/IncomeDisclosure");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("2026-11 is not closed", await refused.TextAsync());
        Assert.False(await App.WithDbAsync(db => db.PublishedDisclosures.AnyAsync()));

        // With no range chosen, the page previews the last twelve closed months (here September and October).
        var preset = await (await admin.GetAsync("/Admin/Reports/IncomeDisclosure")).TextAsync();
        Assert.Contains("value=\"2026-09\"", preset);
        Assert.Contains("value=\"2026-10\"", preset);
        Assert.Contains("data-testid=\"disclosure-count\">6<", preset);
    }

    [Fact]
    public async Task Publishing_puts_a_snapshot_on_the_public_page_and_the_join_page_links_to_it()
    {
        var world = await SeedAsync();
        var admin = await App.LoginAsAdminAsync();
        var visitor = App.CreateBrowser();
        using var api = App.CreateApiClient();
        var joinUrl = "/join/" + (await App.GetDistributorAsync(world.Ids["Lena"])).Code();

        // Nothing published: the public page says so, the join page has no link, the API a 404.
        Assert.Contains("The company has not published an income disclosure yet.", await (await visitor.GetAsync("/income-disclosure")).TextAsync());
        Assert.DoesNotContain("data-testid=\"disclosure-link\"", await visitor.GetStringAsync(joinUrl));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/income-disclosure")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/income-disclosure/csv")).StatusCode);

        var published = await admin.PostFormAsync("/Admin/Reports/IncomeDisclosure?handler=Publish", new() { ["From"] = "2026-09", ["To"] = "2026-09" }, "/Admin/Reports/IncomeDisclosure");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        // September alone: Lena 12.00, Roman 8.50, Olga 8.00, Dora, Tanya and Mark nothing: six people, so the count only.
        var page = await (await visitor.GetAsync("/income-disclosure")).TextAsync();
        Assert.Contains("data-testid=\"disclosure-count\">6<", page);
        Assert.Contains("data-testid=\"disclosure-median\">—<", page);
        Assert.Contains("data-testid=\"disclosure-nothing\">—<", page);
        Assert.Contains("Fewer than 10 distributors: figures withheld so that no one", page);
        Assert.Contains("Everyone who had joined by the end of the period and had not been terminated before it began", page);
        Assert.Contains("data-testid=\"disclosure-link\"", await visitor.GetStringAsync(joinUrl));
        Assert.Contains("Before you join, read what distributors really earned", await visitor.GetStringAsync(joinUrl));

        // A snapshot: someone who joins in September afterwards changes a new preview, not the published page.
        App.Clock.Set(At(2026, 9, 25));
        await App.CreateDistributorAsync("Late Entry", "late@example.com", null);
        App.Clock.Set(At(2026, 11, 4));
        Assert.Contains("data-testid=\"disclosure-count\">7<", await (await admin.GetAsync("/Admin/Reports/IncomeDisclosure?from=2026-09&to=2026-09")).TextAsync());
        Assert.Contains("data-testid=\"disclosure-count\">6<", await (await visitor.GetAsync("/income-disclosure")).TextAsync());

        var csv = await visitor.GetAsync("/income-disclosure/csv");
        Assert.Equal("text/csv", csv.ContentType()?.MediaType);
        var csvText = await csv.Content.ReadAsStringAsync();
        Assert.Contains("\"range\",\"from\",2026-09\r\n", csvText);
        Assert.Contains("\"all\",\"distributors\",6\r\n", csvText);
        Assert.Contains("\"all\",\"median\",\"withheld\"\r\n", csvText);
        Assert.Contains("\"range\",\"published_at\",2026-11-03T09:00:00Z", csvText);

        var fromApi = await api.GetFromJsonAsync<JsonElement>("/api/v1/income-disclosure");
        Assert.Equal(("2026-09", "2026-09", 6L), (fromApi.GetProperty("from").GetString(), fromApi.GetProperty("to").GetString(), fromApi.GetProperty("all").GetProperty("distributors").GetInt64()));
        Assert.Equal(JsonValueKind.Null, fromApi.GetProperty("all").GetProperty("percentiles").GetProperty("p90").ValueKind);
        Assert.Equal("fewerThan10Distributors", fromApi.GetProperty("all").GetProperty("withheldBecause").GetString());
        Assert.Equal(3, fromApi.GetProperty("byTenure").GetArrayLength());

        // Republishing replaces it, and both are audited.
        var again = await admin.PostFormAsync("/Admin/Reports/IncomeDisclosure?handler=Publish", new() { ["From"] = "2026-09", ["To"] = "2026-10" }, "/Admin/Reports/IncomeDisclosure");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var republished = await (await visitor.GetAsync("/income-disclosure")).TextAsync();
        Assert.Contains("data-testid=\"disclosure-count\">7<", republished);
        Assert.Equal(1, await App.WithDbAsync(db => db.PublishedDisclosures.CountAsync()));
        var audit = await (await admin.GetAsync("/Admin/Audit?kind=disclosure.publish")).TextAsync();
        Assert.Contains("September 2026 to September 2026: 6 distributors", audit);
        Assert.Contains("September 2026 to October 2026: 7 distributors, replacing September 2026 to September 2026", audit);
        Assert.Contains("Published: September 2026 to October 2026", await (await admin.GetAsync("/Admin/Reports/IncomeDisclosure")).TextAsync());
    }

    [Fact]
    public async Task The_public_disclosure_reads_in_russian_for_anybody()
    {
        await SeedAsync();
        var admin = await App.LoginAsAdminAsync();
        await admin.PostFormAsync("/Admin/Reports/IncomeDisclosure?handler=Publish", new() { ["From"] = "2026-09", ["To"] = "2026-10" }, "/Admin/Reports/IncomeDisclosure");

        var visitor = App.CreateBrowser();
        visitor.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("ru-RU"));
        var page = await (await visitor.GetAsync("/income-disclosure")).TextAsync();
        Assert.Contains("Сколько на самом деле зарабатывают наши дистрибьюторы", page);
        Assert.Contains("Учтено дистрибьюторов", page);
        Assert.Contains("Меньше 10 дистрибьюторов: цифры не публикуются, чтобы по ним нельзя было узнать чей-либо доход.", page);
        Assert.Contains("методом ближайшего ранга", page);
        Assert.Contains("Прежде чем вступать", await visitor.GetStringAsync("/join"));
    }

    /// <summary>The numbers of a CSV row of the finance report, after checking its month and its currency.</summary>
    private static decimal[] Numbers(string line, string month)
    {
        var fields = line.Split(',');
        Assert.Equal((month, "\"EUR\""), (fields[0], fields[^1]));
        return [.. fields[1..^1].Select(f => decimal.Parse(f, CultureInfo.InvariantCulture))];
    }

    private static string Row(string page, string testId)
    {
        var match = Regex.Match(page, $"<tr data-testid=\"{testId}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"No row {testId}");
        return match.Groups[1].Value;
    }
}
