using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// Retail versus recruiting on a small network whose figures the test works out itself from the
/// prices and the plan: the report's page, CSV and API, and the month's close with the customer
/// share forfeit switched on and off.
/// </summary>
public class RetailShareTests(MlmAppFactory app) : AppTest(app)
{
    private static DateTime At(int month, int day) => new(2026, month, day, 9, 0, 0, DateTimeKind.Utc);

    private sealed record World(long Ann, long Ben, long Cat, long Eve);

    /// <summary>
    /// Plan 10 % personal, 5 % level 1, 2 % level 2, minimum customer share 70 %. Product A
    /// (price and base 100), B (price 50, base 40). Ann at the top, Ben under her, Cat under Ben,
    /// Eve under Cat. March 2026: Ann sells 1 A to a customer, 1 A for her own use, and 1 A to a
    /// customer that is refunded (volume 200, 100 to customers: 50 %); Ben 3 A to customers and 1 B
    /// for himself (340, 300: 88.23 %); Cat 2 B for herself (80, 0 %); Eve 1 B for herself (40, 0 %).
    /// Lines: Ann 10 + 10 own, 15 + 2 from Ben, 1.60 from Cat; Ben 30 + 4 own, 4 from Cat, 0.80 from
    /// Eve; Cat 8 own, 2 from Eve; Eve 4 own.
    /// </summary>
    private async Task<World> SeedAsync(bool forfeit, decimal minimumVolume)
    {
        App.Clock.Set(At(3, 2));
        using var api = App.CreateApiClient();
        var saved = await api.PutAsJsonAsync("/api/v1/commission-plan", new { personalPercent = 10m, levels = new[] { 5m, 2m }, minPersonalVolume = minimumVolume, minCustomerShare = 70m, forfeitBelowCustomerShare = forfeit });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var plan = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((70m, forfeit), (plan.GetProperty("minCustomerShare").GetDecimal(), plan.GetProperty("forfeitBelowCustomerShare").GetBoolean()));
        await App.CreateProductAsync("A", 100m);
        await App.CreateProductAsync("B", 50m, 40m);
        var ann = await App.CreateDistributorAsync("Ann Top", "ann@example.com", null);
        var ben = await App.CreateDistributorAsync("Ben Middle", "ben@example.com", ann.Code());
        var cat = await App.CreateDistributorAsync("Cat Lower", "cat@example.com", ben.Code());
        var eve = await App.CreateDistributorAsync("Eve Bottom", "eve@example.com", cat.Code());
        var annCustomer = await CustomerOfAsync(ann.Id());
        var benCustomer = await CustomerOfAsync(ben.Id());

        App.Clock.Set(At(3, 10));
        await SellAsync(ann.Id(), "a1", annCustomer, ("A", 1));
        await SellAsync(ann.Id(), "a2", null, ("A", 1));
        var refunded = await SellAsync(ann.Id(), "a3", annCustomer, ("A", 1));
        Assert.Equal(HttpStatusCode.OK, (await App.RefundAsync(refunded, "a3-refund")).StatusCode);
        await SellAsync(ben.Id(), "b1", benCustomer, ("A", 3));
        await SellAsync(ben.Id(), "b2", null, ("B", 1));
        await SellAsync(cat.Id(), "c1", null, ("B", 2));
        await SellAsync(eve.Id(), "e1", null, ("B", 1));
        return new World(ann.Id(), ben.Id(), cat.Id(), eve.Id());
    }

    private Task<long> CustomerOfAsync(long distributorId) => App.AddCustomerOfAsync(distributorId, $"Customer of {distributorId}");

    private Task<long> SellAsync(long distributorId, string key, long? customerId, params (string Sku, int Quantity)[] lines) => App.PostSaleToAsync(distributorId, key, customerId, lines);

