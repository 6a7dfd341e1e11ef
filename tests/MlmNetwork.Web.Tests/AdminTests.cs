using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

public class AdminTests(MlmAppFactory app) : AppTest(app)
{
    [Fact]
    public async Task Two_admins_saving_the_plan_from_forms_opened_on_the_same_version_one_is_saved_the_other_told()
    {
        await App.SetPlanAsync(10m, 5m);
        var (first, second) = (await App.LoginAsAdminAsync(), await App.LoginAsAdminAsync());
        static string Base(string page) => System.Text.RegularExpressions.Regex.Match(page, "name=\"Input.BaseVersion\" value=\"(\\d+)\"").Groups[1].Value;
        var seen = Base(await first.GetStringAsync("/Admin/Plan"));
        Assert.Equal(seen, Base(await second.GetStringAsync("/Admin/Plan")));
        Assert.NotEmpty(seen);

        // The first switches the customer-share forfeit on; the second, from the same version, asks for 60 % without it.
        var saved = await first.PostFormAsync("/Admin/Plan?handler=Save", new() { ["Input.PersonalPercent"] = "10", ["Input.Levels[0]"] = "5", ["Input.MinCustomerShare"] = "65", ["Input.ForfeitBelowCustomerShare"] = "true", ["Input.BaseVersion"] = seen }, "/Admin/Plan");
        var refused = await second.PostFormAsync("/Admin/Plan?handler=Save", new() { ["Input.PersonalPercent"] = "10", ["Input.Levels[0]"] = "5", ["Input.MinCustomerShare"] = "60", ["Input.BaseVersion"] = seen }, "/Admin/Plan");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await refused.TextAsync();
        var newest = await App.WithDbAsync(db => db.CommissionPlans.MaxAsync(p => p.Version));
        Assert.Contains($"Plan version {newest} was saved by somebody else after you opened this form.", page);
        Assert.Equal(int.Parse(seen, System.Globalization.CultureInfo.InvariantCulture) + 1, newest);
        var plan = await App.WithDbAsync(db => db.CommissionPlans.SingleAsync(p => p.Version == newest));
        Assert.True(plan.CustomerShare.ForfeitAtClose);
    }

    [Fact]
    public async Task The_plan_editor_saves_a_new_version_in_force_from_now_and_shows_the_history()
    {
        var admin = await App.LoginAsAdminAsync();
        var before = await App.WithDbAsync(db => db.CommissionPlans.MaxAsync(p => p.Version));

        var form = new Dictionary<string, string>
        {
            ["Input.PersonalPercent"] = "8.5",
            ["Input.Levels[0]"] = "4",
            ["Input.Levels[1]"] = "2.25",
            ["Input.Levels[2]"] = "",
            ["Input.Compression"] = "true",
            ["Input.MinPersonalVolume"] = "25",
        };
        var preview = await (await admin.PostFormAsync("/Admin/Plan?handler=Preview", form, "/Admin/Plan")).TextAsync();
        Assert.Contains("data-testid=\"preview-levels\">4\u00a0% / 2.25\u00a0%<", preview);
        Assert.Contains("data-testid=\"preview-total\">€14.75<", preview); // 8.50 + 4.00 + 2.25 of an example base of 100.00
        Assert.Equal(before, await App.WithDbAsync(db => db.CommissionPlans.MaxAsync(p => p.Version))); // a preview saves nothing

        var response = await admin.PostFormAsync("/Admin/Plan?handler=Save", form, "/Admin/Plan");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await (await admin.GetAsync("/Admin/Plan")).TextAsync();
        Assert.Contains($"Plan version {before + 1} is in force from now.", page);
        Assert.Contains($"<strong>version {before + 1}</strong>", page);
        Assert.Contains("8.5\u00a0% personal; levels 4\u00a0% / 2.25\u00a0%; compression on", page);
        Assert.Contains($"v{before}", page);
        Assert.Contains(MlmAppFactory.AdminEmail, page);
        var api = await App.CreateApiClient().GetFromJsonAsync<JsonElement>("/api/v1/commission-plan");
        Assert.Equal([4m, 2.25m], api.GetProperty("levels").EnumerateArray().Select(l => l.GetDecimal()));
        Assert.Contains("plan.save", await (await admin.GetAsync("/Admin/Audit")).TextAsync());
    }

