using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Reports;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// The admin's network overview on a small network whose figures the test works out itself from
/// the prices, the plan and what happened: statuses, sign-ups per week, sales and commissions per
/// month with the payout ratio, top earners and depths, on the page and in each CSV.
/// </summary>
public partial class NetworkOverviewTests(MlmAppFactory app) : AppTest(app)
{
    private static readonly DateTime September10 = new(2026, 9, 10, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime October5 = new(2026, 10, 5, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>A commission line: base times percent, rounded to the cent half away from zero (rule 3).</summary>
    private static decimal Line(decimal commissionBase, decimal percent) => Math.Round(commissionBase * percent / 100m, 2, MidpointRounding.AwayFromZero);

    private sealed record World(long Leader, long Recruit, long Deep, long Inactive, long Terminated, long Late);

    /// <summary>
    /// September: leader L (under the house), R under L, D under R; X and T under the house, X made
    /// Inactive and T Terminated. Sales: R 2 x A, D 1 x B, L 1 x A; one A of R's sale refunded.
    /// The month closes with a minimum personal volume of 20, which D (10) misses. October: Y joins
    /// under D, L sells 1 x B and D 3 x B.
    /// </summary>
    private async Task<World> SeedAsync()
    {
        App.Clock.Set(September10);
        using var api = App.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("/api/v1/commission-plan", new { personalPercent = 10m, levels = new[] { 5m, 2m }, minPersonalVolume = 20m })).StatusCode);
        await App.CreateProductAsync("A", 100.00m, 80.00m);
        await App.CreateProductAsync("B", 10.00m);
        var leader = await App.CreateDistributorAsync("Лидия Лидер", "lidia@example.com", null);
        var recruit = await App.CreateDistributorAsync("Roman Recruit", "roman@example.com", leader.Code());
        var deep = await App.CreateDistributorAsync("Dora Deep", "dora@example.com", recruit.Code());
        var inactive = await App.CreateDistributorAsync("Xenia Idle", "xenia@example.com", null);
        var terminated = await App.CreateDistributorAsync("Tom Gone", "tom@example.com", null);
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(inactive.Id(), "Inactive")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(terminated.Id(), "Terminated")).StatusCode);

        var recruitSale = await (await App.PostSaleAsync(recruit.Id(), "s1", ("A", 2))).Content.ReadFromJsonAsync<JsonElement>();
        await App.PostSaleAsync(deep.Id(), "s2", ("B", 1));
        await App.PostSaleAsync(leader.Id(), "s3", ("A", 1));
        using (var refund = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sales/{recruitSale.Id()}/refund") { Content = JsonContent.Create(new { lines = new[] { new { sku = "A", quantity = 1 } } }) })
        {
            refund.Headers.Add("Idempotency-Key", "r1");
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(refund)).StatusCode);
        }

        App.Clock.Set(October5);
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-09")).StatusCode);
        var late = await App.CreateDistributorAsync("Yana Late", "yana@example.com", deep.Code());
        await App.PostSaleAsync(leader.Id(), "s4", ("B", 1));
        await App.PostSaleAsync(deep.Id(), "s5", ("B", 3));
        return new World(leader.Id(), recruit.Id(), deep.Id(), inactive.Id(), terminated.Id(), late.Id());
    }

    [Fact]
    public async Task The_overview_shows_the_network_worked_out_from_what_happened()
    {
        await SeedAsync();
        var admin = await App.LoginAsAdminAsync();

        var page = await (await admin.GetAsync("/Admin")).TextAsync();

        // Statuses: L, R, D and Y Active; X Inactive; T Terminated (the house is not counted).
        Assert.Contains("data-testid=\"network-size\">6<", page);
        Assert.Contains("data-testid=\"status-Active\">4<", page);
        Assert.Contains("data-testid=\"status-Inactive\">1<", page);
        Assert.Contains("data-testid=\"status-Terminated\">1<", page);
        // Depths: L, X, T at 1; R at 2; D at 3; Y at 4.
        Assert.Contains("data-testid=\"max-depth\">4<", page);

        // September: R's 2 x A (base 160) pays R 10 % and L 5 % (the house at level 2 never earns);
        // D's B (base 10) pays D, R and L; L's A (base 80) pays L. One A refunded (base 80) reverses
        // R's and L's share of it; D's line is forfeited at the close (personal volume 10 < 20).
        var earned = Line(160, 10) + Line(160, 5) + Line(10, 10) + Line(10, 5) + Line(10, 2) + Line(80, 10);
        var reversed = -(Line(80, 10) + Line(80, 5));
        var forfeited = -Line(10, 10);
        var netSales = 100m * 2 + 10m + 100m - 100m;
        var netBase = 80m * 2 + 10m + 80m - 80m;
        var september = Row(page, "2026-09");
        Assert.Equal(Money(netSales), september["net-sales"]);
        Assert.Equal(Money(earned + reversed + forfeited), september["net-commissions"]);
        Assert.Equal(Percent((earned + reversed + forfeited) / netSales), september["ratio-sales"]);
        Assert.Equal(Percent((earned + reversed + forfeited) / netBase), september["ratio-base"]);

        // October: L's B pays L; D's 3 x B (base 30) pays D, R and L.
        var october = Line(10, 10) + Line(30, 10) + Line(30, 5) + Line(30, 2);
        Assert.Equal(Money(40m), Row(page, "2026-10")["net-sales"]);
        Assert.Equal(Money(october), Row(page, "2026-10")["net-commissions"]);
        Assert.Contains($"data-testid=\"month-sales\">{Money(40m)}<", page);
        Assert.Contains(Percent((earned + reversed + forfeited + october) / (netSales + 40m)), Regex.Match(page, "data-testid=\"payout-ratio\">([^<]*)<").Groups[1].Value);

        // Top earners this month: D 3.00, L 1.00 + 0.60, R 1.50; all time: L, then R, then D.
        var leaderAll = Line(160, 5) + Line(10, 2) + Line(80, 10) - Line(80, 5) + Line(10, 10) + Line(30, 2);
        var recruitAll = Line(160, 10) + Line(10, 5) - Line(80, 10) + Line(30, 5);
        var deepAll = Line(10, 10) - Line(10, 10) + Line(30, 10);
        Assert.Equal(["Dora Deep", "Лидия Лидер", "Roman Recruit"], Names(page, "top-month"));
        Assert.Equal(["Лидия Лидер", "Roman Recruit", "Dora Deep"], Names(page, "top-all-time"));
        Assert.Contains(Money(leaderAll), Table(page, "top-all-time"));
        Assert.Contains(Money(recruitAll), Table(page, "top-all-time"));
        Assert.Contains(Money(deepAll), Table(page, "top-all-time"));
    }

    [Fact]
    public async Task Each_table_of_the_overview_downloads_as_csv_with_plain_amounts_and_the_currency()
    {
        await SeedAsync();
        var admin = await App.LoginAsAdminAsync();

        var months = await CsvAsync(admin, "months");
        var status = await CsvAsync(admin, "status");
        var signups = await CsvAsync(admin, "signups");
        var depth = await CsvAsync(admin, "depth");
        var top = await CsvAsync(admin, "top-all-time");

        Assert.Equal("month,sales,sales_total,refunded_total,net_sales,net_commission_base,commissions_earned,commissions_reversed,commissions_forfeited,net_commissions,payout_ratio_of_sales_percent,payout_ratio_of_base_percent,currency", months[0]);
        Assert.Equal(13, months.Count);
        var earned = Line(160, 10) + Line(160, 5) + Line(10, 10) + Line(10, 5) + Line(10, 2) + Line(80, 10);
        var net = earned - Line(80, 10) - Line(80, 5) - Line(10, 10);
        Assert.True(months.Contains(Invariant($"2026-09,3,310.00,100.00,210.00,170.00,{earned:0.00},-12.00,-1.00,{net:0.00},{Math.Round(net * 100 / 210, 2, MidpointRounding.AwayFromZero)},{Math.Round(net * 100 / 170, 2, MidpointRounding.AwayFromZero)},\"EUR\"")), string.Join("\n", months));
        Assert.Equal(["status,distributors,share_percent", "\"Active\",4,66.67", "\"Inactive\",1,16.67", "\"Terminated\",1,16.67"], status);
        Assert.Equal(14, signups.Count);
        Assert.Contains("2026-09-07,5", signups);
        Assert.Contains("2026-10-05,1", signups);
        Assert.Equal(["depth,distributors", "1,3", "2,1", "3,1", "4,1"], depth);
        Assert.Equal("rank,distributor_id,name,email,earned,currency", top[0]);
        Assert.StartsWith("1,", top[1], StringComparison.Ordinal);
        Assert.Contains("\"Лидия Лидер\",\"lidia@example.com\"", top[1]);
        Assert.EndsWith(",\"EUR\"", top[1], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin?handler=Csv&table=nothing")).StatusCode);
    }

    [Fact]
    public async Task A_name_that_looks_like_a_formula_is_defused_in_the_csv()
    {
        App.Clock.Set(September10);
        await App.CreateProductAsync("A", 100.00m);
        var tricky = await App.CreateDistributorAsync("=HYPERLINK(\"http://evil\")", "evil@example.com", null);
        await App.PostSaleAsync(tricky.Id(), "s", ("A", 1));
        var admin = await App.LoginAsAdminAsync();

        var top = await CsvAsync(admin, "top-month");

        Assert.StartsWith("1,", top[1], StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",", top[1]);
    }

    [Fact]
    public async Task Moves_status_changes_and_refunds_keep_the_counters_equal_to_a_recount()
    {
        var world = await SeedAsync();
        var admin = await App.LoginAsAdminAsync();
        var leaderCode = (await App.GetDistributorAsync(world.Leader)).Code();
        // D (depth 3, with Y below) moves under L: D to depth 2, Y to depth 3.
        var moved = await admin.PostFormAsync($"/Admin/Distributors/Details/{world.Deep}?handler=Move", new() { ["MoveForm.SponsorCode"] = leaderCode, ["MoveForm.Reason"] = "test" }, $"/Admin/Distributors/Details/{world.Deep}");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(world.Inactive, "Active")).StatusCode);

        var report = await App.WithDbAsync(db => new MlmNetwork.Infrastructure.Ledger.LedgerCheck(db).RunAsync(CancellationToken.None));
        var overview = await App.WithDbAsync(db => NetworkOverview.LoadAsync(db, October5, CancellationToken.None));

        Assert.True(report.Holds, string.Join("\n", report.Breaches.Select(b => $"{b.Rule}: {b.Detail}")));
        Assert.Equal(new (int, long)[] { (1, 3), (2, 2), (3, 1) }, overview.Depths);
        Assert.Equal(5, overview.ByStatus[Domain.DistributorStatus.Active]);
        Assert.Equal(0, overview.ByStatus[Domain.DistributorStatus.Inactive]);
    }

    [Fact]
    public async Task Counters_of_a_database_from_before_them_are_filled_at_start_up_from_the_data()
    {
        await SeedAsync();
        var before = await App.WithDbAsync(db => NetworkOverview.LoadAsync(db, October5, CancellationToken.None));
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM network_counts; DELETE FROM network_signup_days; DELETE FROM network_month_stats; DELETE FROM earner_month_totals; DELETE FROM earner_totals;"));

        await App.WithDbAsync(async db =>
        {
            await NetworkCounters.BackfillAsync(db, CancellationToken.None);
            return 0;
        });
        var after = await App.WithDbAsync(db => NetworkOverview.LoadAsync(db, October5, CancellationToken.None));

        Assert.Equal(before.ByStatus, after.ByStatus);
        Assert.Equal(before.Depths, after.Depths);
        Assert.Equal(before.Weeks, after.Weeks);
        Assert.Equal(before.Months, after.Months);
        Assert.Equal(before.TopThisMonth, after.TopThisMonth);
        Assert.Equal(before.TopAllTime, after.TopAllTime);
        Assert.True((await App.WithDbAsync(db => new MlmNetwork.Infrastructure.Ledger.LedgerCheck(db).RunAsync(CancellationToken.None))).Holds);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(10, 10, 10)]
    [InlineData(11, 11, 20)]
    [InlineData(20, 11, 20)]
    [InlineData(21, 21, 50)]
    [InlineData(51, 51, 100)]
    [InlineData(150, 101, 200)]
    [InlineData(499, 201, 500)]
    [InlineData(5001, 5001, 10000)]
    public void Depths_past_ten_are_grouped_on_a_one_two_five_scale(int depth, int from, int to) =>
        Assert.Equal((from, to), NetworkOverview.BandOf(depth));

    private static async Task<List<string>> CsvAsync(HttpClient admin, string table)
    {
        var response = await admin.GetAsync($"/Admin?handler=Csv&table={table}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.ContentType()?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static string Money(decimal amount) => amount.ToString("C", new NumberFormatInfo { CurrencySymbol = "€", CurrencyDecimalDigits = 2, CurrencyGroupSeparator = ",", CurrencyDecimalSeparator = ".", CurrencyNegativePattern = 1, CurrencyPositivePattern = 0 });

    private static string Percent(decimal ratio) => Math.Round(ratio * 100, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture) + "\u00a0%";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A month's row of the months table: its cells by test id.</summary>
    private static Dictionary<string, string> Row(string page, string month)
    {
        var row = Regex.Match(page, $"data-testid=\"month-{month}\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        return CellRegex().Matches(row).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    private static string Table(string page, string id) => Regex.Match(page, $"<table data-testid=\"{id}\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;

    private static List<string> Names(string page, string id) => NameRegex().Matches(Table(page, id)).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("data-testid=\"([a-z-]+)\">([^<]*)<")]
    private static partial Regex CellRegex();

    [GeneratedRegex("/Admin/Distributors/Details/\\d+\">([^<]*)<")]
    private static partial Regex NameRegex();
}
