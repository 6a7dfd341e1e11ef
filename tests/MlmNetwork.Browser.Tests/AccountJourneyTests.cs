using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MlmNetwork.Web.Tests;

namespace MlmNetwork.Browser.Tests;

/// <summary>A recruit confirms their e-mail from the welcome e-mail in the pickup folder; the sponsor finds the news behind the bell.</summary>
[Collection(BrowserCollection.Name)]
public class AccountJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{

    [Fact]
    public async Task A_recruit_confirms_the_e_mail_from_the_welcome_mail_and_the_sponsor_sees_the_bell()
    {
        var house = await App.WithDbAsync(db => db.Distributors.Where(d => d.IsHouse).Select(d => d.ReferralCode).SingleAsync());
        await App.JoinThroughPageAsync(house, "Sara Sponsor", "sara.mail@example.com");
        var sponsorCode = await App.WithDbAsync(db => db.Distributors.Where(d => d.Email == "sara.mail@example.com").Select(d => d.ReferralCode).SingleAsync());
        await App.DeliverMailAsync();
        App.ForgetMail();

        var page = await App.NewPageAsync();
        await page.GotoAsync($"/join/{sponsorCode}");
        await page.Locator("input[name='Input.Name']").FillAsync("Rico Recruit");
        await page.Locator("input[name='Input.Email']").FillAsync("rico.mail@example.com");
        await page.Locator("input[name='Input.Password']").FillAsync(MlmAppFactory.Password);
        await page.Locator("form.stack button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/Dashboard", StringComparison.Ordinal));
        await page.GotoAsync("/Account/Profile");
        await Assertions.Expect(page.GetByTestId("email-unconfirmed")).ToBeVisibleAsync();

        await App.DeliverMailAsync();
        var welcome = App.MailsTo("rico.mail@example.com").Single();
        Assert.Equal("Welcome to MlmNetwork: confirm your e-mail", welcome.Subject);
        var link = System.Text.RegularExpressions.Regex.Match(welcome.HtmlBody ?? string.Empty, "href=\"([^\"]*ConfirmEmail[^\"]*)\"").Groups[1].Value;
        Assert.StartsWith(App.BaseUrl, System.Net.WebUtility.HtmlDecode(link), StringComparison.Ordinal);
        await page.GotoAsync(System.Net.WebUtility.HtmlDecode(link));
        await Assertions.Expect(page.GetByTestId("email-confirmed-message")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Go to your profile" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("email-confirmed")).ToBeVisibleAsync();
        Assert.True(await App.WithDbAsync(db => db.Users.Where(u => u.Email == "rico.mail@example.com").Select(u => u.EmailConfirmed).SingleAsync()));
        await page.SetViewportSizeAsync(390, 844);
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "the profile scrolls sideways at 390 px");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "profile-390.png"), FullPage = true });
        await page.Context.CloseAsync();

        var sponsorPage = await App.NewPageAsync();
        await LogInAsync(sponsorPage, "sara.mail@example.com");
        await sponsorPage.WaitForURLAsync(url => url.EndsWith("/Dashboard", StringComparison.Ordinal));
        await Assertions.Expect(sponsorPage.GetByTestId("bell")).ToContainTextAsync("1");
        await sponsorPage.GetByTestId("bell").ClickAsync();
        await Assertions.Expect(sponsorPage.GetByTestId("notification").First).ToContainTextAsync("Rico Recruit joined your team through your referral link.");
        await sponsorPage.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "notifications.png"), FullPage = true });
        await sponsorPage.GetByRole(AriaRole.Button, new() { Name = "Open" }).First.ClickAsync();
        await sponsorPage.WaitForURLAsync(url => url.EndsWith("/Genealogy", StringComparison.Ordinal));
        await Assertions.Expect(sponsorPage.GetByTestId("bell")).Not.ToContainTextAsync("1");

        // In Russian, on a phone: the notifications and the profile fit the screen.
        await sponsorPage.SetViewportSizeAsync(390, 844);
        await sponsorPage.GotoAsync("/Notifications");
        await sponsorPage.GetByTestId("language-switch").ClickAsync();
        await Assertions.Expect(sponsorPage.Locator("h1")).ToHaveTextAsync("Уведомления");
        foreach (var url in new[] { "/Notifications", "/Account/Profile", "/Account/Password", "/Account/Email" })
        {
            await sponsorPage.GotoAsync(url);
            Assert.False(await sponsorPage.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), $"{url} scrolls sideways at 390 px");
        }

        await sponsorPage.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "email-change-ru-390.png"), FullPage = true });
        await sponsorPage.Context.CloseAsync();
    }
}
