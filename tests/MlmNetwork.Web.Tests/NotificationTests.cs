using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Notifications;

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

    [Fact]
    public async Task Commissions_come_for_each_sale_or_as_a_daily_digest_that_covers_batches()
    {
        App.Clock.Set(September10);
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("P-100", 100m);
        var (sponsorBrowser, sponsor) = await App.SignUpThroughReferralAsync(null, "Sam Sponsor", "sam@example.com");
        var (_, recruit) = await App.SignUpThroughReferralAsync(sponsor.Code(), "Rita Recruit", "rita@example.com");
        await ChooseAsync(sponsorBrowser, new() { ["Notify.Commissions"] = "EachSale" });
        await App.DeliverMailAsync();
        App.ForgetMail();

        Assert.Equal(HttpStatusCode.Created, (await App.PostSaleAsync(recruit.Id(), "s-1", ("P-100", 1))).StatusCode);
        await App.DeliverMailAsync();

        var each = App.MailsTo("sam@example.com").Single();
        Assert.Equal("You earned €5.00", each.Subject);
        Assert.Contains("€5.00 from a sale by Rita Recruit (level 1).", each.TextBody);
        Assert.Empty(App.MailsTo("rita@example.com")); // she chose nothing: the daily digest
        Assert.Contains("€5.00 from a sale by Rita Recruit (level 1).", await (await sponsorBrowser.GetAsync("/Notifications")).TextAsync());

        // The next day a batch (as an import would) brings two more sales; the day after, Rita's digest covers it.
        App.Clock.Set(September10.AddDays(1));
        await App.DeliverMailAsync();
        var firstDigest = App.MailsTo("rita@example.com").Single();
        Assert.Equal("Your commissions on 9/10/2026", firstDigest.Subject);
        Assert.Contains("1 commission lines earned you €10.00.", firstDigest.TextBody);
        App.ForgetMail();
        using (var api = App.CreateApiClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales/batch")
            {
                Content = JsonContent.Create(new { sales = new[] { new { distributorId = recruit.Id(), lines = new[] { new { sku = "P-100", quantity = 2 } } }, new { distributorId = recruit.Id(), lines = new[] { new { sku = "P-100", quantity = 1 } } } } }),
            };
            request.Headers.Add("Idempotency-Key", "batch-1");
            Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(request)).StatusCode);
        }

        await App.DeliverMailAsync();
        Assert.Empty(App.Mails()); // a batch is never announced sale by sale
        App.Clock.Set(September10.AddDays(2));
        await App.DeliverMailAsync();
        var digest = App.MailsTo("rita@example.com").Single();
        Assert.Equal("Your commissions on 9/11/2026", digest.Subject);
        Assert.Contains("2 commission lines earned you €30.00.", digest.TextBody);
        Assert.Empty(App.MailsTo("sam@example.com"));
        await App.DeliverMailAsync();
        Assert.Single(App.MailsTo("rita@example.com")); // once a day, however often the worker looks
    }

    [Fact]
    public async Task Closing_the_month_paying_out_and_changing_a_status_are_told()
    {
        App.Clock.Set(September10);
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("P-200", 200m);
        var (browser, seller) = await App.SignUpThroughReferralAsync(null, "Paula Paid", "paula@example.com");
        await App.PostSaleAsync(seller.Id(), "s-1", ("P-200", 1));
        App.Clock.Set(new DateTime(2026, 10, 2, 9, 0, 0, DateTimeKind.Utc));
        await App.DeliverMailAsync();
        App.ForgetMail();

        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-09")).StatusCode);
        await App.DeliverMailAsync();
        var statement = App.MailsTo("paula@example.com").Single();
        Assert.Equal("Your statement for September 2026 is ready", statement.Subject);
        Assert.Contains("You earned €20.00 in September 2026. Your balance at the end of the month: €20.00.", statement.TextBody);
        Assert.Contains("/Statements", statement.TextBody);
        App.ForgetMail();

        await App.PayUpToAsync("2026-09", "2026-10-02");
        await App.DeliverMailAsync();
        var payout = App.MailsTo("paula@example.com").Single();
        Assert.Equal("A payout of €20.00 was sent", payout.Subject);
        Assert.Contains("We paid you €20.00 on 10/2/2026 (reference BANK-1).", payout.TextBody);
        App.ForgetMail();

        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(seller.Id(), "Inactive")).StatusCode);
        await App.DeliverMailAsync();
        var status = App.MailsTo("paula@example.com").Single();
        Assert.Equal("Your status is now Inactive", status.Subject);
        Assert.Contains("while inactive you earn no commissions", status.TextBody);

        var page = await (await browser.GetAsync("/Notifications")).TextAsync();
        Assert.True(page.IndexOf("Your status is now Inactive", StringComparison.Ordinal) < page.IndexOf("A payout of €20.00 was sent", StringComparison.Ordinal), "newest first");
        Assert.Contains("Your statement for September 2026 is ready", page);
    }

    [Fact]
    public async Task Below_the_minimum_volume_near_the_month_end_is_told_once_a_month()
    {
        App.Clock.Set(September10);
        using (var api = App.CreateApiClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("/api/v1/commission-plan", new { personalPercent = 10m, levels = new[] { 5m }, minPersonalVolume = 50m })).StatusCode);
        }

        await App.CreateProductAsync("P-100", 100m);
        var (_, sponsor) = await App.SignUpThroughReferralAsync(null, "Lena Low", "lena@example.com");
        var (_, recruit) = await App.SignUpThroughReferralAsync(sponsor.Code(), "Max Many", "max@example.com");
        await App.PostSaleAsync(recruit.Id(), "s-1", ("P-100", 1));
        App.Clock.Set(new DateTime(2026, 9, 20, 8, 0, 0, DateTimeKind.Utc));
        await App.DeliverMailAsync();
        App.ForgetMail();

        App.Clock.Set(new DateTime(2026, 9, 25, 8, 0, 0, DateTimeKind.Utc)); // six days left: not yet
        await App.DeliverMailAsync();
        Assert.DoesNotContain(App.Mails(), m => m.Subject == "Keep your commissions for September 2026");
        App.Clock.Set(new DateTime(2026, 9, 27, 8, 0, 0, DateTimeKind.Utc));
        await App.DeliverMailAsync();
        App.Clock.Set(new DateTime(2026, 9, 28, 8, 0, 0, DateTimeKind.Utc));
        await App.DeliverMailAsync();

        var reminders = App.Mails().Where(m => m.Subject == "Keep your commissions for September 2026").ToList();
        var reminder = Assert.Single(reminders);
        Assert.Equal("lena@example.com", reminder.To.Mailboxes.Single().Address);
        Assert.Contains("€50.00 more personal volume by 9/30/2026 keeps €5.00 of commissions for September 2026.", reminder.TextBody);
    }

    [Fact]
    public async Task E_mail_off_sends_no_e_mail_and_keeps_the_notification_in_the_app()
    {
        App.Clock.Set(September10);
        var (browser, sponsor) = await App.SignUpThroughReferralAsync(null, "Quiet Quinn", "quinn@example.com");
        await ChooseAsync(browser, new() { ["Notify.RecruitEmail"] = "false" });
        var profile = await (await browser.GetAsync("/Account/Profile")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("checked", System.Text.RegularExpressions.Regex.Match(profile, "<input[^>]*name=\"Notify.RecruitEmail\"[^>]*>").Value);
        Assert.Contains("checked", System.Text.RegularExpressions.Regex.Match(profile, "<input[^>]*name=\"Notify.RecruitInApp\"[^>]*>").Value);
        await App.DeliverMailAsync();
        App.ForgetMail();

        await App.SignUpThroughReferralAsync(sponsor.Code(), "Noisy Nina", "nina@example.com");
        await App.DeliverMailAsync();

        Assert.Empty(App.MailsTo("quinn@example.com"));
        Assert.Single(App.MailsTo("nina@example.com")); // her welcome
        Assert.Contains("Noisy Nina joined your team through your referral link.", await (await browser.GetAsync("/Notifications")).TextAsync());
    }

    [Fact]
    public async Task The_bell_counts_unread_and_another_distributors_notification_is_not_found()
    {
        App.Clock.Set(September10);
        var (browser, sponsor) = await App.SignUpThroughReferralAsync(null, "Bella Bell", "bella@example.com");
        var (otherBrowser, _) = await App.SignUpThroughReferralAsync(null, "Otto Other", "otto@example.com");
        await App.SignUpThroughReferralAsync(sponsor.Code(), "First Friend", "first@example.com");
        await App.SignUpThroughReferralAsync(sponsor.Code(), "Second Friend", "second@example.com");
        await App.DeliverMailAsync();

        Assert.Contains("<span class=\"bell-count\" aria-hidden=\"true\">2</span>", await (await browser.GetAsync("/Dashboard")).Content.ReadAsStringAsync());
        Assert.DoesNotContain("bell-count", await (await otherBrowser.GetAsync("/Dashboard")).Content.ReadAsStringAsync());
        var id = await App.WithDbAsync(db => db.Notifications.Where(n => n.DistributorId == sponsor.Id()).Select(n => n.Id).FirstAsync());

        foreach (var handler in new[] { "Read", "Open" })
        {
            var refused = await otherBrowser.PostFormAsync($"/Notifications?handler={handler}&id={id}", [], "/Notifications");
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        Assert.Equal(2, await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.DistributorId == sponsor.Id() && n.ReadAt == null)));
        var opened = await browser.PostFormAsync($"/Notifications?handler=Open&id={id}", [], "/Notifications");
        Assert.Equal("/Genealogy", opened.Headers.Location?.OriginalString);
        Assert.Contains("<span class=\"bell-count\" aria-hidden=\"true\">1</span>", await (await browser.GetAsync("/Dashboard")).Content.ReadAsStringAsync());
        await browser.PostFormAsync("/Notifications?handler=ReadAll", [], "/Notifications");
        Assert.DoesNotContain("bell-count", await (await browser.GetAsync("/Dashboard")).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(99, ">99</span>", "Notifications: 99 unread")]
    [InlineData(100, ">99+</span>", "Notifications: more than 99 unread")]
    [InlineData(150, ">99+</span>", "Notifications: more than 99 unread")]
    public async Task The_bell_and_its_label_never_say_fewer_unread_than_there_are(int unread, string badge, string label)
    {
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Many Unread", "many@example.com");
        await App.WithDbAsync(async db =>
        {
            db.Notifications.AddRange(Enumerable.Range(0, unread).Select(i => new Notification
            {
                DistributorId = me.Id(), Kind = NotificationKind.NewRecruit, Title = $"Note {i}", Body = "-", InApp = true, CreatedAt = App.Clock.UtcNow,
            }));
            return await db.SaveChangesAsync();
        });

        var page = await (await browser.GetAsync("/Dashboard")).TextAsync();

        Assert.Contains($"aria-hidden=\"true\"{badge}", page);
        Assert.Contains($"aria-label=\"{label}\"", page);
    }

    /// <summary>Saves the notification choices on the profile: the defaults, changed by <paramref name="changes"/>.</summary>
    internal static async Task ChooseAsync(HttpClient browser, Dictionary<string, string> changes)
    {
        var fields = new Dictionary<string, string> { ["Notify.Commissions"] = "DailyDigest" };
        foreach (var kind in new[] { "Recruit", "Commission", "Statement", "Payout", "Status", "LowVolume" })
        {
            fields[$"Notify.{kind}InApp"] = "true";
            fields[$"Notify.{kind}Email"] = "true";
        }

        foreach (var (key, value) in changes)
        {
            fields[key] = value;
        }

        var saved = await browser.PostFormAsync("/Account/Profile?handler=Notifications", fields, "/Account/Profile");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }
}