    [Fact]
    public async Task The_report_shows_each_distributors_customer_share_and_income_split_and_flags_those_below_the_minimum()
    {
        var w = await SeedAsync(forfeit: false, minimumVolume: 0m);
        // Company: volume 200 + 340 + 80 + 40 = 660, to customers 100 + 300 = 400: 60.60 % (rounded down).
        // Own income 20 + 34 + 8 + 4 = 66; downline 18.60 + 4.80 + 2 = 25.40; own share 66 / 91.40 = 72.21 %. Below 70 %: Ann, Cat, Eve (downline 18.60 + 2 + 0).
        using var api = App.CreateApiClient();
        var report = await api.GetFromJsonAsync<JsonElement>("/api/v1/reports/retail?month=2026-03");
        Assert.Equal((660m, 400m, 260m, 60.60m), (report.GetProperty("personalVolume").GetDecimal(), report.GetProperty("customerVolume").GetDecimal(), report.GetProperty("personalUseVolume").GetDecimal(), report.GetProperty("customerSharePercent").GetDecimal()));
        Assert.Equal((66m, 25.40m, 72.21m), (report.GetProperty("ownSalesIncome").GetDecimal(), report.GetProperty("downlineIncome").GetDecimal(), report.GetProperty("ownSalesIncomeSharePercent").GetDecimal()));
        Assert.Equal((4, 3, 20.60m, 70m, false, false), (report.GetProperty("distributors").GetInt32(), report.GetProperty("belowMinimum").GetInt32(), report.GetProperty("downlineIncomeBelowMinimum").GetDecimal(),
            report.GetProperty("minimumCustomerSharePercent").GetDecimal(), report.GetProperty("forfeitAtClose").GetBoolean(), report.GetProperty("closed").GetBoolean()));
        var rows = report.GetProperty("distributorPage").EnumerateArray().ToDictionary(r => r.GetProperty("distributorId").GetInt64());
        // Ann: 100 of 200 = 50 %; own 20 of 38.60 = 51.81 %. Ben: 300 of 340 = 88.23 %; own 34 of 38.80 = 87.62 %.
        Assert.Equal((200m, 100m, 50m, true, 20m, 18.60m, 51.81m), Figures(rows[w.Ann]));
        Assert.Equal((340m, 300m, 88.23m, false, 34m, 4.80m, 87.62m), Figures(rows[w.Ben]));
        Assert.Equal((80m, 0m, 0m, true, 8m, 2m, 80m), Figures(rows[w.Cat]));
        Assert.Equal((40m, 0m, 0m, true, 4m, 0m, 100m), Figures(rows[w.Eve]));
        var march = report.GetProperty("trend").EnumerateArray().Single(m => m.GetProperty("month").GetString() == "2026-03");
        Assert.Equal(60.60m, march.GetProperty("customerSharePercent").GetDecimal());
        Assert.Equal(12, report.GetProperty("trend").GetArrayLength());

        var below = await api.GetFromJsonAsync<JsonElement>("/api/v1/reports/retail?month=2026-03&belowOnly=true&limit=2");
        Assert.Equal([w.Ann, w.Cat], below.GetProperty("distributorPage").EnumerateArray().Select(r => r.GetProperty("distributorId").GetInt64()));

        var admin = await App.LoginAsAdminAsync();
        var page = await (await admin.GetAsync("/Admin/Reports/Retail?month=2026-03")).TextAsync();
        Assert.Contains("data-testid=\"company-customer-share\">60.6\u00a0%<", page);
        Assert.Contains("data-testid=\"company-below\">3<", page);
        Assert.Contains("those below it are flagged; nothing is forfeited", page);
        Assert.Contains("data-testid=\"chart-retail-share\"", page);
        // Lowest share first: the three at 0 % or 50 % before Ben.
        Assert.True(page.IndexOf($"retail-row-{w.Ann}", StringComparison.Ordinal) < page.IndexOf($"retail-row-{w.Ben}", StringComparison.Ordinal));
        var highest = await (await admin.GetAsync("/Admin/Reports/Retail?month=2026-03&order=ShareDescending")).TextAsync();
        Assert.True(highest.IndexOf($"retail-row-{w.Ben}", StringComparison.Ordinal) < highest.IndexOf($"retail-row-{w.Ann}", StringComparison.Ordinal));
        var onlyBelow = await (await admin.GetAsync("/Admin/Reports/Retail?month=2026-03&below=true")).TextAsync();
        Assert.DoesNotContain($"retail-row-{w.Ben}\"", onlyBelow);
        Assert.Contains($"retail-row-{w.Eve}\"", onlyBelow);

        var csv = (await (await admin.GetAsync("/Admin/Reports/Retail?handler=Csv&month=2026-03")).TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, csv.Length);
        Assert.StartsWith("month,distributor_id,name,referral_code,personal_volume,customer_volume,personal_use_volume,customer_share_percent", csv[0].TrimStart('\uFEFF'));
        var annLine = csv.Single(l => l.StartsWith($"2026-03,{w.Ann},\"Ann Top\",", StringComparison.Ordinal));
        Assert.Equal("200.00,100.00,100.00,50,70,true,20.00,18.60,38.60,51.81", string.Join(',', annLine.Split(',')[4..14]));
    }

