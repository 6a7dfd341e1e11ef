using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

/// <summary>The CSV import's additions of issue 10: order dates, referral codes, the sale's kind, and posting the good orders while handing the refused ones back.</summary>
public class SaleImportKindTests(MlmAppFactory app) : AppTest(app)
{
    private async Task<(HttpClient Admin, List<JsonElement> Chain)> SetUpAsync()
    {
        App.Clock.Set(new DateTime(2026, 10, 5, 9, 0, 0, DateTimeKind.Utc));
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var chain = await App.CreateChainAsync(3);
        return (await App.LoginAsAdminAsync(), chain);
    }

    private static Task<JsonElement> FinishedAsync(HttpClient admin, HttpResponseMessage upload) => SaleImportTests.FinishedAsync(admin, upload);

    private static string ImportIdOf(HttpResponseMessage upload) =>
        System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://x"), upload.Headers.Location!.OriginalString).Query)["import"]!;

    [Fact]
    public async Task A_late_order_lands_in_its_open_month_and_an_order_for_a_closed_month_is_refused_with_that_reason()
    {
        var (admin, chain) = await SetUpAsync();
        var seller = chain[2].Id();

        var late = await FinishedAsync(admin, await admin.UploadAsync("/Admin/Import", "Upload", "late.csv", $"order_id,distributor_id,sku,quantity,order_date\nL-1,{seller},A,1,2026-09-20\nL-2,{seller},A,1,\n"));

        Assert.Equal("Imported", late.GetProperty("state").GetString());
        var sales = await App.WithDbAsync(db => db.Sales.AsNoTracking().OrderBy(s => s.ExternalId).Select(s => new { s.PeriodKey, s.CreatedAt }).ToListAsync());
        Assert.Equal([202609, 202610], sales.Select(s => s.PeriodKey));
        Assert.Equal(new DateTime(2026, 9, 20, 12, 0, 0, DateTimeKind.Utc), sales[0].CreatedAt);
        Assert.Equal(202609, await App.WithDbAsync(db => db.CommissionLines.Where(l => l.BeneficiaryId == seller).OrderBy(l => l.Id).Select(l => l.PeriodKey).FirstAsync()));

        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-09")).StatusCode);
        var upload = await admin.UploadAsync("/Admin/Import", "Upload", "closed.csv", $"order_id,distributor_id,sku,quantity,order_date\nL-3,{seller},A,1,2026-09-21\nL-4,{seller},A,1,2026-10-04\nL-5,{seller},A,1,2026-10-06\n");
        var closed = await FinishedAsync(admin, upload);

        Assert.Equal("Refused", closed.GetProperty("state").GetString());
        var progress = await (await admin.GetAsync($"/Admin/Import?import={ImportIdOf(upload)}")).TextAsync();
        Assert.Contains("Line 2 (order L-3): Period 2026-09 is closed; no sale can be posted into it.", WebUtility.HtmlDecode(progress));
        Assert.Contains("Line 4 (order L-5): The order date 2026-10-06 is in the future.", WebUtility.HtmlDecode(progress));
        Assert.Equal(2, await App.WithDbAsync(db => db.Sales.CountAsync()));
    }

    [Fact]
    public async Task The_seller_may_be_named_by_referral_code_and_the_sale_by_customer_or_personal_use()
    {
        var (admin, chain) = await SetUpAsync();
        var (sellerBrowser, seller) = await App.SignUpThroughReferralAsync(chain[2].Code(), "Sue Seller", "sue@example.com");
        var anna = await sellerBrowser.AddCustomerAsync("Anna Berg");
        var csv = string.Join("\n",
            "order_id,distributor_id,sku,quantity,customer,personal_use",
            $"C-1,{seller.Code().ToLowerInvariant()},A,1,{anna},",
            $"C-2,{seller.Id()},A,1,,true",
            $"C-3,{seller.Code()},A,2,,");

        var status = await FinishedAsync(admin, await admin.UploadAsync("/Admin/Import", "Upload", "kinds.csv", csv));

        Assert.Equal("Imported", status.GetProperty("state").GetString());
        var sales = await App.WithDbAsync(db => db.Sales.AsNoTracking().OrderBy(s => s.ExternalId).Select(s => new { s.DistributorId, s.CustomerId }).ToListAsync());
        Assert.All(sales, s => Assert.Equal(seller.Id(), s.DistributorId));
        Assert.Equal([anna, (long?)null, null], sales.Select(s => s.CustomerId));

        var refused = await admin.UploadAsync("/Admin/Import", "Upload", "bad-kinds.csv", $"order_id,distributor_id,sku,quantity,customer,personal_use\nD-1,{seller.Id()},A,1,{anna},true\nD-2,NOBODY22,A,1,,\n");
        var page = WebUtility.HtmlDecode(await refused.TextAsync());
        Assert.Contains("Line 2: a sale is either to a customer or for personal use, not both.", page);
        var unknownCode = WebUtility.HtmlDecode(await (await admin.UploadAsync("/Admin/Import", "Upload", "bad-code.csv", $"order_id,distributor_id,sku,quantity\nD-2,NOBODY22,A,1\n")).TextAsync());
        Assert.Contains("Line 2: no distributor has the id or referral code NOBODY22.", unknownCode);
    }