    [Theory]
    [InlineData("60", "30", "20", "add up to more than 100%")]
    [InlineData("10", "", "5", "without gaps")]
    [InlineData("10", "1.234", "", "more than 2 decimals")]
    [InlineData("", "5", "", "The Personal percent field is required.")]
    [InlineData("10", "1,250", "", "is ambiguous")]
    [InlineData("10", "25,5", "70", "add up to more than 100%")]
    public async Task The_plan_editor_refuses_a_bad_plan_with_a_message(string personal, string level1, string level2, string message)
    {
        var admin = await App.LoginAsAdminAsync();
        var before = await App.WithDbAsync(db => db.CommissionPlans.CountAsync());

        foreach (var handler in new[] { "Preview", "Save" })
        {
            var response = await admin.PostFormAsync($"/Admin/Plan?handler={handler}", new() { ["Input.PersonalPercent"] = personal, ["Input.Levels[0]"] = level1, ["Input.Levels[1]"] = level2 }, "/Admin/Plan");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, await response.TextAsync());
        }

        Assert.Equal(before, await App.WithDbAsync(db => db.CommissionPlans.CountAsync()));
    }

    [Theory]
    [InlineData("Input.Levels[2]", "without gaps")]
    [InlineData("Input.Levels[99999]", "at most 20 levels")]
    [InlineData("Input.Levels[x]", "is not a level number")]
    public async Task The_plan_editor_never_drops_a_level_silently(string key, string message)
    {
        var admin = await App.LoginAsAdminAsync();
        var before = await App.WithDbAsync(db => db.CommissionPlans.CountAsync());

        var response = await admin.PostFormAsync("/Admin/Plan?handler=Save", new() { ["Input.PersonalPercent"] = "10", ["Input.Levels[0]"] = "5", [key] = "1" }, "/Admin/Plan");

        Assert.Contains(message, await response.TextAsync());
        Assert.Equal(before, await App.WithDbAsync(db => db.CommissionPlans.CountAsync()));
    }

    [Fact]
    public async Task A_russian_admin_types_plan_percents_with_a_comma_and_sees_them_as_read()
    {
        var admin = await App.LoginAsAdminAsync();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru-RU");
        var form = new Dictionary<string, string> { ["Input.PersonalPercent"] = "7,5", ["Input.Levels[0]"] = "2,5", ["Input.Levels[1]"] = "0,25", ["Input.MinPersonalVolume"] = "12,50" };

        var preview = await (await admin.PostFormAsync("/Admin/Plan?handler=Preview", form, "/Admin/Plan")).TextAsync();
        Assert.Contains("data-testid=\"preview-levels\">2,5\u00a0% / 0,25\u00a0%<", preview);
        Assert.Matches("data-testid=\"preview-total\">10,25\\s€<", preview);
        await admin.PostFormAsync("/Admin/Plan?handler=Save", form, "/Admin/Plan");

        var api = await App.CreateApiClient().GetFromJsonAsync<JsonElement>("/api/v1/commission-plan");
        Assert.Equal([2.5m, 0.25m], api.GetProperty("levels").EnumerateArray().Select(l => l.GetDecimal()));
        Assert.Equal((7.5m, 12.50m), (api.GetProperty("personalPercent").GetDecimal(), api.GetProperty("minPersonalVolume").GetDecimal()));
        Assert.Contains("value=\"2,5\"", await (await admin.GetAsync("/Admin/Plan")).TextAsync());
    }

    [Fact]
    public async Task Products_are_created_edited_and_deactivated_from_the_admin_pages()
    {
        var admin = await App.LoginAsAdminAsync();

        var created = await admin.PostFormAsync("/Admin/Products/Edit", new() { ["Input.Sku"] = "tea-1", ["Input.Name"] = "Green tea", ["Input.Price"] = "8.99", ["Input.CommissionBase"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var product = await App.WithDbAsync(db => db.Products.SingleAsync());
        Assert.Equal(("TEA-1", 899L, 899L), (product.Sku, product.Price.Cents, product.CommissionBase.Cents));

        var edited = await admin.PostFormAsync($"/Admin/Products/Edit/{product.Id}", new() { ["Input.Sku"] = "TEA-1", ["Input.Name"] = "Green tea 40", ["Input.Price"] = "9.50", ["Input.CommissionBase"] = "7" });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var deactivated = await admin.PostFormAsync($"/Admin/Products?handler=Deactivate&id={product.Id}", [], "/Admin/Products");
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);

        product = await App.WithDbAsync(db => db.Products.SingleAsync());
        Assert.Equal(("Green tea 40", 950L, 700L, false), (product.Name, product.Price.Cents, product.CommissionBase.Cents, product.IsActive));
        var list = await (await admin.GetAsync("/Admin/Products")).TextAsync();
        Assert.Contains("Deactivated", list);
        var audit = await (await admin.GetAsync("/Admin/Audit")).TextAsync();
        Assert.Contains("product.create", audit);
        Assert.Contains("product.update", audit);
        Assert.Contains("product.deactivate", audit);
    }

    [Theory]
    [InlineData("DUP", "Name", "5", "", "already exists")]
    [InlineData("NEW", "Name", "5.555", "", "Price has more than 2 decimals.")]
    [InlineData("NEW", "Name", "5", "6", "between zero and the price")]
    [InlineData("NEW", "", "5", "", "The Product name field is required.")]
    [InlineData("NEW", "Name", "abc", "", "Price: 'abc' is not a number")]
    [InlineData("NEW", "Name", "5", "0x10", "Commission base: '0x10' is not a number")]
    [InlineData("NEW", "Name", "5", "1.255", "Commission base has more than 2 decimals.")]
    [InlineData("NEW", "Name", "1,250", "", "Price: '1,250' is ambiguous")]
    [InlineData("NEW", "Name", "1,250.00", "", "Price: '1,250.00' has more than one separator")]
    [InlineData("NEW", "Name", "79228162514264337593543950335", "", "maximum length of 24")]
    public async Task The_product_form_refuses_bad_input_with_a_message(string sku, string name, string price, string basis, string message)
    {
        await App.CreateProductAsync("DUP", 1m);
        var admin = await App.LoginAsAdminAsync();

        var response = await admin.PostFormAsync("/Admin/Products/Edit", new() { ["Input.Sku"] = sku, ["Input.Name"] = name, ["Input.Price"] = price, ["Input.CommissionBase"] = basis });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.TextAsync());
        Assert.Equal(1, await App.WithDbAsync(db => db.Products.CountAsync()));
    }

    [Fact]
    public async Task Distributors_can_be_searched_and_opened_with_sponsor_and_downline_count()
    {
        var chain = await App.CreateChainAsync(3, "tree");
        await App.CreateDistributorAsync("Someone Else", "else@example.com", null);
        var admin = await App.LoginAsAdminAsync();

        var search = await (await admin.GetAsync("/Admin/Distributors?q=TREE")).TextAsync();
        Assert.Contains("tree 0", search);
        Assert.Contains("tree 2", search);
        Assert.DoesNotContain("Someone Else", search);
        var byCode = await (await admin.GetAsync($"/Admin/Distributors?q={chain[2].Code().ToLowerInvariant()}")).TextAsync();
        Assert.Contains("tree 2", byCode);
        Assert.DoesNotContain("tree 1<", byCode);
        Assert.Contains("Nobody matches.", await (await admin.GetAsync("/Admin/Distributors?q=%25_%25")).TextAsync());

        var details = await (await admin.GetAsync($"/Admin/Distributors/Details/{chain[1].Id()}")).TextAsync();
        Assert.Contains("data-testid=\"sponsor\">tree 0<", details);
        Assert.Contains("data-testid=\"downline-count\">1<", details);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Distributors/Details/999999")).StatusCode);
    }

    [Theory]
    [InlineData("Ирина", true)]
    [InlineData("ИРИНА", true)]
    [InlineData("петрова", false)]
    [InlineData("иРиНа ПеТрОвА", false)]
    public async Task People_search_finds_cyrillic_names_in_any_letter_case(string query, bool alsoIvanova)
    {
        await App.CreateDistributorAsync("Ирина Петрова", "irina@example.com", null);
        await App.CreateDistributorAsync("Ирина Иванова", "ivanova@example.com", null);
        var admin = await App.LoginAsAdminAsync();

        var found = await (await admin.GetAsync("/Admin/Distributors?q=" + Uri.EscapeDataString(query))).TextAsync();

        Assert.Contains("Ирина Петрова", found);
        Assert.Equal(alsoIvanova, found.Contains("Ирина Иванова", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sales_are_listed_and_a_sale_shows_its_products_and_commission_lines()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 12.00m, 10.00m);
        var chain = await App.CreateChainAsync(2);
        var sale = await (await App.PostSaleAsync(chain[1].Id(), "k", ("A", 2))).Content.ReadFromJsonAsync<JsonElement>();
        var admin = await App.LoginAsAdminAsync();

        var list = await (await admin.GetAsync("/Admin/Sales")).TextAsync();
        var details = await (await admin.GetAsync($"/Admin/Sales/Details/{sale.GetProperty("id").GetInt64()}")).TextAsync();

        Assert.Contains($"#{sale.GetProperty("id").GetInt64()}", list);
        Assert.Contains("24.00", list);
        Assert.Contains("Total <strong>€24.00</strong>, commission base <strong>€20.00</strong>", details);
        Assert.Contains("chain 0", details);
        Assert.Contains("1.00", details); // chain 0, level 1: 5% of 20.00
        Assert.Contains("2.00", details); // the seller: 10% of 20.00
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Sales/Details/999999")).StatusCode);
    }

    [Fact]
    public async Task An_api_key_created_on_the_admin_page_works_once_shown_and_stops_when_revoked()
    {
        var admin = await App.LoginAsAdminAsync();

        var page = await (await admin.PostFormAsync("/Admin/ApiKeys?handler=Create", new() { ["Name"] = "Online shop" }, "/Admin/ApiKeys")).TextAsync();

        var secret = System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"new-api-key\">(mlm_[0-9a-f]+)<").Groups[1].Value;
        Assert.NotEmpty(secret);
        Assert.DoesNotContain(secret, await (await admin.GetAsync("/Admin/ApiKeys")).TextAsync());
        Assert.False(await App.WithDbAsync(db => db.ApiKeys.AnyAsync(k => k.KeyHash == secret)));
        using var shop = App.CreateApiClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await shop.GetAsync("/api/v1/products")).StatusCode);

        var keyId = await App.WithDbAsync(db => db.ApiKeys.Where(k => k.Name == "Online shop").Select(k => k.Id).SingleAsync());
        await admin.PostFormAsync($"/Admin/ApiKeys?handler=Revoke&id={keyId}", [], "/Admin/ApiKeys");

        Assert.Equal(HttpStatusCode.Unauthorized, (await shop.GetAsync("/api/v1/products")).StatusCode);
        var audit = await (await admin.GetAsync("/Admin/Audit")).TextAsync();
        Assert.Contains("apikey.create", audit);
        Assert.Contains("apikey.revoke", audit);
    }

    [Fact]
    public async Task The_overview_shows_the_network_size_from_the_counters()
    {
        await App.CreateChainAsync(4);
        var admin = await App.LoginAsAdminAsync();

        var page = await (await admin.GetAsync("/Admin")).TextAsync();

        Assert.Contains("data-testid=\"network-size\">4<", page);
    }

    [Fact]
    public async Task Long_lists_are_paged_newest_first()
    {
        for (var i = 0; i < 53; i++)
        {
            await App.CreateDistributorAsync($"Member {i:00}", $"member{i}@example.com", null);
        }

        var admin = await App.LoginAsAdminAsync();

        var first = await (await admin.GetAsync("/Admin/Distributors")).TextAsync();
        var second = await (await admin.GetAsync("/Admin/Distributors?page=2")).TextAsync();

        Assert.Contains("Member 52", first);
        Assert.DoesNotContain("Member 02", first);
        Assert.Contains("href=\"/Admin/Distributors?page=2\"", first);
        Assert.Contains("Member 02", second);
        Assert.Contains("Member 00", second);
        Assert.DoesNotContain("Member 52", second);
        Assert.Contains("href=\"/Admin/Distributors?page=1\"", second);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Distributors?page=-5")).StatusCode);
    }
}

