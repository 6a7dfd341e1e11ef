using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

public class SaleFlowTests(MlmAppFactory app) : AppTest(app)
{
    [Fact]
    public async Task A_sale_recorded_on_the_form_pays_the_seller_and_the_upline_and_shows_on_their_dashboards()
    {
        // Plan: 10% personal, 5% / 3% / 2% for levels 1-3. Chain: house > grand > sponsor > seller.
        await App.SetPlanAsync(10m, 5m, 3m, 2m);
        await App.CreateProductAsync("VIT", 20.00m, 15.00m);
        var grand = await App.CreateDistributorAsync("Grace Grand", "grace@example.com", null);
        var (sponsorBrowser, sponsor) = await App.SignUpThroughReferralAsync(grand.Code(), "Sid Sponsor", "sid@example.com");
        var (sellerBrowser, seller) = await App.SignUpThroughReferralAsync(sponsor.Code(), "Sue Seller", "sue@example.com");

        var posted = await sellerBrowser.PostFormAsync("/Sales/New", new()
        {
            ["Input.Lines[0].Sku"] = "VIT",
            ["Input.Lines[0].Quantity"] = "3",
            ["Input.Key"] = "form-key-1", ["Input.Kind"] = "personal",
        });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var flash = await (await sellerBrowser.GetAsync("/Sales")).TextAsync();
        Assert.Contains("total €60.00, volume 45.00. You earned €4.50. 2 people in your upline earned too.", flash);
        // Base 45.00: seller 10% = 4.50, sponsor 5% = 2.25, grand 3% = 1.35; level 3 is the house: not paid.
        Assert.Equal(4.50m, (await App.CommissionsOfAsync(seller.Id())).GetProperty("balance").GetDecimal());
        Assert.Equal(2.25m, (await App.CommissionsOfAsync(sponsor.Id())).GetProperty("balance").GetDecimal());
        Assert.Equal(1.35m, (await App.CommissionsOfAsync(grand.Id())).GetProperty("balance").GetDecimal());
        Assert.Equal(3, await App.WithDbAsync(db => db.CommissionLines.CountAsync()));

        await App.RollUpTeamVolumeAsync();
        var sponsorDashboard = await (await sponsorBrowser.GetAsync("/Dashboard")).TextAsync();
        Assert.Contains("data-testid=\"balance\">€2.25<", sponsorDashboard);
        Assert.Contains("data-testid=\"team-volume\">45.00<", sponsorDashboard);
        var sponsorLines = await (await sponsorBrowser.GetAsync("/Commissions")).TextAsync();
        Assert.Contains("2.25", sponsorLines);
        Assert.Contains("5\u00a0%", sponsorLines);
    }

    [Fact]
    public async Task Submitting_the_same_sale_form_twice_posts_one_sale()
    {
        await App.CreateProductAsync("VIT", 10.00m);
        var (browser, seller) = await App.SignUpThroughReferralAsync(null, "Sue Seller", "sue@example.com");
        var fields = new Dictionary<string, string> { ["Input.Lines[0].Sku"] = "VIT", ["Input.Lines[0].Quantity"] = "1", ["Input.Key"] = "double-click", ["Input.Kind"] = "personal" };

        await browser.PostFormAsync("/Sales/New", new(fields));
        await browser.PostFormAsync("/Sales/New", new(fields));

        Assert.Equal(1, await App.WithDbAsync(db => db.Sales.CountAsync(s => s.DistributorId == seller.Id())));
    }

    [Theory]
    [InlineData("ru-RU", "2", 2)]
    [InlineData("en-US", "2", 2)]
    [InlineData("ru-RU", "2,5", null)]
    [InlineData("en-US", "2.5", null)]
    [InlineData("en-US", "1,000", null)]
    [InlineData("ru-RU", "0x10", null)]
    public async Task A_quantity_is_a_whole_number_in_either_culture_and_never_rescaled(string culture, string typed, int? saved)
    {
        await App.CreateProductAsync("VIT", 10.00m);
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Sue Seller", "sue@example.com");
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);

