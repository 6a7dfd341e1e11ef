using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Web.Tests;

/// <summary>Notifications in the app and by e-mail, each kind, in the recipient's language and by their choices.</summary>
public class NotificationTests(MlmAppFactory app) : AppTest(app)
{
    private static readonly DateTime September10 = new(2026, 9, 10, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Sign_up_tells_the_sponsor_and_the_paid_levels_not_the_whole_chain()
    {
        App.Clock.Set(September10);
        await App.SetPlanAsync(10m, 5m, 2m);
        var (_, top) = await App.SignUpThroughReferralAsync(null, "Top Person", "top@example.com");
        var (_, mid) = await App.SignUpThroughReferralAsync(top.Code(), "Mid Person", "mid@example.com");
        var (sponsorBrowser, sponsor) = await App.SignUpThroughReferralAsync(mid.Code(), "Sponsor Person", "sponsor@example.com");
        await App.DeliverMailAsync();
        App.ForgetMail();

        await App.SignUpThroughReferralAsync(sponsor.Code(), "New Recruit", "recruit@example.com");
        await App.DeliverMailAsync();

        Assert.Contains("New Recruit joined your team through your referral link.", App.MailsTo("sponsor@example.com").Single().TextBody);
        Assert.Contains("New Recruit joined your team at level 2, sponsored by Sponsor Person.", App.MailsTo("mid@example.com").Single().TextBody);
        Assert.Empty(App.MailsTo("top@example.com")); // level 3: the plan pays two levels
        var welcome = App.MailsTo("recruit@example.com").Single();
        Assert.Equal("Welcome to MlmNetwork: confirm your e-mail", welcome.Subject);
        var page = await (await sponsorBrowser.GetAsync("/Notifications")).TextAsync();
        Assert.Contains("New Recruit joined your team through your referral link.", page);
    }

    [Fact]
    public async Task A_Russian_recipient_reads_Russian_and_an_English_one_English()
    {
        App.Clock.Set(September10);
        var (sponsorBrowser, sponsor) = await App.SignUpThroughReferralAsync(null, "Ирина Петрова", "irina@example.com");
        Assert.Equal(HttpStatusCode.Redirect, (await sponsorBrowser.PostFormAsync("/Account/Profile?handler=Language", new() { ["culture"] = "ru-RU" }, "/Account/Profile")).StatusCode);
        var (englishBrowser, english) = await App.SignUpThroughReferralAsync(null, "Emma English", "emma@example.com");
        await App.DeliverMailAsync();
        App.ForgetMail();

        await App.SignUpThroughReferralAsync(sponsor.Code(), "Олег Смирнов", "oleg@example.com");
        await App.SignUpThroughReferralAsync(english.Code(), "Oliver Twist", "oliver@example.com");
        await App.DeliverMailAsync();

        var russian = App.MailsTo("irina@example.com").Single();
        Assert.Equal("Новый участник в вашей команде", russian.Subject);
        Assert.Contains("Здравствуйте, Ирина Петрова!", russian.TextBody);
        Assert.Contains("В вашу команду по вашей реферальной ссылке пришёл новый участник: Олег Смирнов.", russian.TextBody);
        Assert.Contains("В вашу команду по вашей реферальной ссылке пришёл новый участник", russian.HtmlBody);
        var englishMail = App.MailsTo("emma@example.com").Single();
        Assert.Equal("New member in your team", englishMail.Subject);
        Assert.Contains("Hello Emma English,", englishMail.TextBody);
        // The in-app notification is in the recipient's language too, whatever the reader's browser says.
        Assert.Contains("пришёл новый участник: Олег Смирнов", await (await sponsorBrowser.GetAsync("/Notifications")).TextAsync());
        Assert.Empty(App.Translations.Take());
        _ = englishBrowser;
    }
}