public class TypedAmountTests(MlmAppFactory app) : AppTest(app)
{
    [Theory]
    [InlineData("ru-RU", "12,50", "12.50")]
    [InlineData("ru-RU", "12.50", "12.50")]
    [InlineData("ru-RU", "0,5", "0.50")]
    [InlineData("en-US", "12.50", "12.50")]
    [InlineData("en-US", "12,50", "12.50")]
    [InlineData("en-US", "1250", "1250.00")]
    [InlineData("en-US", "1,250", "Price: '1,250' is ambiguous")]
    [InlineData("ru-RU", "1.250", "«Цена»: «1.250» можно прочитать двояко")]
    [InlineData("ru-RU", "1,255", "В поле «Цена» больше 2 знаков после запятой.")]
    [InlineData("ru-RU", "1 250,00", "«Цена»: «1 250,00» — не число")]
    [InlineData("en-US", "1,250.00", "Price: '1,250.00' has more than one separator")]
    [InlineData("en-US", "1e3", "Price: '1e3' is not a number")]
    [InlineData("en-US", "0x10", "Price: '0x10' is not a number")]
    public async Task A_price_is_read_in_the_admins_culture_and_never_rescaled(string culture, string typed, string outcome)
    {
        var admin = await App.LoginAsAdminAsync();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);

