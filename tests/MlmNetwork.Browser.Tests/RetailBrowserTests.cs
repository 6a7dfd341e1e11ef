using System.Net;
using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using MlmNetwork.Domain;
using MlmNetwork.Web.Tests;

namespace MlmNetwork.Browser.Tests;

/// <summary>The retail and saturation reports on a phone, in both languages: charts drawn, no sideways scroll, no serious accessibility violation.</summary>
[Collection(BrowserCollection.Name)]
public class RetailBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Theory]
    [InlineData("en-US", "Retail versus recruiting", "Market saturation")]
    [InlineData("ru-RU", "Розница или рекрутинг", "Насыщение рынка")]
    public async Task The_retail_and_saturation_reports_fit_a_390_px_phone(string culture, string retailTitle, string saturationTitle)
    {
        App.Clock.Set(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc));
        using (var api = App.CreateApiClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("/api/v1/commission-plan", new { personalPercent = 10m, levels = new[] { 5m }, minCustomerShare = 70m })).StatusCode);
        }

        await App.CreateProductAsync("A", 100m);
        var ann = await App.CreateDistributorAsync("Анна Розничная", "ann.retail@example.com", null);
        var ben = await App.CreateDistributorAsync("Boris Personal-Use-With-A-Long-Name", "ben.retail@example.com", ann.Code());
        var customer = await App.WithDbAsync(async db =>
        {
            var c = Customer.Create(ann.Id(), "Клиент", null, null, false, App.Clock.UtcNow);
            db.Customers.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        App.Clock.Set(new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc));
        using (var api = App.CreateApiClient())
        {
            foreach (var (seller, key, customerId) in new[] { (ann.Id(), "r1", (long?)customer), (ben.Id(), "r2", null) })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales") { Content = JsonContent.Create(new { distributorId = seller, lines = new[] { new { sku = "A", quantity = 1 } }, customerId, personalUse = customerId is null }) };
                request.Headers.Add("Idempotency-Key", key);
                Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(request)).StatusCode);
            }
        }

        var page = await App.NewPageAsync(390, 844);
        await page.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = App.BaseUrl }]);
        await LogInAsync(page, MlmAppFactory.AdminEmail, MlmAppFactory.AdminPassword);
        await page.GotoAsync("/Admin/Reports/Retail?month=2026-03");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = retailTitle, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("company-customer-share")).ToHaveTextAsync(culture == "ru-RU" ? "50\u00a0%" : "50\u00a0%");
        await Assertions.Expect(page.GetByTestId($"retail-row-{ben.Id()}").GetByTestId("flag")).ToBeVisibleAsync();
        await CheckAsync(page, "the retail report");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"retail-390-{culture}.png"), FullPage = true });

        await page.GotoAsync("/Admin/Reports/Saturation?from=2026-01&to=2026-03");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = saturationTitle, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("saturation-2026-03").GetByTestId("sign-ups")).ToHaveTextAsync("2");
        await CheckAsync(page, "the saturation report");
        await page.Context.CloseAsync();
    }

    private static async Task CheckAsync(IPage page, string what)
    {
        var drawn = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('canvas[data-chart]')].filter(c => window.Chart && Chart.getChart(c)).length");
        Assert.True(drawn > 0, $"{what} drew no chart");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{what} scrolls sideways at 390 px");
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{page.Url}: {v.Id} ({v.Help})").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
