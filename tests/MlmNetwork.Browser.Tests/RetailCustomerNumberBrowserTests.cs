using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MlmNetwork.Domain;
using MlmNetwork.Web.Tests;

namespace MlmNetwork.Browser.Tests;

/// <summary>
/// The pages issue 10's fixes touched, on a phone (390 px) in English and Russian: the admin's
/// customer list and customer page, the sales list naming the customer, an import that skipped
/// an order imported before and refused another, and the shop of a paused distributor. None
/// scrolls sideways and axe finds nothing serious.
/// </summary>
[Collection(BrowserCollection.Name)]
public class RetailCustomerNumberBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Theory]
    [InlineData("en-US")]
    [InlineData("ru-RU")]
    public async Task The_customer_and_import_pages_fit_a_phone_and_pass_axe(string culture)
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("VIT", 20.00m);
        var me = await App.CreateDistributorAsync("Sue Seller", "sue.number@example.com", null);
        var customer = await App.WithDbAsync(async db =>
        {
            var added = Customer.Create(me.Id(), "Anna Berg", "anna.number@example.com", null, consent: true, App.Clock.UtcNow);
            db.Customers.Add(added);
            await db.SaveChangesAsync();
            return added.Id;
        });
        var paused = await App.CreateDistributorAsync("Paula Paused", "paula.number@example.com", null);
        await App.SetStatusAsync(paused.Id(), "Inactive");
        var context = await App.Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, Locale = culture, ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = culture }, ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        var found = new List<string>();
        async Task CheckAsync(string url)
        {
            await page.GotoAsync(url);
            if (!await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"))
            {
                found.Add($"{culture} {url} scrolls sideways at 390 px");
            }

            foreach (var violation in (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical"))
            {
                found.Add($"{culture} {url}: {violation.Impact} {violation.Id} ({violation.Help}) at {string.Join(", ", violation.Nodes.Take(3).Select(n => n.Target?.ToString()))}");
            }
        }

        await CheckAsync($"/shop/{paused.Code()}");
        Assert.Equal(1, await page.Locator("[data-testid=shop-closed]").CountAsync());
        await LogInAsync(page, MlmAppFactory.AdminEmail, MlmAppFactory.AdminPassword);
        await UploadAsync(page, "first.csv", $"order_id,distributor_id,sku,quantity,customer\nN-1,{me.Id()},VIT,1,{customer}\n", goodOnes: false);
        var imported = await UploadAsync(page, "second.csv", $"order_id,distributor_id,sku,quantity,customer\nN-1,{me.Id()},VIT,1,{customer}\nN-2,{me.Id()},VIT,x,\nN-3,{me.Id()},VIT,2,\n", goodOnes: true);
        foreach (var url in new[] { "/Admin/Customers", $"/Admin/Customers/{customer}", "/Admin/Sales", imported })
        {
            await CheckAsync(url);
        }

        Assert.Equal(1, await page.Locator("[data-testid=import-skipped] li").CountAsync());
        await page.GotoAsync("/Admin/Sales");
        await page.Locator($"a[href='/Admin/Customers/{customer}']").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=customer-number]")).ToHaveTextAsync($"#{customer}");
        await context.CloseAsync();
        Assert.True(found.Count == 0, string.Join("\n", found));
        Assert.Equal(2, await App.WithDbAsync(db => db.Sales.CountAsync()));
    }

    /// <summary>Uploads a sales file on the import page as an admin would, and waits for the outcome; returns the import's address.</summary>
    private static async Task<string> UploadAsync(IPage page, string name, string csv, bool goodOnes)
    {
        await page.GotoAsync("/Admin/Import");
        await page.Locator("#upload").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.Locator($"input[name=Mode][value={(goodOnes ? "good" : "all")}]").CheckAsync();
        await page.Locator("form.panel button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("import=", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-testid=import-progress]")).ToHaveAttributeAsync("value", "100");
        return new Uri(page.Url).PathAndQuery;
    }
}
