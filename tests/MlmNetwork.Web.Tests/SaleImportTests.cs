using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

public class SaleImportTests(MlmAppFactory app) : AppTest(app)
{
    private async Task<(HttpClient Admin, List<JsonElement> Chain)> SetUpAsync()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        await App.CreateProductAsync("B", 20m, 10m);
        var chain = await App.CreateChainAsync(3);
        return (await App.LoginAsAdminAsync(), chain);
    }

    /// <summary>Follows the upload's redirect to its progress page and polls the status, as the page's script does, until the import has finished.</summary>
    internal static async Task<JsonElement> FinishedAsync(HttpClient admin, HttpResponseMessage upload)
    {
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var location = upload.Headers.Location!.OriginalString;
        var import = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://x"), location).Query)["import"];
        Assert.Contains("data-testid=\"import-progress\"", await (await admin.GetAsync(location)).TextAsync());
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var status = await admin.GetFromJsonAsync<JsonElement>($"/Admin/Import?handler=Status&import={import}");
            if (status.GetProperty("state").GetString() != "Running" || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                return status;
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task An_uploaded_sales_file_is_imported_with_every_commission_line()
    {
        var (admin, chain) = await SetUpAsync();
        var csv = string.Join("\r\n",
            "order_id,distributor_id,sku,quantity,note",
            $"O-1,{chain[2].Id()},A,1,",
            $"O-2,{chain[1].Id()},A,1,\"gift, wrapped\"",
            $"O-1,{chain[2].Id()},B,2,\"said \"\"thanks\"\"\"",
            string.Empty,
            $"O-3,{chain[2].Id()},b,1,");

        var status = await FinishedAsync(admin, await admin.UploadAsync("/Admin/Import", "Upload", "shop-export.csv", csv));

        Assert.Equal("Imported", status.GetProperty("state").GetString());
        Assert.Equal(100, status.GetProperty("percent").GetInt32());
        Assert.Contains("Imported 3 sales with 6 commission lines", status.GetProperty("summary").GetString());
        var sales = await App.WithDbAsync(db => db.Sales.AsNoTracking().Include(s => s.Lines).OrderBy(s => s.ExternalId).ToListAsync());
        Assert.Equal(["O-1", "O-2", "O-3"], sales.Select(s => s.ExternalId));
        Assert.Equal(["order:O-1", "order:O-2", "order:O-3"], sales.Select(s => s.IdempotencyKey));
        Assert.Equal((140_00L, 120_00L, 2), (sales[0].Total.Cents, sales[0].Base.Cents, sales[0].Lines.Count));
        // O-1 base 120.00 and O-3 base 10.00 by chain[2]; O-2 base 100.00 by chain[1]; 10% personal, 5% to the sponsor.
        Assert.Equal(13.00m, await App.BalanceOfAsync(chain[2].Id()));
        Assert.Equal(6.00m + 0.50m + 10.00m, await App.BalanceOfAsync(chain[1].Id()));
        Assert.Equal(5.00m, await App.BalanceOfAsync(chain[0].Id()));
        var page = await (await admin.GetAsync("/Admin/Import")).TextAsync();
        Assert.Contains("shop-export.csv", page);
        Assert.Contains("Imported 3 sales", page);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "sales.import" && a.Subject == "file shop-export.csv")));
    }

    [Fact]
    public async Task A_file_with_malformed_lines_is_refused_at_once_naming_each_line()
    {
        var (admin, chain) = await SetUpAsync();
        var csv = $"order_id,distributor_id,sku,quantity\nO-1,{chain[2].Id()},A,1\nO-2,{chain[2].Id()},A,two\nO-3,,A,1\nO-1,{chain[1].Id()},B,1\n";

        var response = await admin.UploadAsync("/Admin/Import", "Upload", "bad.csv", csv);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.TextAsync();
        Assert.Contains("bad.csv was not imported", page);
        Assert.Contains("Line 3: quantity 'two' is not a whole number of at least 1.", page);
        Assert.Contains("Line 4: distributor_id '' is not a distributor number or referral code.", page);
        Assert.Contains($"Line 5: order O-1 was sold by distributor {chain[2].Id()} on line 2, not {chain[1].Id()}.", page);
        Assert.Equal(0, await App.WithDbAsync(db => db.Sales.CountAsync()));

        var noHeader = await (await admin.UploadAsync("/Admin/Import", "Upload", "x.csv", "id,seller\n1,2\n")).TextAsync();
        Assert.Contains("Line 1: the header has no order_id, distributor_id, sku, quantity columns", noHeader);
        var empty = await (await admin.PostFormAsync("/Admin/Import", [])).TextAsync();
        Assert.Contains("Choose a CSV file to import.", empty);
    }

    [Fact]
    public async Task Orders_the_rules_refuse_leave_nothing_imported_and_are_named_by_line()
    {
        var (admin, chain) = await SetUpAsync();
        var csv = $"order_id,distributor_id,sku,quantity\nO-1,{chain[2].Id()},A,1\nO-2,{chain[2].Id()},NOPE,1\nO-3,999999,A,1\nO-4,{chain[1].Id()},A,1\n";

        var status = await FinishedAsync(admin, await admin.UploadAsync("/Admin/Import", "Upload", "rules.csv", csv));

        Assert.Equal("Refused", status.GetProperty("state").GetString());
        Assert.Contains("Nothing was imported: 2 orders are not valid", status.GetProperty("summary").GetString());
        var page = await (await admin.GetAsync("/Admin/Import")).TextAsync();
        var progressPage = await (await admin.GetAsync(page.Split("href=\"?import=")[1].Split('"')[0] is var id ? $"/Admin/Import?import={id}" : string.Empty)).TextAsync();
        Assert.Contains("Line 3 (order O-2): ", progressPage);
        Assert.Contains("NOPE", progressPage);
        Assert.Contains("Line 4 (order O-3): No distributor has id 999999.", progressPage);
        Assert.Equal((0, 0), await App.WithDbAsync(async db => (await db.Sales.CountAsync(), await db.CommissionLines.CountAsync())));
    }

    [Fact]
    public async Task The_same_file_again_posts_nothing_and_an_order_seen_before_refuses_a_new_file()
    {
        var (admin, chain) = await SetUpAsync();
        var csv = $"order_id,distributor_id,sku,quantity\nO-1,{chain[2].Id()},A,1\nO-2,{chain[1].Id()},A,1\n";
        Assert.Equal("Imported", (await FinishedAsync(admin, await admin.UploadAsync("/Admin/Import", "Upload", "day1.csv", csv))).GetProperty("state").GetString());

        var again = await FinishedAsync(admin, await admin.UploadAsync("/Admin/Import", "Upload", "day1-again.csv", csv));
        var overlapping = await FinishedAsync(admin, await admin.UploadAsync("/Admin/Import", "Upload", "day2.csv", $"order_id,distributor_id,sku,quantity\nO-9,{chain[2].Id()},A,1\nO-2,{chain[1].Id()},A,1\n"));

        Assert.Equal("AlreadyImported", again.GetProperty("state").GetString());
        Assert.Equal("Refused", overlapping.GetProperty("state").GetString());
        Assert.Equal(2, await App.WithDbAsync(db => db.Sales.CountAsync()));
        Assert.Equal(15.00m, await App.BalanceOfAsync(chain[1].Id()));
    }

    [Fact]
    public async Task Only_admins_reach_the_import()
    {
        var (_, chain) = await SetUpAsync();
        var (recruit, _) = await App.SignUpThroughReferralAsync(chain[2].Code(), "Rita Recruit", "rita@example.com");

        var asDistributor = await recruit.GetAsync("/Admin/Import");
        var anonymous = await App.CreateBrowser().GetAsync("/Admin/Import?handler=Status&import=" + Guid.NewGuid());
        var unknownImport = await (await App.LoginAsAdminAsync()).GetAsync("/Admin/Import?handler=Status&import=" + Guid.NewGuid());

        Assert.Contains("/Account/AccessDenied", asDistributor.Headers.Location?.OriginalString);
        Assert.Contains("/Account/Login", anonymous.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, unknownImport.StatusCode);
    }
}
