using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// A kit is versioned: a recruit is never charged for a kit other than the one they read, and
/// two admins saving the same kit never lose a change or meet a 500.
/// </summary>
public class StarterKitVersionTests(MlmAppFactory app) : AppTest(app)
{
    private async Task<(HttpClient Admin, long Kit, string SponsorCode, long VitaminC, long Tea)> CompanyWithASmallKitAsync()
    {
        await App.CreateProductAsync("VIT-C", 19.99m, 15m);
        await App.CreateProductAsync("TEA", 8.99m);
        var admin = await App.LoginAsAdminAsync();
        var kit = await App.CreateKitAsync(admin, "Kit", "7.00", ("VIT-C", 1));
        var sponsor = await App.CreateDistributorAsync("Sara Sponsor", "sara@example.com", null);
        var ids = await App.WithDbAsync(db => db.Products.ToDictionaryAsync(p => p.Sku, p => p.Id));
        return (admin, kit, sponsor.Code(), ids["VIT-C"], ids["TEA"]);
    }

    private static Dictionary<string, string> KitForm(string name, string price, params (long Product, int Quantity)[] items)
    {
        var fields = new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Price"] = price, ["Input.Active"] = "true" };
        for (var i = 0; i < items.Length; i++)
        {
            fields[$"Input.Items[{i}].ProductId"] = items[i].Product.ToString(CultureInfo.InvariantCulture);
            fields[$"Input.Items[{i}].Quantity"] = items[i].Quantity.ToString(CultureInfo.InvariantCulture);
        }

        return fields;
    }