    private static (decimal, decimal, decimal, bool, decimal, decimal, decimal) Figures(JsonElement row) => (
        row.GetProperty("personalVolume").GetDecimal(), row.GetProperty("customerVolume").GetDecimal(), row.GetProperty("customerSharePercent").GetDecimal(),
        row.GetProperty("belowMinimum").GetBoolean(), row.GetProperty("ownSalesIncome").GetDecimal(), row.GetProperty("downlineIncome").GetDecimal(),
        row.GetProperty("ownSalesIncomeSharePercent").GetDecimal());

    [Fact]
    public async Task With_the_switch_on_the_close_forfeits_the_downline_lines_of_the_unqualified_once_with_the_reason()
    {
        // Minimum personal volume 90 too: Cat (80) and Eve (40) lose every line to it, once, with its reason;
        // Ann (200, 50 % to customers) loses her downline lines (15, 2, 1.60) to the customer share and keeps her own 20.
        var w = await SeedAsync(forfeit: true, minimumVolume: 90m);
        App.Clock.Set(At(4, 2));
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-03")).StatusCode);

        var forfeits = await App.WithDbAsync(db => db.CommissionLines.AsNoTracking().Where(l => l.Kind == CommissionLineKind.Forfeit).ToListAsync());
        Assert.Equal(6, forfeits.Count);
        Assert.Equal(forfeits.Count, forfeits.Select(f => f.ReversesLineId).Distinct().Count());
        var byShare = forfeits.Where(f => f.BeneficiaryId == w.Ann).ToList();
        Assert.Equal([-15m, -2m, -1.60m], byShare.Select(f => f.Amount.Amount).Order());
        Assert.All(byShare, f => Assert.Equal("Customer share 50% of personal volume 200.00 in 2026-03 is below the minimum 70% for downline commissions", f.Reason));
        Assert.All(forfeits.Where(f => f.BeneficiaryId != w.Ann), f => Assert.StartsWith("Personal volume ", f.Reason, StringComparison.Ordinal));
        Assert.Equal((20m, 38.80m, 0m, 0m), (await App.BalanceOfAsync(w.Ann), await App.BalanceOfAsync(w.Ben), await App.BalanceOfAsync(w.Cat), await App.BalanceOfAsync(w.Eve)));

        // A second close writes nothing more.
        Assert.Equal(HttpStatusCode.Conflict, (await App.ClosePeriodAsync("2026-03")).StatusCode);
        Assert.Equal(6, await App.WithDbAsync(db => db.CommissionLines.CountAsync(l => l.Kind == CommissionLineKind.Forfeit)));
        Assert.True((await App.WithDbAsync(db => new MlmNetwork.Infrastructure.Ledger.LedgerCheck(db).RunAsync(CancellationToken.None))).Holds);

        // Ann's statement and the forfeit line explain it.
        var statement = await App.WithDbAsync(db => db.Statements.AsNoTracking().SingleAsync(s => s.DistributorId == w.Ann && s.PeriodKey == 202603));
        Assert.Equal((48.60m, -10m, -18.60m, 20m), (statement.Earned.Amount, statement.Reversed.Amount, statement.Forfeited.Amount, statement.Closing.Amount));
        var admin = await App.LoginAsAdminAsync();
        var line = await (await admin.GetAsync($"/Lines/{byShare[0].Id}")).TextAsync();
        Assert.Contains("50\u00a0% of the personal volume 200.00 in March 2026 went to customers, below the minimum 70\u00a0% for downline commissions", line);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru-RU");
        Assert.Contains("Клиентам продано 50\u00a0% личного объёма", await (await admin.GetAsync($"/Lines/{byShare[0].Id}")).TextAsync());

        using var api = App.CreateApiClient();
        var report = await api.GetFromJsonAsync<JsonElement>("/api/v1/reports/retail?month=2026-03");
        Assert.Equal((true, true, 3), (report.GetProperty("closed").GetBoolean(), report.GetProperty("forfeitAtClose").GetBoolean(), report.GetProperty("belowMinimum").GetInt32()));
        // Net of the forfeits: Ann's downline income is gone, Cat's and Eve's lines too.
        Assert.Equal((54m, 4.80m), (report.GetProperty("ownSalesIncome").GetDecimal(), report.GetProperty("downlineIncome").GetDecimal()));
    }

