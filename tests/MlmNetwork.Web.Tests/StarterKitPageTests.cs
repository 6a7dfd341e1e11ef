using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Ledger;

namespace MlmNetwork.Web.Tests;

/// <summary>Starter kits: admins define them; a recruit's chosen kit is a real first order that pays nobody (rule 9).</summary>
public class StarterKitPageTests(MlmAppFactory app) : AppTest(app)
{
    private async Task<(HttpClient Admin, long KitId, JsonElement Sponsor)> CompanyWithAKitAsync()
    {
        await App.SetPlanAsync(10m, 5m, 3m);
        await App.CreateProductAsync("VIT-C", 19.99m, 15m);
        await App.CreateProductAsync("TEA", 8.99m);
        var admin = await App.LoginAsAdminAsync();
        var kit = await App.CreateKitAsync(admin, "Welcome kit", "39,00", ("VIT-C", 1), ("TEA", 2));
        var (_, sponsor) = await App.SignUpThroughReferralAsync(null, "Sara Sponsor", "sara@example.com");
        return (admin, kit, sponsor);
    }

    [Fact]
    public async Task The_join_page_offers_the_kits_with_contents_and_price_and_says_they_pay_no_commission()
    {
        var (_, kit, sponsor) = await CompanyWithAKitAsync();

        var page = await App.CreateBrowser().GetAsync($"/join/{sponsor.Code()}");
        var html = await page.TextAsync();

        Assert.Contains($"value=\"{kit}\"", html);
        Assert.Contains("Welcome kit", html);
        Assert.Contains("€39.00", html);
        Assert.Contains("Contains: 1 × Product VIT-C, 2 × Product TEA", html);
        Assert.Contains("It pays no commission to anyone, not to you, not to your sponsor", html);
    }

    [Fact]
    public async Task The_chosen_kit_is_the_recruits_first_order_paying_nobody_and_counting_no_volume()
    {
        var (admin, kit, sponsor) = await CompanyWithAKitAsync();

        var (recruitBrowser, recruit) = await App.SignUpThroughReferralAsync(sponsor.Code(), "Rita Recruit", "rita@example.com", kit);

        var order = await App.WithDbAsync(db => db.Sales.Include(s => s.Lines).Include(s => s.Commissions).SingleAsync(s => s.DistributorId == recruit.Id()));
        Assert.Equal((kit, new Money(3900), Money.Zero), (order.StarterKitId, order.Total, order.Base));
        Assert.Empty(order.Commissions);
        Assert.Equal([("VIT-C", 1), ("TEA", 2)], order.Lines.OrderBy(l => l.Id).Select(l => (l.Sku, l.Quantity)));
        Assert.Equal(kit, await App.WithDbAsync(db => db.Distributors.Where(d => d.Id == recruit.Id()).Select(d => d.StarterKitId).SingleAsync()));
        Assert.Equal(0m, await App.BalanceOfAsync(sponsor.Id()));
        Assert.Equal(0m, await App.BalanceOfAsync(recruit.Id()));
        Assert.Equal(0, await App.WithDbAsync(db => db.DistributorMonthStats.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.DistributorEarnings.CountAsync()));
        await App.RollUpTeamVolumeAsync();
        Assert.Equal(0, await App.WithDbAsync(db => db.DistributorMonthStats.CountAsync()));
        // The company's overview counts it among the month's sales: the kit is real revenue, only nobody's volume.
        Assert.Equal(1, await App.WithDbAsync(db => db.NetworkMonthStats.SumAsync(m => m.SalesCount)));

        var mySales = await (await recruitBrowser.GetAsync("/Sales")).TextAsync();
        Assert.Contains($"#{order.Id} <span class=\"badge kit\" data-testid=\"starter-kit-mark\">Starter kit</span>", mySales);
        var adminSales = await (await admin.GetAsync("/Admin/Sales")).TextAsync();
        Assert.Contains("data-testid=\"starter-kit-mark\"", adminSales);
        var details = await (await admin.GetAsync($"/Admin/Sales/Details/{order.Id}")).TextAsync();
        Assert.Contains("Starter kit order: it pays no commission to anyone", details);
        var kits = await (await admin.GetAsync("/Admin/Kits")).TextAsync();
        Assert.Matches("<td class=\"num\">1</td>", kits);
        Assert.Empty((await App.WithDbAsync(db => new LedgerCheck(db).RunAsync(CancellationToken.None))).Breaches);
    }