    [Fact]
    public async Task A_recruit_who_read_a_kit_before_an_admin_changed_it_is_refused_and_shown_the_kit_as_it_is_now()
    {
        var (admin, kit, code, _, tea) = await CompanyWithASmallKitAsync();
        var recruit = App.CreateBrowser();
        var read = await (await recruit.GetAsync($"/join/{code}")).TextAsync();
        var shownVersion = await recruit.HiddenFieldAsync($"/join/{code}", $"Input.KitVersions[{kit}]");
        Assert.Contains("€7.00", read);
        Assert.Contains("1 × Product VIT-C", read);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.EditKitAsync(kit, KitForm("Kit", "700", (tea, 3)))).StatusCode);
        var refused = await recruit.PostFormAsync($"/join/{code}", new()
        {
            ["Input.Name"] = "Rita Recruit", ["Input.Email"] = "rita@example.com", ["Input.Password"] = MlmAppFactory.Password,
            ["Input.StarterKitId"] = kit.ToString(CultureInfo.InvariantCulture), [$"Input.KitVersions[{kit}]"] = shownVersion!,
        });
        var page = await refused.TextAsync();

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The starter kit changed while you were reading: check its price and contents and join again.", page);
        Assert.Contains("€700.00", page);
        Assert.Contains("3 × Product TEA", page);
        Assert.DoesNotContain("1 × Product VIT-C", page);
        Assert.Equal(0, await App.WithDbAsync(db => db.Distributors.CountAsync(d => d.Email == "rita@example.com")));
        Assert.Equal(0, await App.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "rita@example.com")));
        Assert.Equal(0, await App.WithDbAsync(db => db.Sales.CountAsync()));

        // Having read the kit as it is now, the recruit joins and pays what they read.
        var (_, rita) = await App.SignUpThroughReferralAsync(code, "Rita Recruit", "rita@example.com", kit);
        var order = await App.WithDbAsync(db => db.Sales.Include(s => s.Lines).SingleAsync(s => s.DistributorId == rita.Id()));
        Assert.Equal(new Money(70000), order.Total);
        Assert.Equal([("TEA", 3)], order.Lines.Select(l => (l.Sku, l.Quantity)));
    }

    [Fact]
    public async Task A_kit_order_without_the_version_shown_is_not_made()
    {
        var (_, kit, code, _, _) = await CompanyWithASmallKitAsync();

        var refused = await App.CreateBrowser().PostFormAsync($"/join/{code}", new()
        {
            ["Input.Name"] = "Rita Recruit", ["Input.Email"] = "rita@example.com", ["Input.Password"] = MlmAppFactory.Password,
            ["Input.StarterKitId"] = kit.ToString(CultureInfo.InvariantCulture),
        });

        Assert.Contains("The starter kit changed while you were reading", await refused.TextAsync());
        Assert.Equal(0, await App.WithDbAsync(db => db.Sales.CountAsync()));
    }

    [Fact]
    public async Task An_admin_saving_a_kit_another_admin_changed_since_is_refused_and_shown_the_kit_as_it_is_now()
    {
        var (admin, kit, _, vitaminC, tea) = await CompanyWithASmallKitAsync();
        var other = await App.LoginAsAdminAsync();
        var openedVersion = await admin.HiddenFieldAsync($"/Admin/Kits/Edit/{kit}", "Input.Version");

        Assert.Equal(HttpStatusCode.Redirect, (await other.EditKitAsync(kit, KitForm("Kit by Bob", "9.00", (tea, 2)))).StatusCode);
        var stale = KitForm("Kit by Alice", "8.00", (vitaminC, 5));
        stale["Input.Version"] = openedVersion!;
        var refused = await admin.PostFormAsync($"/Admin/Kits/Edit/{kit}", stale);
        var page = await refused.TextAsync();

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Another admin changed this kit since you opened it; here it is now.", page);
        Assert.Contains("value=\"Kit by Bob\"", page);
        Assert.Contains("value=\"9.00\"", page);
        var saved = await App.WithDbAsync(db => db.StarterKits.Include(k => k.Items).SingleAsync(k => k.Id == kit));
        Assert.Equal(("Kit by Bob", new Money(900)), (saved.Name, saved.Price));
        Assert.Equal([(tea, 2)], saved.Items.Select(i => (i.ProductId, i.Quantity)));
        // Saving again from the form as shown now is the admin's informed choice, and goes through.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.EditKitAsync(kit, KitForm("Kit by Alice", "8.00", (vitaminC, 5)))).StatusCode);
    }

    [Fact]
    public async Task Two_admins_saving_the_same_kit_at_once_one_is_saved_the_other_told_never_a_500()
    {
        var (admin, kit, _, vitaminC, tea) = await CompanyWithASmallKitAsync();
        var admins = new[] { admin, await App.LoginAsAdminAsync(), await App.LoginAsAdminAsync(), await App.LoginAsAdminAsync() };
        var version = await admin.HiddenFieldAsync($"/Admin/Kits/Edit/{kit}", "Input.Version");

        // Each adds TEA (a new line of the kit) in its own quantity, all from the same version.
        var saves = await Task.WhenAll(admins.Select((a, i) =>
        {
            var form = KitForm($"Kit {i}", "9.00", (vitaminC, 1), (tea, i + 1));
            form["Input.Version"] = version!;
            return a.PostFormAsync($"/Admin/Kits/Edit/{kit}", form);
        }));

        Assert.Single(saves, r => r.StatusCode == HttpStatusCode.Redirect);
        var refused = saves.Where(r => r.StatusCode != HttpStatusCode.Redirect).ToList();
        Assert.Equal(3, refused.Count);
        foreach (var response in refused)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Another admin changed this kit since you opened it; here it is now.", await response.TextAsync());
        }

        var winner = Array.FindIndex(saves, r => r.StatusCode == HttpStatusCode.Redirect);
        var saved = await App.WithDbAsync(db => db.StarterKits.Include(k => k.Items).SingleAsync(k => k.Id == kit));
        Assert.Equal($"Kit {winner}", saved.Name);
        Assert.Equal([(vitaminC, 1), (tea, winner + 1)], saved.Items.OrderBy(i => i.ProductId == tea).Select(i => (i.ProductId, i.Quantity)));
        Assert.Equal(2, saved.Version);
    }

    [Fact]
    public async Task A_refused_kit_form_keeps_its_rows_as_posted()
    {
        var (admin, _, _, vitaminC, _) = await CompanyWithASmallKitAsync();
        var blank = await admin.GetStringAsync("/Admin/Kits/Edit");
        var rowsOffered = System.Text.RegularExpressions.Regex.Count(blank, "name=\"Input.Items\\[\\d+\\].ProductId\"");

        var fields = new Dictionary<string, string> { ["Input.Name"] = "New kit", ["Input.Price"] = "0" };
        for (var i = 0; i < rowsOffered; i++)
        {
            fields[$"Input.Items[{i}].ProductId"] = i == 0 ? vitaminC.ToString(CultureInfo.InvariantCulture) : string.Empty;
            fields[$"Input.Items[{i}].Quantity"] = "1";
        }

        var refused = await (await admin.PostFormAsync("/Admin/Kits/Edit", fields)).TextAsync();

        Assert.Contains("Price must be more than zero.", refused);
        Assert.Equal(rowsOffered, System.Text.RegularExpressions.Regex.Count(refused, "name=\"Input.Items\\[\\d+\\].ProductId\""));
        Assert.Contains($"<option value=\"{vitaminC}\" selected=\"selected\">", refused);
    }
}
