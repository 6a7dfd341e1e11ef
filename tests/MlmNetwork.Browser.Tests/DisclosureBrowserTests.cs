using System.Net;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using MlmNetwork.Web.Tests;

namespace MlmNetwork.Browser.Tests;

/// <summary>
/// The admin previews and publishes the income disclosure in the browser; a recruit who opens a
/// referral link on a phone sees it linked from the join page and reads it; the reports pages
/// have no serious accessibility violation and no sideways scroll at 390 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public class DisclosureBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{

    [Fact]
    public async Task The_admin_publishes_the_disclosure_and_a_recruit_reads_it_from_the_join_page()
    {
        // September: Lena sells 2 A under the house (she keeps 10 % of 80 x 2 = 16.00), Roman under her nothing.
        App.Clock.Set(new DateTime(2026, 9, 10, 9, 0, 0, DateTimeKind.Utc));
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100.00m, 80.00m);
        var lena = await App.CreateDistributorAsync("Lena Leader", "lena.browser@example.com", null);
        await App.CreateDistributorAsync("Roman Recruit", "roman.browser@example.com", lena.Code());
        Assert.Equal(HttpStatusCode.Created, (await App.PostSaleAsync(lena.Id(), "browser-sale", ("A", 2))).StatusCode);
        App.Clock.Set(new DateTime(2026, 10, 3, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-09")).StatusCode);

        var admin = await App.NewPageAsync(390, 844);
        await admin.GotoAsync("/Account/Login");
        await admin.GetByLabel("Email").FillAsync(MlmAppFactory.AdminEmail);
        await admin.GetByLabel("Password").FillAsync(MlmAppFactory.AdminPassword);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Income disclosure" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Income disclosure", Level = 1 })).ToBeVisibleAsync();
        await admin.GetByLabel("First month").FillAsync("2026-09");
        await admin.GetByLabel("Last month").FillAsync("2026-09");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("disclosure-preview").GetByTestId("disclosure-count")).ToHaveTextAsync("2");
        // Two distributors: only their number is published (rule 12), and the preview says what is withheld.
        await Assertions.Expect(admin.GetByTestId("disclosure-preview").GetByTestId("disclosure-median")).ToHaveTextAsync("—");
        await Assertions.Expect(admin.GetByTestId("preview-withheld")).ToContainTextAsync("Figures marked “—” are withheld");
        await NoSidewaysScrollAsync(admin, "the disclosure preview");
        await NoSeriousViolationAsync(admin);
        // Publishing asks first (a confirm dialog): the admin says yes, and the question is the one the form shows.
        string? asked = null;
        admin.Dialog += async (_, dialog) => { asked = dialog.Message; await dialog.AcceptAsync(); };
        await admin.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Published the income disclosure of September 2026 to September 2026");
        Assert.StartsWith("Publish these figures (September 2026 to September 2026)", asked);
        await Assertions.Expect(admin.GetByTestId("published-state")).ToContainTextAsync("Published: September 2026 to September 2026");

        await admin.GotoAsync("/Admin/Reports/Finance");
        await Assertions.Expect(admin.GetByTestId("month-2026-09").GetByTestId("net-commissions")).ToHaveTextAsync("€16.00");
        var drawn = await admin.EvaluateAsync<int>("() => [...document.querySelectorAll('canvas[data-chart]')].filter(c => window.Chart && Chart.getChart(c)).length");
        Assert.Equal(1, drawn);
        await NoSidewaysScrollAsync(admin, "the finance report");
        await NoSeriousViolationAsync(admin);
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "finance-390.png"), FullPage = true });
        await admin.Context.CloseAsync();

        var recruit = await App.NewPageAsync(390, 844);
        await recruit.GotoAsync($"/join/{lena.Code()}");
        await recruit.GetByRole(AriaRole.Link, new() { Name = "Before you join, read what distributors really earned" }).ClickAsync();
        await Assertions.Expect(recruit).ToHaveURLAsync(new Regex("/income-disclosure$"));
        await Assertions.Expect(recruit.GetByRole(AriaRole.Heading, new() { Name = "What our distributors really earn", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(recruit.GetByTestId("disclosure-count")).ToHaveTextAsync("2");
        await Assertions.Expect(recruit.GetByTestId("disclosure-withheld")).ToContainTextAsync("Fewer than 10 distributors: figures withheld");
        await Assertions.Expect(recruit.GetByTestId("disclosure-nothing")).ToHaveTextAsync("—");
        await Assertions.Expect(recruit.GetByTestId("disclosure-top1")).ToHaveTextAsync("—");
        await Assertions.Expect(recruit.GetByTestId("tenure-UnderOneYear")).ToContainTextAsync("Fewer than 10 distributors");
        await Assertions.Expect(recruit.GetByTestId("public-disclosure")).Not.ToContainTextAsync("€16.00");
        await NoSidewaysScrollAsync(recruit, "the public disclosure");
        await NoSeriousViolationAsync(recruit);
        await recruit.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "income-disclosure-390.png"), FullPage = true });
        await recruit.Context.CloseAsync();
    }

    private static async Task NoSidewaysScrollAsync(IPage page, string what) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{what} scrolls sideways at 390 px");

    private static async Task NoSeriousViolationAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{page.Url}: {v.Id} ({v.Help})").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