        var response = await browser.PostFormAsync("/Sales/New", new() { ["Input.Lines[0].Sku"] = "VIT", ["Input.Lines[0].Quantity"] = typed, ["Input.Key"] = "k", ["Input.Kind"] = "personal" });

        var quantities = await App.WithDbAsync(db => db.SaleLines.Select(l => l.Quantity).ToListAsync());
        Assert.Equal(saved is null ? [] : [saved.Value], quantities);
        Assert.Equal(saved is null ? HttpStatusCode.OK : HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0, App.ServerErrors);
    }

    [Fact]
    public async Task A_sale_form_without_quantities_is_refused_with_a_message()
    {
        await App.CreateProductAsync("VIT", 10.00m);
        var (browser, _) = await App.SignUpThroughReferralAsync(null, "Sue Seller", "sue@example.com");

        var response = await browser.PostFormAsync("/Sales/New", new() { ["Input.Lines[0].Sku"] = "VIT", ["Input.Lines[0].Quantity"] = "0", ["Input.Key"] = "k", ["Input.Kind"] = "personal" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter a quantity for at least one product.", await response.TextAsync());
        Assert.Equal(0, await App.WithDbAsync(db => db.Sales.CountAsync()));
    }

    [Fact]
    public async Task The_seller_is_always_the_logged_in_distributor_whatever_the_form_says()
    {
        await App.CreateProductAsync("VIT", 10.00m);
        var other = await App.CreateDistributorAsync("Other", "other@example.com", null);
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Me", "me@example.com");

        await browser.PostFormAsync("/Sales/New", new() { ["Input.Lines[0].Sku"] = "VIT", ["Input.Lines[0].Quantity"] = "1", ["Input.Key"] = "k", ["Input.Kind"] = "personal", ["DistributorId"] = other.Id().ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var sale = await App.WithDbAsync(db => db.Sales.SingleAsync());
        Assert.Equal(me.Id(), sale.DistributorId);
    }

    [Fact]
    public async Task Half_cents_round_away_from_zero_per_line()
    {
        // Base 0.05 at 10% = 0.005 -> 0.01 for the seller and for the sponsor.
        await App.SetPlanAsync(10m, 10m);
        await App.CreateProductAsync("PEN", 0.05m);
        var sponsor = await App.CreateDistributorAsync("Sponsor", "sponsor@example.com", null);
        var seller = await App.CreateDistributorAsync("Seller", "seller@example.com", sponsor.Code());

        var response = await App.PostSaleAsync(seller.Id(), "half-cent", ("PEN", 1));

        var sale = await response.Content.ReadFromJsonAsync<JsonElement>();
        var amounts = sale.GetProperty("commissions").EnumerateArray().Select(c => c.GetProperty("amount").GetDecimal()).ToList();
        Assert.Equal([0.01m, 0.01m], amounts);
    }

    [Fact]
    public async Task Sales_follow_the_plan_version_in_force_and_a_new_version_never_touches_posted_lines()
    {
        await App.CreateProductAsync("VIT", 100.00m);
        var sponsor = await App.CreateDistributorAsync("Sponsor", "sponsor@example.com", null);
        var seller = await App.CreateDistributorAsync("Seller", "seller@example.com", sponsor.Code());
        var v2 = await App.SetPlanAsync(10m, 5m);
        await App.PostSaleAsync(seller.Id(), "before", ("VIT", 1));

        var v3 = await App.SetPlanAsync(20m, 8m);
        await App.PostSaleAsync(seller.Id(), "after", ("VIT", 1));

        var lines = await App.WithDbAsync(db => db.CommissionLines.OrderBy(l => l.Id).Select(l => new { l.PlanVersion, Cents = l.Amount }).ToListAsync());
        Assert.Equal(
            [(v2.GetProperty("version").GetInt32(), 1000L), (v2.GetProperty("version").GetInt32(), 500L), (v3.GetProperty("version").GetInt32(), 2000L), (v3.GetProperty("version").GetInt32(), 800L)],
            lines.Select(l => (l.PlanVersion, l.Cents.Cents)));
    }
}
