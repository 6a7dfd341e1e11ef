using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MlmNetwork.Web.Tests;

namespace MlmNetwork.Browser.Tests;

/// <summary>The language switch in the layout: the page follows at once, and the choice follows the person to another browser.</summary>
[Collection(BrowserCollection.Name)]
public class LanguageTests(BrowserFixture fixture) : BrowserTest(fixture)
{

    [Fact]
    public async Task A_distributor_switches_to_Russian_and_finds_it_again_on_another_browser()
    {
        var sponsor = await App.CreateDistributorAsync("Анна", "anna.lang@example.com", null);
        await App.JoinThroughPageAsync(sponsor.Code(), "Пётр", "petr.lang@example.com");

        var page = await App.NewPageAsync();
        await LogInAsync(page, "petr.lang@example.com");
        await page.WaitForURLAsync(url => url.EndsWith("/Dashboard", StringComparison.Ordinal));
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await page.GetByTestId("language-switch").ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Dashboard$"));
        await Assertions.Expect(page.Locator("nav#main-nav")).ToContainTextAsync("Моя команда");
        Assert.Equal("ru-RU", await App.WithDbAsync(db => db.Users.Where(u => u.Email == "petr.lang@example.com").Select(u => u.PreferredCulture).SingleAsync()));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "dashboard-ru.png"), FullPage = true });
        await page.Context.CloseAsync();

        // A new browser (no culture cookie, English Accept-Language): the profile's language comes back at login.
        var other = await App.NewPageAsync();
        await LogInAsync(other, "petr.lang@example.com");
        await other.WaitForURLAsync(url => url.EndsWith("/Dashboard", StringComparison.Ordinal));
        await Assertions.Expect(other.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await other.GetByTestId("language-switch").ClickAsync();
        await Assertions.Expect(other.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.Equal("en-US", await App.WithDbAsync(db => db.Users.Where(u => u.Email == "petr.lang@example.com").Select(u => u.PreferredCulture).SingleAsync()));
        await other.Context.CloseAsync();
    }
}
