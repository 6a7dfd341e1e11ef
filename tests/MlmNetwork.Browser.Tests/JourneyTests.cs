using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MlmNetwork.Web.Tests;

namespace MlmNetwork.Browser.Tests;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "app in a real browser";
}

/// <summary>The main journeys, clicked through in headless Chromium as a person would.</summary>
[Collection(BrowserCollection.Name)]
public class JourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{

    [Fact]
    public async Task A_recruit_joins_through_a_referral_link_records_a_sale_and_the_sponsor_sees_the_commission()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("VIT-C", 19.99m, 15.00m);
        var sponsor = await App.CreateDistributorAsync("Sara Sponsor", "sara@example.com", null);

        var page = await App.NewPageAsync();
        await page.GotoAsync($"/join/{sponsor.Code()}");
        await Assertions.Expect(page.GetByText("You were invited by")).ToContainTextAsync("Sara Sponsor");
        await page.GetByLabel("Your name").FillAsync("Rita Recruit");
        await page.GetByLabel("Email").FillAsync("rita@example.com");
        await page.GetByLabel("Password").FillAsync(MlmAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Dashboard$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hello, Rita Recruit" })).ToBeVisibleAsync();
        var link = await page.GetByLabel("Referral link").InputValueAsync();
        Assert.Matches("/join/[A-Z2-9]{8}$", link);

        await page.GetByRole(AriaRole.Link, new() { Name = "Record a sale" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("running-total")).ToHaveTextAsync("Type the quantities sold: the total shows here.");
        await page.GetByLabel("Quantity of Product VIT-C").FillAsync("2");
        await Assertions.Expect(page.GetByTestId("running-total")).ToHaveTextAsync("This sale: €39.98, volume 30.00.");
        await page.GetByLabel("For my own use").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record sale" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("total €39.98, volume 30.00. You earned €3.00. 1 person in your upline earned too.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("balance")).ToHaveTextAsync("€3.00");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "recruit-dashboard.png"), FullPage = true });

        var sponsorEarned = await App.CommissionsOfAsync(sponsor.Id());
        Assert.Equal(1.50m, sponsorEarned.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task A_sponsor_logs_in_and_sees_the_team_sale_on_the_dashboard()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("VIT-C", 20.00m);
        var joining = await App.NewPageAsync();
        await joining.GotoAsync("/join");
        await joining.GetByLabel("Your name").FillAsync("Sam Sponsor");
        await joining.GetByLabel("Email").FillAsync("sam@example.com");
        await joining.GetByLabel("Password").FillAsync(MlmAppFactory.Password);
        await joining.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
        var code = (await joining.GetByLabel("Referral link").InputValueAsync())[^8..];
        var recruit = await App.CreateDistributorAsync("Rob Recruit", "rob@example.com", code);
        await App.PostSaleAsync(recruit.Id(), "team-sale", ("VIT-C", 5));
        // Team volume reaches the upline through the background rollup (ADR 006); apply it now
        // rather than race the page against it.
        await App.RollUpTeamVolumeAsync();

        var page = await App.NewPageAsync();
        await page.GotoAsync("/Dashboard");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await page.GetByLabel("Email").FillAsync("sam@example.com");
        await page.GetByLabel("Password").FillAsync(MlmAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("balance")).ToHaveTextAsync("€5.00");
        await Assertions.Expect(page.GetByTestId("team-volume")).ToHaveTextAsync("100.00");
        await Assertions.Expect(page.GetByTestId("downline-count")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Rob Recruit" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "sponsor-dashboard.png"), FullPage = true });
    }

    [Fact]
    public async Task An_admin_saves_a_new_plan_version_and_adds_a_product()
    {
        var page = await App.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(MlmAppFactory.AdminEmail);
        await page.GetByLabel("Password").FillAsync(MlmAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Network overview" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Commission plan" }).ClickAsync();
        await page.GetByLabel("Personal percent (paid to the seller)").FillAsync("12");
        await page.GetByLabel("Level 1", new() { Exact = true }).FillAsync("6,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-levels")).ToHaveTextAsync("6.5\u00a0% / 3\u00a0% / 2\u00a0% / 1\u00a0%");
        await Assertions.Expect(page.GetByTestId("preview-total")).ToHaveTextAsync("€24.50");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "plan-preview.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save version 2, in force from now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Plan version 2 is in force from now.");
        await Assertions.Expect(page.GetByTestId("plan-in-force")).ToContainTextAsync("12\u00a0% personal");

        await page.GetByRole(AriaRole.Link, new() { Name = "Products" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New product" }).ClickAsync();
        await page.GetByLabel("SKU").FillAsync("TEA-GRN");
        await page.GetByLabel("Name").FillAsync("Green tea");
        await page.GetByLabel("Price").FillAsync("8.99");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved TEA-GRN.");
        var price = await App.WithDbAsync(db => db.Products.Where(p => p.Sku == "TEA-GRN").Select(p => p.Price).SingleAsync());
        Assert.Equal(899L, price.Cents);
    }

    [Fact]
    public async Task An_admin_imports_a_sales_file_and_watches_it_finish()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("VIT-C", 20.00m);
        var chain = await App.CreateChainAsync(3);
        var rows = Enumerable.Range(1, 3000).Select(i => $"WEB-{i},{chain[1 + i % 2].Id()},VIT-C,{1 + i % 3}");
        var csv = System.Text.Encoding.UTF8.GetBytes("order_id,distributor_id,sku,quantity\n" + string.Join("\n", rows) + "\n");

        var page = await App.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(MlmAppFactory.AdminEmail);
        await page.GetByLabel("Password").FillAsync(MlmAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Import sales" }).ClickAsync();
        await page.GetByLabel("Sales file").SetInputFilesAsync(new FilePayload { Name = "shop-week-48.csv", MimeType = "text/csv", Buffer = csv });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("import-state")).ToContainTextAsync("Imported 3,000 sales", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("import-progress")).ToHaveAttributeAsync("value", "100");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-import.png"), FullPage = true });
        Assert.Equal(3000, await App.WithDbAsync(db => db.Sales.CountAsync()));
    }

    [Fact]
    public async Task An_admin_proposes_a_payout_run_and_confirms_it_as_paid()
    {
        App.Clock.Set(new DateTime(2026, 8, 20, 9, 0, 0, DateTimeKind.Utc));
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("PAY", 100m);
        var sponsor = await App.CreateDistributorAsync("Olga Sponsor", "olga@example.com", null);
        var seller = await App.CreateDistributorAsync("Ivan Seller", "ivan@example.com", sponsor.Code());
        App.Clock.Set(new DateTime(2026, 9, 10, 9, 0, 0, DateTimeKind.Utc));
        await App.PostSaleAsync(seller.Id(), "journey-pay", ("PAY", 4));
        App.Clock.Set(new DateTime(2026, 10, 2, 9, 0, 0, DateTimeKind.Utc));
        await App.ClosePeriodAsync("2026-09");

        var context = await App.Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(MlmAppFactory.AdminEmail);
        await page.GetByLabel("Password").FillAsync(MlmAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.GotoAsync("/Admin/Payouts");
        await page.GetByTestId("up-to").SelectOptionAsync("2026-09");
        await page.GetByRole(AriaRole.Button, new() { Name = "Propose a payout run" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Proposed");
        await Assertions.Expect(page.GetByTestId("run-total")).ToHaveTextAsync("€60.00"); // 40.00 to the seller, 20.00 to the sponsor
        await Assertions.Expect(page.GetByTestId($"item-{seller.Id()}")).ToContainTextAsync("40.00");
        await page.GetByLabel("Bank reference").FillAsync("SEPA-2026-10-02");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "payout-run-390.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm €60.00 as paid" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Confirmed");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("confirmed as paid: €60.00 to 2 distributors");
        await Assertions.Expect(page.GetByTestId("confirm-form")).ToHaveCountAsync(0);
        Assert.Equal(0m, await App.BalanceOfAsync(seller.Id()));
        var scrollsSideways = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(scrollsSideways, "the payout run page scrolls sideways at 390 px");
        await context.CloseAsync();
    }

    [Fact]
    public async Task Every_main_page_fits_a_390_px_phone()
    {
        await App.SetPlanAsync(10m, 5m, 3m);
        await App.CreateProductAsync("PHONE-KIT-WITH-A-LONG-SKU", 1234.56m);
        var sponsor = await App.CreateDistributorAsync("Maria Sponsor-With-A-Long-Name", "maria@example.com", null);
        var join = await App.NewPageAsync();
        await join.GotoAsync($"/join/{sponsor.Code()}");
        await join.GetByLabel("Your name").FillAsync("Ivan Seller");
        await join.GetByLabel("Email").FillAsync("ivan.phone@example.com");
        await join.GetByLabel("Password").FillAsync(MlmAppFactory.Password);
        await join.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
        await Assertions.Expect(join).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Dashboard$"));
        await join.Context.CloseAsync();
        var seller = await App.GetDistributorAsync(await App.WithDbAsync(db => db.Distributors.Where(d => d.Email == "ivan.phone@example.com").Select(d => d.Id).SingleAsync()));
        var sale = await (await App.PostSaleAsync(seller.Id(), "phone-sale", ("PHONE-KIT-WITH-A-LONG-SKU", 3))).Content.ReadFromJsonAsync<JsonElement>();
        var saleId = sale.GetProperty("id").GetInt64();
        await App.RefundAsync(saleId, "phone-refund");
        // A customer with a long name and address (the sale form's customer list) and their order waiting (the orders' buttons).
        var orderId = await App.PlaceShopOrderAsync(seller.Code(), "Konstantin Konstantinopolsky-Longname", "konstantin.konstantinopolsky@example-company.com", ("PHONE-KIT-WITH-A-LONG-SKU", 2));

        var wide = new List<string>();
        async Task CheckAsync(string email, string password, IEnumerable<string> urls)
        {
            var context = await App.Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/Account/Login");
            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Password").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
            foreach (var url in urls)
            {
                await page.GotoAsync(url);
                var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                if (url == "/Sales/New" && await page.EvaluateAsync<bool>("() => { const t = document.querySelector('table'); return t.scrollWidth > t.clientWidth + 1; }"))
                {
                    wide.Add("/Sales/New: the quantity column is off screen");
                }

                if (url == "/Sales/New" && await QuantitiesOffScreenAsync(page) is { Count: > 0 } hidden)
                {
                    wide.Add("/Sales/New: quantity fields off screen: " + string.Join(", ", hidden));
                }

                if (url is "/Customers/Orders" or "/Admin/Customers/Orders"
                    && !await page.GetByRole(AriaRole.Button, new() { Name = $"Mark order #{orderId} paid" }).EvaluateAsync<bool>("b => { const r = b.getBoundingClientRect(); return r.left >= 0 && r.right <= window.innerWidth; }"))
                {
                    wide.Add($"{url}: the order's Mark paid button is off screen");
                }

                if (width > 391)
                {
                    wide.Add($"{url}: {width} px");
                    await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"too-wide-{url.Trim('/').Replace('/', '-')}.png"), FullPage = true });
                }
            }

            await context.CloseAsync();
        }

        await CheckAsync(MlmAppFactory.AdminEmail, MlmAppFactory.AdminPassword, ["/Admin", "/Admin/Sales", $"/Admin/Sales/Details/{saleId}", "/Admin/Audit", "/Admin/Distributors", $"/Admin/Distributors/Details/{seller.Id()}", "/Admin/Periods", "/Admin/Products", "/Admin/Import", "/Admin/Payouts", "/Admin/Settings", "/Admin/Plan", "/Admin/ApiKeys", "/Admin/Ledger", "/Admin/Customers", "/Admin/Customers/Orders"]);
        await CheckAsync("ivan.phone@example.com", MlmAppFactory.Password, ["/Dashboard", "/Statements", "/Commissions", "/Sales", "/Sales/New", "/Genealogy", "/Customers", "/Customers/Orders"]);

        Assert.True(wide.Count == 0, "Pages wider than a 390 px phone: " + string.Join("; ", wide));
    }

    /// <summary>Signs up through the join page in a browser of its own (the app's HTTP client follows redirects on a real socket).</summary>
    private async Task JoinAsync(string name, string email)
    {
        var join = await App.NewPageAsync();
        await join.GotoAsync("/join");
        await join.GetByLabel("Your name").FillAsync(name);
        await join.GetByLabel("Email").FillAsync(email);
        await join.GetByLabel("Password").FillAsync(MlmAppFactory.Password);
        await join.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
        await Assertions.Expect(join).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Dashboard$"));
        await join.Context.CloseAsync();
    }

    /// <summary>The labels of the sale form's quantity fields that are not wholly inside the window.</summary>
    private static async Task<List<string>> QuantitiesOffScreenAsync(IPage page) =>
        [.. await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input.quantity')]
                .filter(i => { const r = i.getBoundingClientRect(); return r.width === 0 || r.left < 0 || r.right > window.innerWidth; })
                .map(i => i.getAttribute('aria-label'))
            """)];

    [Theory]
    [InlineData("en-US", "Quantity of {0}", "Record sale", "total €2,469.12", "For my own use")]
    [InlineData("ru-RU", "Количество: {0}", "Записать продажу", "сумма 2\u00a0469,12", "Для личного использования")]
    public async Task On_a_390_px_phone_the_sale_form_shows_each_product_as_a_card_with_its_quantity_on_screen(string culture, string quantityLabel, string submit, string recorded, string personalUse)
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("PHONE-KIT-WITH-A-LONG-SKU", 1234.56m);
        await App.CreateProductAsync("TEA", 8.99m);
        await JoinAsync("Ivan Seller", "ivan.cards@example.com");
        const string longName = "Product PHONE-KIT-WITH-A-LONG-SKU";

        var context = await App.Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, Locale = culture, ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = culture } });
        var page = await context.NewPageAsync();
        await LogInAsync(page, "ivan.cards@example.com");
        await page.GotoAsync("/Sales/New");

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the sale form scrolls sideways at 390 px");
        Assert.Empty(await QuantitiesOffScreenAsync(page));
        var quantity = page.GetByLabel(string.Format(System.Globalization.CultureInfo.InvariantCulture, quantityLabel, longName));
        var box = await quantity.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.X, 0, 390 - box.Width);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"sale-form-390-{culture}.png"), FullPage = true });

        // A decimal comma is not silently read as a bigger whole number: the box refuses it and nothing is recorded.
        await quantity.FillAsync("1,5");
        await page.GetByRole(AriaRole.Button, new() { Name = submit }).ClickAsync();
        Assert.True(await quantity.EvaluateAsync<bool>("e => e.validity.patternMismatch"));
        Assert.Equal("1,5", await quantity.InputValueAsync());
        Assert.Equal(0, await App.WithDbAsync(db => db.Sales.CountAsync()));

        await quantity.FillAsync("2");
        // The running total speaks the page's language before anything is recorded.
        await Assertions.Expect(page.GetByTestId("running-total")).ToContainTextAsync(System.Text.RegularExpressions.Regex.Unescape(recorded[(recorded.IndexOf(' ', StringComparison.Ordinal) + 1)..]));
        await page.GetByLabel(personalUse).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = submit }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(System.Text.RegularExpressions.Regex.Unescape(recorded));
        await context.CloseAsync();
    }

    [Fact]
    public async Task On_a_390_px_phone_the_menu_button_opens_and_closes_the_navigation()
    {
        await JoinAsync("Nina Nav", "nina.nav@example.com");
        var context = await App.Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await LogInAsync(page, "nina.nav@example.com");
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        var record = nav.GetByRole(AriaRole.Link, new() { Name = "Record a sale" });

        await Assertions.Expect(menu).ToBeVisibleAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(record).ToBeHiddenAsync();

        await menu.ClickAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        foreach (var name in new[] { "Dashboard", "My team", "Record a sale", "My sales", "My commissions", "Statements" })
        {
            var link = nav.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
            await Assertions.Expect(link).ToBeVisibleAsync();
            var box = await link.BoundingBoxAsync();
            Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= 390, $"{name} is not within the 390 px window");
        }

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the open menu pushes the page sideways");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "menu-open-390.png") });

        await menu.ClickAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(record).ToBeHiddenAsync();

        await menu.ClickAsync();
        await record.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Sales/New$"));
        await context.CloseAsync();
    }

    [Fact]
    public async Task On_a_wide_screen_the_navigation_shows_without_a_menu_button()
    {
        await JoinAsync("Wide Walter", "walter.wide@example.com");
        var page = await App.NewPageAsync();
        await LogInAsync(page, "walter.wide@example.com");

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Menu" })).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Record a sale" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