    [Fact]
    public async Task Posting_the_good_orders_hands_the_refused_ones_back_as_a_file_in_the_readers_language()
    {
        var (admin, chain) = await SetUpAsync();
        var (_, paused) = await App.SignUpThroughReferralAsync(chain[2].Code(), "Paula Paused", "paula@example.com");
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(paused.Id(), "Inactive")).StatusCode);
        var rows = new List<string> { "order_id,distributor_id,sku,quantity,note" };
        rows.AddRange(Enumerable.Range(1, 30).Select(i => $"G-{i},{chain[2].Id()},A,1,ok"));
        rows.AddRange(Enumerable.Range(1, 3).Select(i => $"P-{i},{paused.Id()},A,1,paused"));
        rows.Add($"Q-1,{chain[1].Id()},A,lots,typo");
        var mode = new Dictionary<string, string> { ["Mode"] = "good" };

        var upload = await admin.UploadAsync("/Admin/Import", "Upload", "mixed.csv", string.Join("\r\n", rows), mode);
        var status = await FinishedAsync(admin, upload);

        Assert.Equal("Imported", status.GetProperty("state").GetString());
        Assert.Contains("Imported 30 sales", status.GetProperty("summary").GetString());
        Assert.Contains("4 orders were refused", status.GetProperty("summary").GetString());
        Assert.Equal(30, await App.WithDbAsync(db => db.Sales.CountAsync()));
        Assert.Equal(30 * 10.00m, await App.BalanceOfAsync(chain[2].Id()));

        var import = ImportIdOf(upload);
        Assert.Contains("data-testid=\"import-refused\"", await (await admin.GetAsync($"/Admin/Import?import={import}")).TextAsync());
        var english = await (await admin.GetAsync($"/Admin/Import?handler=Refused&import={import}")).TextAsync();
        // Every field is quoted (and defused against spreadsheet formulas), as in the app's other CSV files.
        var lines = english.TrimStart('\uFEFF').Replace("\"", string.Empty, StringComparison.Ordinal).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("order_id,distributor_id,sku,quantity,note,reason", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith($"P-1,{paused.Id()},A,1,paused,", lines[1]);
        Assert.Contains("Only Active distributors can sell; this one is Inactive.", lines[1]);
        Assert.StartsWith($"Q-1,{chain[1].Id()},A,lots,typo,", lines[4]);
        Assert.Contains("quantity 'lots' is not a whole number of at least 1", lines[4]);

        using var russian = new HttpRequestMessage(HttpMethod.Get, $"/Admin/Import?handler=Refused&import={import}");
        russian.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("ru-RU"));
        var inRussian = await (await admin.SendAsync(russian)).TextAsync();
        Assert.Contains("Продавать могут только активные дистрибьюторы", inRussian);

        // The fixed file goes in whole: the refused orders, once their seller is Active again.
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(paused.Id(), "Active")).StatusCode);
        var fixedFile = string.Join("\r\n", lines.Take(4).Select(l => string.Join(',', l.Split(',').Take(5))));
        Assert.Equal("Imported", (await FinishedAsync(admin, await admin.UploadAsync("/Admin/Import", "Upload", "fixed.csv", fixedFile))).GetProperty("state").GetString());
        Assert.Equal(33, await App.WithDbAsync(db => db.Sales.CountAsync()));
    }

    [Fact]
    public async Task The_sample_file_uses_this_installations_products_and_referral_codes()
    {
        var (admin, chain) = await SetUpAsync();

        var page = WebUtility.HtmlDecode(await (await admin.GetAsync("/Admin/Import")).TextAsync());
        var sample = page.Split("data-testid=\"import-sample\">")[1].Split("</pre>")[0];

        Assert.StartsWith("order_id,distributor_id,sku,quantity,customer,personal_use,order_date", sample);
        Assert.Contains($"A-1001,{chain[0].Id()},A,2,", sample);
        Assert.Contains($"A-1002,{chain[1].Code()},A,3,,true,", sample);
    }
}
