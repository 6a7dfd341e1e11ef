using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MlmNetwork.Web.Tests;

namespace MlmNetwork.Browser.Tests;

/// <summary>
/// Issue 10's journey in one piece, in real browsers: a customer orders through a distributor's
/// link on a phone, the distributor marks the order paid and sees her commission, the month
/// closes, the admin publishes the income disclosure those commissions make, and a recruit who
/// opens the referral link sees it linked from the join page and reads the same figures.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class CustomerOrderJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [GeneratedRegex("/shop/[A-Z2-9]{8}$")]
    private static partial Regex ShopUrl();

    private static Task<bool> FitsAsync(IPage page) => page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    [Fact]
    public async Task A_customer_order_paid_by_the_distributor_shows_in_the_disclosure_a_recruit_reads_before_joining()
    {
        // September 2026. The plan pays the seller 10 % and her sponsor 5 % of the base.
        App.Clock.Set(new DateTime(2026, 9, 10, 9, 0, 0, DateTimeKind.Utc));
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("VIT-C", 19.99m, 15m);
        await App.CreateProductAsync("TEA", 8.99m);
        var sponsor = await App.CreateDistributorAsync("Sam Sponsor", "sam.journey@example.com", null);
        await App.JoinThroughPageAsync(sponsor.Code(), "Sue Seller", "sue.journey@example.com");
        var code = await App.WithDbAsync(db => db.Distributors.Where(d => d.Email == "sue.journey@example.com").Select(d => d.ReferralCode).SingleAsync());

        // The customer, on a phone, from the link Sue shared: two of VIT-C.
        var customer = await App.NewPageAsync(390, 844);
        await customer.GotoAsync($"/join/{code}");
        await customer.GetByRole(AriaRole.Link, new() { Name = "Buy as a customer" }).ClickAsync();
        await Assertions.Expect(customer).ToHaveURLAsync(ShopUrl());
        Assert.True(await FitsAsync(customer), "the shop scrolls sideways at 390 px");
        await customer.GetByLabel("Quantity of Product VIT-C").FillAsync("2");
        await customer.GetByLabel("Your name").FillAsync("Carla Customer");
        await customer.GetByLabel("Email (to confirm your order)").FillAsync("carla.journey@example.com");
        await customer.GetByLabel("Sue Seller may contact me about products and offers").CheckAsync();
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "shop-390.png"), FullPage = true });
        await customer.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Assertions.Expect(customer.GetByRole(AriaRole.Status)).ToContainTextAsync("A confirmation is on its way to carla.journey@example.com.");
        await customer.Context.CloseAsync();
        Assert.Equal(0, await App.WithDbAsync(db => db.CommissionLines.CountAsync()));

        // Sue marks it paid: a retail sale of 2 × 15.00 base pays her €3.00 and Sam €1.50.
        var seller = await App.NewPageAsync(390, 844);
        await LogInAsync(seller, "sue.journey@example.com", MlmAppFactory.Password);
        await seller.GotoAsync("/Customers");
        await Assertions.Expect(seller.GetByTestId("orders-waiting")).ToHaveTextAsync("1 waiting for payment");
        Assert.True(await FitsAsync(seller), "My customers scrolls sideways at 390 px");
        await seller.GetByTestId("orders-link").ClickAsync();
        Assert.True(await FitsAsync(seller), "Customer orders scrolls sideways at 390 px");
        var orderId = await App.WithDbAsync(db => db.CustomerOrders.Select(o => o.Id).SingleAsync());
        await seller.GetByRole(AriaRole.Button, new() { Name = $"Mark order #{orderId} paid" }).ClickAsync();
        await Assertions.Expect(seller.GetByRole(AriaRole.Status)).ToContainTextAsync($"Order #{orderId} is paid: it is sale #");
        await Assertions.Expect(seller.GetByTestId($"order-{orderId}").GetByTestId("order-state")).ToContainTextAsync("Paid");
        await seller.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "customer-orders-390.png"), FullPage = true });
        await seller.GotoAsync("/Dashboard");
        await Assertions.Expect(seller.GetByTestId("balance")).ToHaveTextAsync("€3.00");
        await seller.GotoAsync("/Sales");
        await Assertions.Expect(seller.GetByTestId("sale-kind").First).ToHaveTextAsync("Carla Customer");
        await seller.GetByRole(AriaRole.Link, new() { Name = "Carla Customer" }).First.ClickAsync();
        await Assertions.Expect(seller.GetByTestId("consent")).ToContainTextAsync("Agreed to be contacted on");
        Assert.True(await FitsAsync(seller), "the customer's page scrolls sideways at 390 px");
        await seller.Context.CloseAsync();
        Assert.Equal(1.50m, await App.BalanceOfAsync(sponsor.Id()));

        // October: September closes, and the admin publishes September's disclosure.
        App.Clock.Set(new DateTime(2026, 10, 3, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-09")).StatusCode);
        var admin = await App.NewPageAsync(1280, 900);
        await LogInAsync(admin, MlmAppFactory.AdminEmail, MlmAppFactory.AdminPassword);
        await admin.GotoAsync("/Admin/Reports/IncomeDisclosure");
        await admin.GetByLabel("First month").FillAsync("2026-09");
        await admin.GetByLabel("Last month").FillAsync("2026-09");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var preview = admin.GetByTestId("disclosure-preview");
        await Assertions.Expect(preview.GetByTestId("disclosure-count")).ToHaveTextAsync("2");
        // Publishing asks first (a confirm dialog): the admin says yes, and the question is the one the form shows.
        string? asked = null;
        admin.Dialog += async (_, dialog) => { asked = dialog.Message; await dialog.AcceptAsync(); };
        await admin.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Published the income disclosure of September 2026 to September 2026");
        Assert.StartsWith("Publish these figures (September 2026 to September 2026)", asked);
        await admin.Context.CloseAsync();

        // A recruit opens Sue's referral link and reads the disclosure before joining: two
        // distributors, too few for any figure but their number to be published (rule 12: with
        // two, the median would be one of them's earnings, €1.50, and the mean gives the other's).
        var recruit = await App.NewPageAsync(390, 844);
        await recruit.GotoAsync($"/join/{code}");
        await recruit.GetByRole(AriaRole.Link, new() { Name = "Before you join, read what distributors really earned" }).ClickAsync();
        await Assertions.Expect(recruit).ToHaveURLAsync(new Regex("/income-disclosure$"));
        await Assertions.Expect(recruit.GetByTestId("disclosure-count")).ToHaveTextAsync("2");
        await Assertions.Expect(recruit.GetByTestId("disclosure-withheld")).ToHaveTextAsync("Fewer than 10 distributors: figures withheld so that no one's earnings can be read from them.");
        await Assertions.Expect(recruit.GetByTestId("disclosure-nothing")).ToHaveTextAsync("—");
        await Assertions.Expect(recruit.GetByTestId("disclosure-median")).ToHaveTextAsync("—");
        await Assertions.Expect(recruit.GetByTestId("disclosure-mean")).ToHaveTextAsync("—");
        await Assertions.Expect(recruit.GetByTestId("disclosure-top1")).ToHaveTextAsync("—");
        await Assertions.Expect(recruit.GetByTestId("public-disclosure")).Not.ToContainTextAsync("€1.50");
        await Assertions.Expect(recruit.GetByTestId("public-disclosure")).Not.ToContainTextAsync("€3.00");
        Assert.True(await FitsAsync(recruit), "the public disclosure scrolls sideways at 390 px");
        await recruit.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "customer-to-disclosure-390.png"), FullPage = true });
        await recruit.Context.CloseAsync();
    }

    [Fact]
    public async Task Typing_a_new_customers_name_on_the_sale_form_makes_it_a_sale_to_that_customer()
    {
        await App.SetPlanAsync(10m);
        await App.CreateProductAsync("TEA", 8.99m);
        var sponsor = await App.CreateDistributorAsync("Sam Sponsor", "sam.form@example.com", null);
        await App.JoinThroughPageAsync(sponsor.Code(), "Nina Seller", "nina.form@example.com");
        var page = await App.NewPageAsync(390, 844);
        await LogInAsync(page, "nina.form@example.com");

        await page.GotoAsync("/Sales/New");
        await page.GetByLabel("Quantity of Product TEA").FillAsync("1");
        await page.GetByLabel("Customer's name").FillAsync("Dora Direct");
        Assert.True(await page.GetByLabel("A new customer").IsCheckedAsync(), "typing a new customer's name did not choose \"A new customer\"");
        Assert.True(await FitsAsync(page), "the sale form scrolls sideways at 390 px");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record sale" }).ClickAsync();

        await page.GotoAsync("/Sales");
        await Assertions.Expect(page.GetByTestId("sale-kind").First).ToHaveTextAsync("Dora Direct");
        await page.Context.CloseAsync();
    }
}
