using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MlmNetwork.Web.Tests;

namespace MlmNetwork.Browser.Tests;

/// <summary>The admin reads the network overview (its charts drawn) and the API reference, on a 390 px phone, with nothing fetched from another host.</summary>
[Collection(BrowserCollection.Name)]
public class AdminOverviewBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{

    [Fact]
    public async Task An_admin_reads_the_overview_and_the_api_reference_on_a_phone_without_other_hosts()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("VIT-C", 19.99m, 15.00m);
        var chain = await App.CreateChainAsync(3, "phone");
        await App.PostSaleAsync(chain[2].Id(), "phone-sale", ("VIT-C", 2));
        await App.SetStatusAsync(chain[0].Id(), "Inactive");

        var page = await App.NewPageAsync(390, 844);
        var hosts = new List<string>();
        page.Request += (_, request) => hosts.Add(new Uri(request.Url).GetLeftPart(UriPartial.Authority));
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(MlmAppFactory.AdminEmail);
        await page.GetByLabel("Password").FillAsync(MlmAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await page.GotoAsync("/Admin");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Network overview", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("network-size")).ToHaveTextAsync("3");
        var drawn = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('canvas[data-chart]')].filter(c => window.Chart && Chart.getChart(c)).length");
        Assert.Equal(4, drawn);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-overview-390.png"), FullPage = true });
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the overview scrolls sideways at 390 px");

        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "API reference" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/ApiReference$"));
        await Assertions.Expect(page.Locator(".opblock-summary-path", new() { HasText = "/api/v1/sales/{id}/refund" })).ToBeVisibleAsync();
        var operations = await page.Locator(".opblock").CountAsync();
        Assert.True(operations >= 20, $"the reference lists {operations} operations");
        await page.Locator(".opblock-summary-path", new() { HasTextRegex = new Regex("^/api/v1/sales$") }).First.ClickAsync();
        await Assertions.Expect(page.GetByText("Idempotency-Key").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "api-reference-390.png"), FullPage = false });
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the API reference scrolls sideways at 390 px");

        Assert.Equal([App.BaseUrl.TrimEnd('/')], hosts.Distinct().ToList());
        await page.Context.CloseAsync();
    }
}
