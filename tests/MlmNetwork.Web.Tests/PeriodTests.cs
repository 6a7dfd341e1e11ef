using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Web.Tests;

public class PeriodTests(MlmAppFactory app) : AppTest(app)
{
    private static readonly DateTime September = new(2026, 9, 15, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime October = new(2026, 10, 2, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>A month of sales: the sponsor sells 30.00 of volume, the seller 100.00; the plan needs 50.00 to qualify.</summary>
    private async Task<(JsonElement Sponsor, JsonElement Seller)> SeptemberAsync()
    {
        App.Clock.Set(September.AddDays(-20));
        using var api = App.CreateApiClient();
        await api.PutAsJsonAsync("/api/v1/commission-plan", new { personalPercent = 10m, levels = new[] { 5m }, minPersonalVolume = 50m });
        await App.CreateProductAsync("A", 100m);
        await App.CreateProductAsync("B", 30m);
        var sponsor = await App.CreateDistributorAsync("Sponsor", "sponsor@example.com", null);
        var seller = await App.CreateDistributorAsync("Seller", "seller@example.com", sponsor.Code());
        App.Clock.Set(September);
        await App.PostSaleAsync(sponsor.Id(), "own", ("B", 1));
        await App.PostSaleAsync(seller.Id(), "team", ("A", 1));
        return (sponsor, seller);
    }

    [Fact]
    public async Task A_period_cannot_close_before_it_ends()
    {
        await SeptemberAsync();

        var response = await App.ClosePeriodAsync("2026-09");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await App.ClosePeriodAsync("2026-13")).StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.CommissionPeriods.CountAsync()));
    }

    [Fact]
    public async Task Closing_forfeits_the_lines_of_the_unqualified_locks_the_month_and_writes_statements()
    {
        var (sponsor, seller) = await SeptemberAsync();
        App.Clock.Set(October);

        var response = await App.ClosePeriodAsync("2026-09");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var statements = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToDictionary(s => s.GetProperty("distributorId").GetInt64());
        // The sponsor sold 30.00 < 50.00: their own 3.00 and the 5.00 from the seller are forfeited.
        var s = statements[sponsor.Id()];
        Assert.Equal((8.00m, -8.00m, 0m, false), (s.GetProperty("earned").GetDecimal(), s.GetProperty("forfeited").GetDecimal(), s.GetProperty("closing").GetDecimal(), s.GetProperty("qualified").GetBoolean()));
        var t = statements[seller.Id()];
        Assert.Equal((10.00m, 0m, 10.00m, true), (t.GetProperty("earned").GetDecimal(), t.GetProperty("forfeited").GetDecimal(), t.GetProperty("closing").GetDecimal(), t.GetProperty("qualified").GetBoolean()));
        Assert.Equal(0m, await App.BalanceOfAsync(sponsor.Id()));
        var forfeit = await App.WithDbAsync(db => db.CommissionLines.FirstAsync(l => l.Kind == CommissionLineKind.Forfeit));
        Assert.Equal("Personal volume 30.00 in 2026-09 is below the minimum 50.00", forfeit.Reason);

        Assert.Equal(HttpStatusCode.Conflict, (await App.ClosePeriodAsync("2026-09")).StatusCode);
        App.Clock.Set(September.AddDays(1));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await App.PostSaleAsync(seller.Id(), "late", ("A", 1))).StatusCode);
    }

    [Fact]
    public async Task A_refund_after_close_posts_into_the_open_month_and_after_payout_leaves_a_negative_balance_recovered_later()
    {
        var (_, seller) = await SeptemberAsync();
        App.Clock.Set(October);
        await App.ClosePeriodAsync("2026-09");
        var run = await App.PayUpToAsync("2026-09", "2026-10-02");
        Assert.Equal(10.00m, run.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("distributorId").GetInt64() == seller.Id()).GetProperty("amount").GetDecimal());
        Assert.Equal(0m, await App.BalanceOfAsync(seller.Id()));

        var saleId = await App.WithDbAsync(db => db.Sales.Where(s => s.DistributorId == seller.Id()).Select(s => s.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await App.RefundAsync(saleId, "late-refund")).StatusCode);

        Assert.Equal(-10.00m, await App.BalanceOfAsync(seller.Id()));
        var reversal = await App.WithDbAsync(db => db.CommissionLines.FirstAsync(l => l.Kind == CommissionLineKind.Reversal && l.BeneficiaryId == seller.Id()));
        Assert.Equal(202610, reversal.PeriodKey);
        await App.PostSaleAsync(seller.Id(), "recovery", ("A", 2));
        Assert.Equal(10.00m, await App.BalanceOfAsync(seller.Id()));

        App.Clock.Set(new DateTime(2026, 11, 3, 0, 0, 0, DateTimeKind.Utc));
        var october = (await (await App.ClosePeriodAsync("2026-10")).Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single(s => s.GetProperty("distributorId").GetInt64() == seller.Id());
        // October opens at September's closing 10.00, and the payout made in October counts there.
        Assert.Equal((10.00m, 20.00m, -10.00m, 10.00m, 10.00m), (october.GetProperty("opening").GetDecimal(), october.GetProperty("earned").GetDecimal(), october.GetProperty("reversed").GetDecimal(), october.GetProperty("paid").GetDecimal(), october.GetProperty("closing").GetDecimal()));
    }
}

