using System.Net;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using MlmNetwork.Web.Tests;

namespace MlmNetwork.Browser.Tests;

/// <summary>
/// The plan simulator in a browser: an admin drafts a plan on the page, replays a closed month,
/// and the run's page follows the background replay until the results show; both pages pass
/// axe in English and Russian and fit a 390 px phone without sideways scrolling.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SimulatorBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{

    private async Task<IPage> AdminAsync(string culture, int width)
    {
        var context = await App.Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, Locale = culture, ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = culture }, ViewportSize = new() { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                App.CspViolations.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.Email']").FillAsync(MlmAppFactory.AdminEmail);
        await page.Locator("input[name='Input.Password']").FillAsync(MlmAppFactory.AdminPassword);
        await page.Locator("form.stack button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        return page;
    }

    [Fact]
    public async Task An_admin_drafts_a_plan_replays_a_month_and_reads_the_results_on_a_phone_in_both_languages()
    {
        App.Clock.Set(new DateTime(2026, 2, 20, 9, 0, 0, DateTimeKind.Utc));
        await App.SetPlanAsync(10m, 5m, 3m);
        await App.CreateProductAsync("SIM-1", 100m);
        var chain = await App.CreateChainAsync(3, "Участник");
        App.Clock.Set(new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.Created, (await App.PostSaleAsync(chain[2].Id(), "sim-1", ("SIM-1", 1))).StatusCode);
        App.Clock.Set(new DateTime(2026, 4, 2, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-03")).StatusCode);

        var page = await AdminAsync("en-US", 1280);
        await page.GotoAsync("/Admin/Simulator");
        await page.GetByLabel("Draft name").FillAsync("Level 2 at 1%");
        await page.Locator("input[name='Input.Levels[1]']").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay the sales under this draft" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Admin/Simulator/Runs/", StringComparison.Ordinal));
        await page.Locator("[data-testid=totals]").WaitForAsync(new() { Timeout = 60_000 });

        // Level 2 (the chain's top) earned 3% of 100.00 and would earn 1%: 2.00 less.
        Assert.Contains("-€2.00", await page.Locator("[data-testid=total-net]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Участник 0", await page.Locator("[data-testid=losers]").InnerTextAsync(), StringComparison.Ordinal);
        var runUrl = new Uri(page.Url).AbsolutePath;
        await page.Context.CloseAsync();

        foreach (var culture in new[] { "en-US", "ru-RU" })
        {
            var phone = await AdminAsync(culture, 390);
            foreach (var url in new[] { "/Admin/Simulator", runUrl })
            {
                await phone.GotoAsync(url);
                Assert.False(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), $"{culture} {url} scrolls sideways at 390 px");
                var serious = (await phone.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{culture} {url}: {v.Id} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}").ToList();
                Assert.True(serious.Count == 0, string.Join("\n", serious));
            }

            await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"simulator-run-390-{culture}.png"), FullPage = true });
            await phone.Context.CloseAsync();
        }
    }
}