    [Fact]
    public async Task With_the_switch_off_the_close_forfeits_nothing_for_the_customer_share()
    {
        var w = await SeedAsync(forfeit: false, minimumVolume: 0m);
        App.Clock.Set(At(4, 2));
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-03")).StatusCode);

        Assert.Equal(0, await App.WithDbAsync(db => db.CommissionLines.CountAsync(l => l.Kind == CommissionLineKind.Forfeit)));
        Assert.Equal((38.60m, 38.80m, 10m, 4m), (await App.BalanceOfAsync(w.Ann), await App.BalanceOfAsync(w.Ben), await App.BalanceOfAsync(w.Cat), await App.BalanceOfAsync(w.Eve)));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("abc")]
    [InlineData("2026-03&limit=5000")]
    [InlineData("2026-03&offset=-1")]
    public async Task A_month_or_page_that_cannot_be_read_is_a_problem_not_a_500(string query)
    {
        using var api = App.CreateApiClient();
        var response = await api.GetAsync($"/api/v1/reports/retail?month={query}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType()?.MediaType);
        var admin = await App.LoginAsAdminAsync();
        var page = await admin.GetAsync($"/Admin/Reports/Retail?month={query}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Theory]
    [InlineData("101", "must be between 0 and 100")]
    [InlineData("-1", "must be between 0 and 100")]
    [InlineData("70.123", "more than 2 decimals")]
    public async Task The_plan_editor_refuses_a_minimum_customer_share_out_of_range(string typed, string message)
    {
        var admin = await App.LoginAsAdminAsync();
        var form = new Dictionary<string, string> { ["Input.PersonalPercent"] = "10", ["Input.Levels[0]"] = "5", ["Input.MinPersonalVolume"] = "0", ["Input.MinCustomerShare"] = typed };
        var page = await (await admin.PostFormAsync("/Admin/Plan?handler=Preview", form, "/Admin/Plan")).TextAsync();
        Assert.Contains(message, page);
        Assert.DoesNotContain("data-testid=\"plan-preview\"", page);
    }

    [Fact]
    public async Task A_russian_admin_types_the_minimum_customer_share_with_a_comma_and_the_switch_is_kept()
    {
        var admin = await App.LoginAsAdminAsync();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru-RU");
        var form = new Dictionary<string, string>
        {
            ["Input.PersonalPercent"] = "10", ["Input.Levels[0]"] = "5", ["Input.MinPersonalVolume"] = "0", ["Input.MinCustomerShare"] = "70,5", ["Input.ForfeitBelowCustomerShare"] = "true",
        };
        var preview = await (await admin.PostFormAsync("/Admin/Plan?handler=Preview", form, "/Admin/Plan")).TextAsync();
        Assert.Contains("Минимальная доля продаж клиентам 70,5\u00a0%: ниже неё при закрытии месяца комиссии со структуры аннулируются.", preview);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Admin/Plan?handler=Save", form, "/Admin/Plan")).StatusCode);

        var plan = await App.CreateApiClient().GetFromJsonAsync<JsonElement>("/api/v1/commission-plan");
        Assert.Equal((70.5m, true), (plan.GetProperty("minCustomerShare").GetDecimal(), plan.GetProperty("forfeitBelowCustomerShare").GetBoolean()));

        using var api = App.CreateApiClient();
        var refused = await api.PutAsJsonAsync("/api/v1/commission-plan", new { personalPercent = 10m, levels = new[] { 5m }, forfeitBelowCustomerShare = true });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await api.PutAsJsonAsync("/api/v1/commission-plan", new { personalPercent = 10m, levels = new[] { 5m }, minCustomerShare = 101m })).StatusCode);
    }

    [Fact]
    public async Task Saturation_counts_joins_first_retail_sales_leavers_and_sellers_per_customer()
    {
        // All four joined on 2 March at 09:00; Ann's and Ben's first sales to customers were on 10 March at 09:00: 8 days.
        // Cat is set Inactive, Eve terminated. Selling in March: all four; buying customers: Ann's and Ben's, 2 -> 2 sellers per customer.
        var w = await SeedAsync(forfeit: false, minimumVolume: 0m);
        App.Clock.Set(At(3, 20));
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(w.Cat, "Inactive")).StatusCode);
        App.Clock.Set(At(3, 21));
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(w.Eve, "Terminated")).StatusCode);
        App.Clock.Set(At(4, 5));

        using var api = App.CreateApiClient();
        var report = await api.GetFromJsonAsync<JsonElement>("/api/v1/reports/saturation?from=2026-02&to=2026-04");
        var months = report.GetProperty("months").EnumerateArray().ToDictionary(m => m.GetProperty("month").GetString()!);
        Assert.Equal(3, months.Count);
        var march = months["2026-03"];
        Assert.Equal((4, 2, 8.0m, 1, 1, 4, 2, 2.00m), (march.GetProperty("signUps").GetInt32(), march.GetProperty("firstRetailSales").GetInt32(), march.GetProperty("averageDaysToFirstRetailSale").GetDecimal(),
            march.GetProperty("wentInactive").GetInt32(), march.GetProperty("terminated").GetInt32(), march.GetProperty("sellingDistributors").GetInt32(), march.GetProperty("buyingCustomers").GetInt32(),
            march.GetProperty("distributorsPerCustomer").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, months["2026-04"].GetProperty("distributorsPerCustomer").ValueKind);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await api.GetAsync("/api/v1/reports/saturation?from=2026-13")).StatusCode);

        var admin = await App.LoginAsAdminAsync();
        var page = await (await admin.GetAsync("/Admin/Reports/Saturation?from=2026-02&to=2026-04")).TextAsync();
        Assert.Contains("data-testid=\"chart-saturation-flows\"", page);
        var csv = (await (await admin.GetAsync("/Admin/Reports/Saturation?handler=Csv&from=2026-02&to=2026-04")).TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("2026-03,4,2,8,1,1,4,2,2", csv[2]);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Reports/Saturation?from=abc")).StatusCode);
        Assert.Equal("month", (await (await api.GetAsync("/api/v1/reports/retail?month=2026-13")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Equal("from", (await (await api.GetAsync("/api/v1/reports/saturation?from=abc")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());

        // In April Ann's March sale is refunded and she sells again: she is one of April's sellers,
        // though her April sales counter, net of the refund, stands at 0.
        var marchSale = await App.WithDbAsync(db => db.Sales.Where(s => s.DistributorId == w.Ann && s.PeriodKey == 202603).Select(s => s.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.OK, (await App.RefundAsync(marchSale, "april-refund")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await App.PostSaleAsync(w.Ann, "april-sale", ("A", 1))).StatusCode);
        var april = (await api.GetFromJsonAsync<JsonElement>("/api/v1/reports/saturation?from=2026-04&to=2026-04")).GetProperty("months")[0];
        Assert.Equal(1, april.GetProperty("sellingDistributors").GetInt32());
    }

    [Fact]
    public async Task A_distributor_sees_their_customer_share_against_the_threshold_on_the_dashboard()
    {
        var w = await SeedAsync(forfeit: true, minimumVolume: 0m);
        var (browser, zed) = await App.SignUpThroughReferralAsync(null, "Zed New", "zed@example.com");
        App.Clock.Set(At(3, 12));
        var customer = await CustomerOfAsync(zed.Id());
        await SellAsync(zed.Id(), "z1", customer, ("B", 1));
        await SellAsync(zed.Id(), "z2", null, ("A", 1));

        // 40 of 140 to customers: 28.57 % (rounded down), below 70 %, and the switch is on.
        var page = await (await browser.GetAsync("/Dashboard")).TextAsync();
        Assert.Contains("28.57\u00a0% of your volume this month went to customers (40.00 of 140.00); the plan asks at least 70\u00a0% for downline commissions.", page);
        Assert.Contains("your downline commissions of the month are taken back", page);
        Assert.True(w.Ann > 0);
    }
}