public class ExplanationAndCheckTests(MlmAppFactory app) : AppTest(app)
{
    [Fact]
    public async Task A_distributor_sees_the_explanation_of_their_own_lines_only()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 19.99m);
        var (sponsorBrowser, sponsor) = await App.SignUpThroughReferralAsync(null, "Sid", "sid@example.com");
        var (sellerBrowser, seller) = await App.SignUpThroughReferralAsync(sponsor.Code(), "Sue", "sue@example.com");
        await App.PostSaleAsync(seller.Id(), "s", ("A", 1));
        var lines = await App.WithDbAsync(db => db.CommissionLines.ToDictionaryAsync(l => l.BeneficiaryId, l => l.Id));

        var own = await (await sponsorBrowser.GetAsync($"/Lines/{lines[sponsor.Id()]}")).TextAsync();
        var other = await sponsorBrowser.GetAsync($"/Lines/{lines[seller.Id()]}");

        Assert.Contains("Level 1: you were the 1st paid ancestor of the seller.", own);
        Assert.Contains("base €19.99 × 5\u00a0% = 0.9995, rounded to the cent (half away from zero) = <strong>€1.00</strong>", own);
        Assert.DoesNotContain("2.00", own); // the seller's own amount is theirs, not the sponsor's to see
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sellerBrowser.GetAsync($"/Lines/{lines[seller.Id()]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await App.CreateBrowser().GetAsync($"/Lines/{lines[seller.Id()]}")).StatusCode);
    }

    [Fact]
    public async Task The_ledger_check_holds_on_a_clean_ledger_and_reports_a_tampered_line()
    {
        await App.SetPlanAsync(10m, 5m, 0m, 2m);
        await App.CreateProductAsync("A", 33.33m);
        var chain = await App.CreateChainAsync(5);
        await App.SetStatusAsync(chain[2].Id(), "Inactive");
        for (var i = 0; i < 5; i++)
        {
            await App.PostSaleAsync(chain[4].Id(), $"s{i}", ("A", i + 1));
        }

        var saleId = await App.WithDbAsync(db => db.Sales.Select(s => s.Id).MinAsync());
        await App.RefundAsync(saleId, "r");
        var admin = await App.LoginAsAdminAsync();

        var clean = await (await admin.PostFormAsync("/Admin/Ledger", [])).TextAsync();
        Assert.Contains("The ledger holds: no breach.", clean);
        Assert.Contains("Checked 5 sales", clean);

        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE commission_lines SET amount_cents = amount_cents + 1 WHERE id = (SELECT MAX(id) FROM commission_lines WHERE kind = 0)"));
        var tampered = await (await admin.PostFormAsync("/Admin/Ledger", [])).TextAsync();

        Assert.Contains("breaches found.", tampered);
        Assert.Contains("commission rules", tampered);
        Assert.Contains("balances equal lines", tampered);
    }
}
