using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

/// <summary>What a fresh user and an attacker found in the CSV import (issue 10): dates outside the open months, re-uploaded files, orders imported before, plurals.</summary>
public class SaleImportFixTests(MlmAppFactory app) : AppTest(app)
{
    private static readonly Dictionary<string, string> GoodOnes = new() { ["Mode"] = "good" };

    private async Task<(HttpClient Admin, List<JsonElement> Chain)> SetUpAsync()
    {
        App.Clock.Set(new DateTime(2026, 10, 5, 9, 0, 0, DateTimeKind.Utc));
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var chain = await App.CreateChainAsync(3);
        return (await App.LoginAsAdminAsync(), chain);
    }

    internal static string ImportIdOf(HttpResponseMessage upload) =>
        System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://x"), upload.Headers.Location!.OriginalString).Query)["import"]!;

    /// <summary>Uploads, waits, and gives the status and the import's id.</summary>
    private static async Task<(JsonElement Status, string Import)> ImportAsync(HttpClient admin, string name, string csv, bool goodOnes = false)
    {
        var upload = await admin.UploadAsync("/Admin/Import", "Upload", name, csv, goodOnes ? GoodOnes : null);
        return (await SaleImportTests.FinishedAsync(admin, upload), ImportIdOf(upload));
    }