        var response = await admin.PostFormAsync("/Admin/Products/Edit", new() { ["Input.Sku"] = "P1", ["Input.Name"] = "Product", ["Input.Price"] = typed, ["Input.CommissionBase"] = "" });

        var saved = (await App.WithDbAsync(db => db.Products.ToListAsync())).Select(p => (long?)p.Price.Cents).SingleOrDefault();
        if (char.IsDigit(outcome[0]))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal((long?)(decimal.Parse(outcome, System.Globalization.CultureInfo.InvariantCulture) * 100m), saved);
        }
        else
        {
            Assert.Contains(outcome, await response.TextAsync());
            Assert.Null(saved);
        }
    }

    [Theory]
    [InlineData("ru-RU", "7,50", 750L)]
    [InlineData("en-US", "7.50", 750L)]
    [InlineData("en-US", "7,500", null)]
    [InlineData("ru-RU", "-1", null)]
    public async Task The_minimum_payout_is_read_in_the_admins_culture(string culture, string typed, long? cents)
    {
        var admin = await App.LoginAsAdminAsync();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);

        var response = await admin.PostFormAsync("/Admin/Settings", new() { ["MinimumPayout"] = typed });

        var saved = (await App.WithDbAsync(db => db.CompanySettings.ToListAsync())).Select(s => (long?)s.MinimumPayout.Cents).SingleOrDefault();
        Assert.Equal(cents is null ? HttpStatusCode.OK : HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(cents ?? MlmNetwork.Domain.CompanySettings.DefaultMinimumPayout.Cents, saved ?? MlmNetwork.Domain.CompanySettings.DefaultMinimumPayout.Cents);
        if (culture == "ru-RU" && cents is not null)
        {
            Assert.Contains("value=\"7,50\"", await (await admin.GetAsync("/Admin/Settings")).TextAsync());
        }
    }
}
