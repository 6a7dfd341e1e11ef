using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MlmNetwork.Web.Tests;

namespace MlmNetwork.Browser.Tests;

/// <summary>A customer orders through a distributor's link on a phone; the distributor marks the order paid and sees the commission.</summary>
[Collection(BrowserCollection.Name)]
public partial class CustomerOrderJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{

    [GeneratedRegex("/shop/[A-Z2-9]{8}$")]
    private static partial Regex ShopUrl();

    private static Task<bool> FitsAsync(IPage page) => page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    [Fact]
    public async Task A_customer_orders_through_the_link_and_the_distributor_marks_it_paid_and_sees_the_commission()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("VIT-C", 19.99m, 15m);
        await App.CreateProductAsync("TEA", 8.99m);
        var sponsor = await App.CreateDistributorAsync("Sam Sponsor", "sam.shop@example.com", null);
        await App.JoinThroughPageAsync(sponsor.Code(), "Sue Seller", "sue.shop@example.com");
        var code = await App.WithDbAsync(db => db.Distributors.Where(d => d.Email == "sue.shop@example.com").Select(d => d.ReferralCode).SingleAsync());

        // The customer, on a phone, from the link the distributor shared.
        var customer = await App.NewPageAsync(390, 844);
        await customer.GotoAsync($"/join/{code}");
        await customer.GetByRole(AriaRole.Link, new() { Name = "Buy as a customer" }).ClickAsync();
        await Assertions.Expect(customer).ToHaveURLAsync(ShopUrl());
        Assert.True(await FitsAsync(customer), "the shop scrolls sideways at 390 px");
        await customer.GetByLabel("Quantity of Product VIT-C").FillAsync("2");
        await customer.GetByLabel("Your name").FillAsync("Carla Customer");
        await customer.GetByLabel("Email (to confirm your order)").FillAsync("carla@example.com");
        await customer.GetByLabel("Sue Seller may contact me about products and offers").CheckAsync();
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "shop-390.png"), FullPage = true });
        await customer.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Assertions.Expect(customer.GetByRole(AriaRole.Status)).ToContainTextAsync("is placed with Sue Seller");
        await customer.Context.CloseAsync();
        Assert.Equal(0, await App.WithDbAsync(db => db.CommissionLines.CountAsync()));

        // The distributor, on a phone too: the order waits on My customers; Paid records the sale.
        var seller = await App.NewPageAsync(390, 844);
        await seller.GotoAsync("/Account/Login");
        await seller.Locator("input[name='Input.Email']").FillAsync("sue.shop@example.com");
        await seller.Locator("input[name='Input.Password']").FillAsync(MlmAppFactory.Password);
        await seller.Locator("form.stack button[type=submit]").ClickAsync();
        await seller.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
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
    }
}