    [Fact]
    public async Task Refunding_a_kit_order_gives_its_price_back_and_reverses_nothing()
    {
        var (_, kit, sponsor) = await CompanyWithAKitAsync();
        var (_, recruit) = await App.SignUpThroughReferralAsync(sponsor.Code(), "Rita Recruit", "rita@example.com", kit);
        var orderId = await App.WithDbAsync(db => db.Sales.Where(s => s.DistributorId == recruit.Id()).Select(s => s.Id).SingleAsync());

        var refund = await App.RefundAsync(orderId, "kit-refund");
        var body = await refund.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        Assert.Equal(39.00m, body.GetProperty("total").GetDecimal());
        Assert.Equal(0, body.GetProperty("reversals").GetArrayLength());
        Assert.Equal(0, await App.WithDbAsync(db => db.CommissionLines.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.DistributorMonthStats.CountAsync()));
        Assert.NotNull(await App.WithDbAsync(db => db.Sales.Where(s => s.Id == orderId).Select(s => s.RefundedAt).SingleAsync()));
        Assert.Empty((await App.WithDbAsync(db => new LedgerCheck(db).RunAsync(CancellationToken.None))).Breaches);
    }

    [Fact]
    public async Task The_ledger_check_catches_a_kit_order_that_has_commission_lines()
    {
        var (_, kit, sponsor) = await CompanyWithAKitAsync();
        var (_, recruit) = await App.SignUpThroughReferralAsync(sponsor.Code(), "Rita Recruit", "rita@example.com", kit);
        var orderId = await App.WithDbAsync(db => db.Sales.Where(s => s.DistributorId == recruit.Id()).Select(s => s.Id).SingleAsync());

        // What a bug paying for recruiting would write: the sponsor earning 5% of the kit.
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO commission_lines (sale_id, beneficiary_id, level, distance, basis_points, amount_cents, plan_version, kind, created_at, period_key)
            VALUES ({orderId}, {sponsor.Id()}, 1, 1, 500, 195, 2, 0, now(), 202611)
            """));
        var report = await App.WithDbAsync(db => new LedgerCheck(db).RunAsync(CancellationToken.None));

        Assert.Contains(report.Breaches, b => b.Rule == "starter kits pay nothing" && b.Detail.Contains($"sale {orderId} is a starter kit order but has 1 commission lines", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_kit_holding_a_product_no_longer_for_sale_is_not_offered_and_cannot_be_ordered_or_offered_again()
    {
        var (admin, kit, sponsor) = await CompanyWithAKitAsync();
        var teaId = await App.WithDbAsync(db => db.Products.Where(p => p.Sku == "TEA").Select(p => p.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Admin/Products?handler=Deactivate&id={teaId}", [], "/Admin/Products")).StatusCode);

        var join = await (await App.CreateBrowser().GetAsync($"/join/{sponsor.Code()}")).TextAsync();
        var browser = App.CreateBrowser();
        var hostile = await browser.PostFormAsync($"/join/{sponsor.Code()}", new() { ["Input.Name"] = "Kim", ["Input.Email"] = "kim@example.com", ["Input.Password"] = MlmAppFactory.Password, ["Input.StarterKitId"] = kit.ToString(CultureInfo.InvariantCulture) });
        var kits = await (await admin.GetAsync("/Admin/Kits")).TextAsync();
        await admin.PostFormAsync($"/Admin/Kits?handler=Deactivate&id={kit}", [], "/Admin/Kits");
        var again = await admin.PostFormAsync($"/Admin/Kits?handler=Activate&id={kit}", [], "/Admin/Kits");
        var afterAgain = await (await admin.GetAsync("/Admin/Kits")).TextAsync();
        var edited = await admin.EditKitAsync(kit, new() { ["Input.Name"] = "Welcome kit", ["Input.Price"] = "39", ["Input.Active"] = "true", ["Input.Items[0].ProductId"] = teaId.ToString(CultureInfo.InvariantCulture) });

        Assert.DoesNotContain($"value=\"{kit}\"", join);
        Assert.Equal(HttpStatusCode.OK, hostile.StatusCode);
        Assert.Contains("That starter kit is not offered now: TEA is not for sale.", await hostile.TextAsync());
        Assert.Equal(0, await App.WithDbAsync(db => db.Distributors.CountAsync(d => d.Email == "kim@example.com")));
        Assert.Contains("Not offered: TEA is not for sale", kits);
        Assert.Contains("Product TEA is not for sale, so the kit cannot be offered.", afterAgain);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("Product TEA is not for sale, so no kit can hold it.", await edited.TextAsync());
        Assert.False(await App.WithDbAsync(db => db.StarterKits.Where(k => k.Id == kit).Select(k => k.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task Admins_create_change_and_withdraw_kits_and_every_change_is_audited()
    {
        var (admin, kit, _) = await CompanyWithAKitAsync();

        var form = await (await admin.GetAsync($"/Admin/Kits/Edit/{kit}")).TextAsync();
        var changed = await admin.EditKitAsync(kit, new() { ["Input.Name"] = "Welcome kit XL", ["Input.Price"] = "49.50", ["Input.Active"] = "true", ["Input.Items[0].ProductId"] = "1", ["Input.Items[0].Quantity"] = "3" });
        var withdrawn = await admin.PostFormAsync($"/Admin/Kits?handler=Deactivate&id={kit}", [], "/Admin/Kits");
        var audit = await (await admin.GetAsync("/Admin/Audit")).TextAsync();

        Assert.Contains("value=\"39.00\"", form);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        var saved = await App.WithDbAsync(db => db.StarterKits.Include(k => k.Items).SingleAsync(k => k.Id == kit));
        Assert.Equal(("Welcome kit XL", new Money(4950), false), (saved.Name, saved.Price, saved.IsActive));
        Assert.Equal([(1L, 3)], saved.Items.Select(i => (i.ProductId, i.Quantity)));
        Assert.Contains("Starter kit created", audit);
        Assert.Contains("Starter kit changed", audit);
        Assert.Contains("Starter kit no longer offered", audit);
        Assert.Contains("Welcome kit XL, price €49.50, offered yes: 3 x VIT-C", audit);
    }

    [Fact]
    public async Task Unknown_or_hostile_kit_ids_are_404_or_a_message_never_a_500()
    {
        var (admin, _, sponsor) = await CompanyWithAKitAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Kits/Edit/999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync("/Admin/Kits/Edit/999", new() { ["Input.Name"] = "X", ["Input.Price"] = "1" }, "/Admin/Kits/Edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync("/Admin/Kits?handler=Activate&id=999", [], "/Admin/Kits")).StatusCode);
        var unknownProduct = await admin.PostFormAsync("/Admin/Kits/Edit", new() { ["Input.Name"] = "X", ["Input.Price"] = "1", ["Input.Items[0].ProductId"] = "999" });
        Assert.Contains("No product has id 999.", await unknownProduct.TextAsync());
        var badQuantity = await admin.PostFormAsync("/Admin/Kits/Edit", new() { ["Input.Name"] = "X", ["Input.Price"] = "1", ["Input.Items[0].ProductId"] = "1", ["Input.Items[0].Quantity"] = "0x10" });
        Assert.Contains("A quantity is a whole number from 1 to 100.", await badQuantity.TextAsync());
        var unknownKit = await App.CreateBrowser().PostFormAsync($"/join/{sponsor.Code()}", new() { ["Input.Name"] = "Kim", ["Input.Email"] = "kim@example.com", ["Input.Password"] = MlmAppFactory.Password, ["Input.StarterKitId"] = "999" });
        Assert.Contains("That starter kit is not offered.", await unknownKit.TextAsync());
        var distributor = await App.LoginAsync("sara@example.com", MlmAppFactory.Password);
        Assert.Contains("/Account/AccessDenied", (await distributor.GetAsync("/Admin/Kits")).Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(1, await App.WithDbAsync(db => db.StarterKits.CountAsync()));
    }
}