    private static async Task<string[]> RefusedFileAsync(HttpClient admin, string import)
    {
        var response = await admin.GetAsync($"/Admin/Import?handler=Refused&import={import}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task Orders_dated_outside_the_open_months_are_refused_and_pay_nothing()
    {
        var (admin, chain) = await SetUpAsync();
        var seller = chain[2].Id();
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-09")).StatusCode);
        var csv = string.Join("\n",
            "order_id,distributor_id,sku,quantity,order_date",
            $"B-1,{seller},A,1,2026-07-15",
            $"B-2,{seller},A,1,2020-01-01",
            $"B-3,{seller},A,1,0001-01-01",
            $"B-4,{seller},A,1,2026-10-01");

        var (status, import) = await ImportAsync(admin, "backdated.csv", csv, goodOnes: true);

        Assert.Equal("Imported", status.GetProperty("state").GetString());
        var sales = await App.WithDbAsync(db => db.Sales.AsNoTracking().Select(s => new { s.ExternalId, s.PeriodKey }).ToListAsync());
        var sale = Assert.Single(sales);
        Assert.Equal(("B-4", 202610), (sale.ExternalId, sale.PeriodKey));
        Assert.Equal(10.00m, await App.BalanceOfAsync(seller));
        var refused = await RefusedFileAsync(admin, import);
        Assert.Contains("The order date 2026-07-15 is in 2026-07, before the last closed month (2026-09); a sale can only be dated in an open month.", refused[1]);
        Assert.Contains("The order date 2020-01-01 is in 2020-01, before the last closed month (2026-09)", refused[2]);
        Assert.Contains("The order date 0001-01-01 is before 2000; no sale can be dated then.", refused[3]);

        // No line was written into a settled or never-open month.
        Assert.False(await App.WithDbAsync(db => db.CommissionLines.AnyAsync(l => l.PeriodKey < 202610)));
    }

    [Fact]
    public async Task No_sale_is_dated_before_the_first_plan_and_no_path_posts_into_a_month_before_the_last_closed()
    {
        var (admin, chain) = await SetUpAsync();
        var seller = chain[2].Id();
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE commission_plans SET effective_from = {new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc)} WHERE version = (SELECT MIN(version) FROM commission_plans)"));

        var (status, import) = await ImportAsync(admin, "early.csv", $"order_id,distributor_id,sku,quantity,order_date\nE-1,{seller},A,1,2026-05-20\n");

        Assert.Equal("Refused", status.GetProperty("state").GetString());
        var page = await (await admin.GetAsync($"/Admin/Import?import={import}")).TextAsync();
        Assert.Contains("Line 2 (order E-1): The order date 2026-05-20 is before the first commission plan came into force (2026-06-01); no sale can be dated then.", page);
        Assert.Equal(0, await App.WithDbAsync(db => db.Sales.CountAsync()));

        // A sale posted now, through the API or a batch, while the clock stands before the last closed month.
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-09")).StatusCode);
        App.Clock.Set(new DateTime(2026, 8, 20, 9, 0, 0, DateTimeKind.Utc));
        var single = await App.PostSaleAsync(seller, "late-single", ("A", 1));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, single.StatusCode);
        Assert.Contains("before the last closed month (2026-09)", await single.Content.ReadAsStringAsync());
        using var api = App.CreateApiClient();
        using var batch = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales/batch") { Content = JsonContent.Create(new { sales = new[] { new { distributorId = seller, lines = new[] { new { sku = "A", quantity = 1 } } } } }) };
        batch.Headers.Add("Idempotency-Key", "late-batch");
        var refusedBatch = await api.SendAsync(batch);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refusedBatch.StatusCode);
        Assert.Contains("before the last closed month (2026-09)", await refusedBatch.Content.ReadAsStringAsync());
        Assert.Equal(0, await App.WithDbAsync(db => db.Sales.CountAsync()));
    }

    [Fact]
    public async Task The_refused_file_fixed_and_uploaded_again_posts_each_order_once_with_one_reason_column()
    {
        var (admin, chain) = await SetUpAsync();
        var (_, paused) = await App.SignUpThroughReferralAsync(chain[2].Code(), "Paula Paused", "paula@example.com");
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(paused.Id(), "Inactive")).StatusCode);
        var original = $"order_id,distributor_id,sku,quantity\n-A5,{paused.Id()},A,1\n-A5,{paused.Id()},A,2\nOK-1,{chain[2].Id()},A,1\n";

        var (first, import) = await ImportAsync(admin, "first.csv", original, goodOnes: true);

        Assert.Equal("Imported", first.GetProperty("state").GetString());
        var refused = await RefusedFileAsync(admin, import);
        // Every header field quoted, reason too; each record of the two-line order with its own line.
        Assert.Equal("\"order_id\",\"distributor_id\",\"sku\",\"quantity\",\"reason\"", refused[0]);
        Assert.StartsWith("\"'-A5\",", refused[1]);
        Assert.Contains("\"Line 2 (order -A5): Only Active distributors can sell; this one is Inactive.\"", refused[1]);
        Assert.Contains("\"Line 3 (order -A5): Only Active distributors can sell; this one is Inactive.\"", refused[2]);

        // Uploaded again as it came back, still refused: one reason column, not two.
        var (again, againImport) = await ImportAsync(admin, "first-refused.csv", string.Join("\r\n", refused), goodOnes: true);
        Assert.Equal("Refused", again.GetProperty("state").GetString());
        var twice = await RefusedFileAsync(admin, againImport);
        Assert.Equal("\"order_id\",\"distributor_id\",\"sku\",\"quantity\",\"reason\"", twice[0]);
        Assert.StartsWith("\"'-A5\",", twice[1]);

        // Fixed (the seller is Active again): the same file goes in, as order -A5, once.
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(paused.Id(), "Active")).StatusCode);
        var (fixedStatus, _) = await ImportAsync(admin, "fixed.csv", string.Join("\r\n", twice), goodOnes: true);
        Assert.Equal("Imported", fixedStatus.GetProperty("state").GetString());
        var (originalAgain, _) = await ImportAsync(admin, "original-again.csv", original + "\n", goodOnes: true);
        Assert.Equal("AlreadyImported", originalAgain.GetProperty("state").GetString());
        var orders = await App.WithDbAsync(db => db.Sales.AsNoTracking().OrderBy(s => s.ExternalId).Select(s => s.ExternalId).ToListAsync());
        Assert.Equal(["-A5", "OK-1"], orders);
    }

    [Fact]
    public async Task An_order_imported_before_is_said_plainly_and_counted_apart_from_the_refused()
    {
        var (admin, chain) = await SetUpAsync();
        var seller = chain[2].Id();
        var (first, _) = await ImportAsync(admin, "first.csv", $"order_id,distributor_id,sku,quantity\nFU-1,{seller},A,1\n");
        Assert.Equal("Imported 1 sale with 2 commission lines (commission base €100.00).", first.GetProperty("summary").GetString());
        var saleId = await App.WithDbAsync(db => db.Sales.Where(s => s.ExternalId == "FU-1").Select(s => s.Id).SingleAsync());

        var (good, import) = await ImportAsync(admin, "second.csv", $"order_id,distributor_id,sku,quantity\nFU-1,{seller},A,1\nFU-2,{seller},A,1\nFU-3,{seller},A,x\n", goodOnes: true);

        Assert.Equal(
            "Imported 1 sale with 2 commission lines (commission base €100.00). 1 order was refused: download it, fix it and upload it again. 1 order was imported before (by another file) and was skipped.",
            good.GetProperty("summary").GetString());
        var page = await (await admin.GetAsync($"/Admin/Import?import={import}")).TextAsync();
        Assert.Contains("Line 2, order FU-1:", page);
        Assert.Contains($"href=\"/Admin/Sales/Details/{saleId}\">sale #{saleId}</a>", page);
        var refused = await RefusedFileAsync(admin, import);
        Assert.Equal(2, refused.Length);
        Assert.StartsWith("\"FU-3\"", refused[1]);

        using var russian = new HttpRequestMessage(HttpMethod.Get, $"/Admin/Import?handler=Status&import={import}");
        russian.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("ru-RU"));
        var inRussian = await (await admin.SendAsync(russian)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("Импортировано: 1 продажа, 2 строки начислений (база начисления 100,00", inRussian.GetProperty("summary").GetString());
        Assert.Contains("1 заказ отклонён", inRussian.GetProperty("summary").GetString());
        Assert.Contains("1 заказ уже был импортирован другим файлом и пропущен.", inRussian.GetProperty("summary").GetString());

        var (whole, wholeImport) = await ImportAsync(admin, "third.csv", $"order_id,distributor_id,sku,quantity\nFU-4,{seller},A,1\nFU-1,{seller},A,1\n");
        Assert.Equal("Nothing was imported: 1 order is not valid.", whole.GetProperty("summary").GetString());
        Assert.Contains($"Line 3 (order FU-1): already imported as sale #{saleId}.", await (await admin.GetAsync($"/Admin/Import?import={wholeImport}")).TextAsync());
    }

    [Fact]
    public async Task A_control_character_in_a_line_refuses_that_order_and_the_good_ones_go_in()
    {
        var (admin, chain) = await SetUpAsync();
        var seller = chain[2].Id();
        var csv = $"order_id,distributor_id,sku,quantity,no\0te\nZ\0-1,{seller},A,1\nZ-2,{seller},A\u001b,1\nZ-3,{seller},A,1\n";

        var whole = await admin.UploadAsync("/Admin/Import", "Upload", "zero.csv", csv);
        var (status, import) = await ImportAsync(admin, "ze\0ro.csv", csv, goodOnes: true);

        var page = await whole.TextAsync();
        Assert.Contains("Line 2: the line holds a control character (such as a zero byte), which is not text; save the file as CSV text.", page);
        Assert.Contains("Line 3: the line holds a control character (such as a zero byte), which is not text; save the file as CSV text.", page);
        Assert.Equal("Imported", status.GetProperty("state").GetString());
        Assert.Equal(["Z-3"], await App.WithDbAsync(db => db.Sales.Select(s => s.ExternalId!).ToListAsync()));
        var refused = await RefusedFileAsync(admin, import);
        Assert.Equal(3, refused.Length);
        Assert.StartsWith("\"order_id\",\"distributor_id\",\"sku\",\"quantity\",\"no\uFFFDte\"", refused[0], StringComparison.Ordinal);
        Assert.StartsWith("\"Z\uFFFD-1\"", refused[1], StringComparison.Ordinal);
        Assert.Contains("control character", refused[2], StringComparison.Ordinal);
        Assert.Equal("ze\uFFFDro.csv", await App.WithDbAsync(db => db.SaleImports.Select(i => i.FileName).SingleAsync()));
    }

    [Fact]
    public async Task A_file_separated_by_semicolons_as_a_Russian_spreadsheet_saves_it_is_read_as_well()
    {
        var (admin, chain) = await SetUpAsync();
        var seller = chain[2].Id();
        var csv = $"order_id;distributor_id;sku;quantity\r\nS-1;{seller};A;2\r\n\"S;2, with a comma\";{seller};A;1\r\n";

        var (status, _) = await ImportAsync(admin, "excel-ru.csv", csv);

        Assert.Equal("Imported", status.GetProperty("state").GetString());
        Assert.Equal(["S-1", "S;2, with a comma"], await App.WithDbAsync(db => db.Sales.OrderBy(s => s.Id).Select(s => s.ExternalId!).ToListAsync()));
        Assert.Equal(30.00m, await App.BalanceOfAsync(seller));
    }

    [Fact]
    public async Task The_whole_or_nothing_mode_says_every_problem_of_the_file_in_one_round()
    {
        var (admin, chain) = await SetUpAsync();
        var (sellerBrowser, seller) = await App.SignUpThroughReferralAsync(chain[2].Code(), "Sue Seller", "sue@example.com");
        var (otherBrowser, _) = await App.SignUpThroughReferralAsync(chain[2].Code(), "Otto Other", "otto@example.com");
        var theirs = await otherBrowser.AddCustomerAsync("Not Sues");
        var csv = string.Join("\n",
            "order_id,distributor_id,sku,quantity,customer,personal_use,order_date",
            $"F-1,{seller.Id()},A,1,,,2026-13-01",
            $"F-2,{seller.Id()},A,1,,maybe,",
            $"F-3,{seller.Id()},A,1,,false,",
            $"F-4,{seller.Id()},A,1,{theirs},,",
            $"F-5,{seller.Id()},A,1,,true,");

        var response = await admin.UploadAsync("/Admin/Import", "Upload", "mixed.csv", csv);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.TextAsync();
        Assert.Contains("Line 2: order_date '2026-13-01' is not a date written yyyy-MM-dd.", page);
        Assert.Contains("Line 3: personal_use 'maybe' is not true or false.", page);
        Assert.Contains("Line 4: personal_use is false but no customer is given: say which customer, or personal_use=true.", page);
        Assert.Contains($"Line 5 (order F-4): Customer {theirs} is not a customer of the seller.", page);
        Assert.DoesNotContain("F-5", page);
        Assert.Equal(0, await App.WithDbAsync(db => db.Sales.CountAsync()));
        _ = sellerBrowser;
    }

    [Theory]
    [InlineData("en-US", 1, 0)]
    [InlineData("en-US", 0, 1)]
    [InlineData("en-US", 21, 1)]
    [InlineData("ru-RU", 1, 0)]
    [InlineData("ru-RU", 21, 0)]
    [InlineData("ru-RU", 11, 2)]
    [InlineData("ru-RU", 3, 1)]
    [InlineData("ru-RU", 24, 1)]
    [InlineData("ru-RU", 13, 2)]
    [InlineData("ru-RU", 5, 2)]
    [InlineData("ru-RU", 0, 2)]
    [InlineData("ru-RU", 111, 2)]
    [InlineData("ru-RU", 1001, 0)]
    public void A_count_takes_its_languages_plural_form(string culture, long count, int form) =>
        Assert.Equal(form, Infrastructure.Plural.FormIndex(count, System.Globalization.CultureInfo.GetCultureInfo(culture)));
}
