using System.Net;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

/// <summary>The person's own account: profile, payout account, password, forgotten password, e-mail change and confirmation.</summary>
public class AccountTests(MlmAppFactory app) : AppTest(app)
{
    [Fact]
    public async Task The_welcome_e_mail_confirms_the_address_and_login_never_waited_for_it()
    {
        var (browser, _) = await App.SignUpThroughReferralAsync(null, "Carla Confirm", "carla@example.com");
        Assert.Contains("data-testid=\"email-unconfirmed\"", await (await browser.GetAsync("/Account/Profile")).Content.ReadAsStringAsync());
        await App.DeliverMailAsync();

        var link = MlmAppFactory.LinkIn(App.MailsTo("carla@example.com").Single(), "/Account/ConfirmEmail");
        var anonymous = App.CreateBrowser();
        Assert.Contains("This link does not work any more", await (await anonymous.GetAsync(link.Replace("code=", "code=AAAA", StringComparison.Ordinal))).TextAsync());
        Assert.False(await App.WithDbAsync(db => db.Users.Where(u => u.Email == "carla@example.com").Select(u => u.EmailConfirmed).SingleAsync()));
        Assert.Contains("your e-mail address is confirmed", await (await anonymous.GetAsync(link)).TextAsync());
        Assert.True(await App.WithDbAsync(db => db.Users.Where(u => u.Email == "carla@example.com").Select(u => u.EmailConfirmed).SingleAsync()));
        Assert.Contains("data-testid=\"email-confirmed\"", await (await browser.GetAsync("/Account/Profile")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Send_again_mails_a_fresh_confirmation_link()
    {
        var (browser, _) = await App.SignUpThroughReferralAsync(null, "Rex Resend", "rex@example.com");
        await App.DeliverMailAsync();
        App.ForgetMail();

        var resent = await browser.PostFormAsync("/Account/Profile?handler=Resend", [], "/Account/Profile");
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        await App.DeliverMailAsync();
        var mail = App.MailsTo("rex@example.com").Single();
        Assert.Equal("Confirm your e-mail address", mail.Subject);
        Assert.Contains("your e-mail address is confirmed", await (await browser.GetAsync(MlmAppFactory.LinkIn(mail, "/Account/ConfirmEmail"))).TextAsync());
        // The sent message keeps no secret link.
        Assert.True(await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.Kind == "account.confirm-email").AllAsync(m => m.TextBody == "" && m.HtmlBody == "")));
    }

    [Fact]
    public async Task The_profile_keeps_details_and_a_masked_audited_payout_account()
    {
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Pia Profile", "pia@example.com");

        var bad = await browser.PostFormAsync("/Account/Profile?handler=Details", new() { ["Details.Name"] = "Pia Profile", ["Details.Phone"] = "call me", ["Details.Address"] = "" }, "/Account/Profile");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("A phone number is 7 to 32 characters", await bad.TextAsync());
        var saved = await browser.PostFormAsync("/Account/Profile?handler=Details", new() { ["Details.Name"] = "Pia Paulsen", ["Details.Phone"] = "+49 (30) 1234-567", ["Details.Address"] = "Hauptstr. 1\n10115 Berlin" }, "/Account/Profile");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var distributor = await App.WithDbAsync(db => db.Distributors.SingleAsync(d => d.Id == me.Id()));
        Assert.Equal(("Pia Paulsen", "+49 (30) 1234-567", "Hauptstr. 1\n10115 Berlin"), (distributor.Name, distributor.Phone, distributor.Address));

        var tooShort = await browser.PostFormAsync("/Account/Profile?handler=Payout", new() { ["Payout.Account"] = "12" }, "/Account/Profile");
        Assert.Contains("A payout account (IBAN or account number) is 8 to 34 letters and digits.", await tooShort.TextAsync());
        await App.DeliverMailAsync();
        App.ForgetMail();
        await browser.PostFormAsync("/Account/Profile?handler=Payout", new() { ["Payout.Account"] = "DE89 3704 0044 0532 0130 00" }, "/Account/Profile");
        var page = await (await browser.GetAsync("/Account/Profile")).TextAsync();
        Assert.Contains("•••• 3000", page);
        Assert.DoesNotContain("DE89370400440532013000", page);
        Assert.Equal("DE89370400440532013000", await App.WithDbAsync(db => db.Distributors.Where(d => d.Id == me.Id()).Select(d => d.PayoutAccount).SingleAsync()));
        var audit = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "distributor.payout-account"));
        Assert.Equal(("pia@example.com", "none -> •••• 3000 (by the distributor)"), (audit.Actor, audit.Details));
        await App.DeliverMailAsync();
        Assert.Contains("Your payouts now go to the account •••• 3000.", App.MailsTo("pia@example.com").Single().TextBody);
    }

    [Fact]
    public async Task An_admin_gets_the_parts_of_the_profile_that_apply()
    {
        var admin = await App.LoginAsAdminAsync();
        var page = await (await admin.GetAsync("/Account/Profile")).TextAsync();
        Assert.Contains("Your details", page);
        Assert.DoesNotContain("Payout account", page);
        Assert.DoesNotContain("Tell me when", page);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync("/Account/Profile?handler=Payout", new() { ["Payout.Account"] = "DE89370400440532013000" }, "/Account/Profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Account/Profile?handler=Details", new() { ["Details.Name"] = "Head Office" }, "/Account/Profile")).StatusCode);
        Assert.Equal("Head Office", await App.WithDbAsync(db => db.Users.Where(u => u.Email == MlmAppFactory.AdminEmail).Select(u => u.DisplayName).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await App.CreateBrowser().GetAsync("/Account/Profile")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_ends_the_other_sessions()
    {
        var (first, _) = await App.SignUpThroughReferralAsync(null, "Pat Password", "pat@example.com");
        var second = await App.LoginAsync("pat@example.com", MlmAppFactory.Password);

        var wrong = await first.PostFormAsync("/Account/Password", new() { ["Input.CurrentPassword"] = "not-it-1234!", ["Input.NewPassword"] = "Brand-new-pass-77!", ["Input.ConfirmPassword"] = "Brand-new-pass-77!" });
        Assert.Contains("The current password is not right.", await wrong.TextAsync());
        var changed = await first.PostFormAsync("/Account/Password", new() { ["Input.CurrentPassword"] = MlmAppFactory.Password, ["Input.NewPassword"] = "Brand-new-pass-77!", ["Input.ConfirmPassword"] = "Brand-new-pass-77!" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/Dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/Dashboard")).StatusCode);
        await App.LoginAsync("pat@example.com", "Brand-new-pass-77!");
        await App.DeliverMailAsync();
        Assert.Contains(App.MailsTo("pat@example.com"), m => m.Subject == "Your password was changed");
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_e_mailed_link_and_the_answer_never_tells_who_has_an_account()
    {
        await App.SignUpThroughReferralAsync(null, "Fred Forget", "fred@example.com");
        await App.DeliverMailAsync();
        App.ForgetMail();
        var anonymous = App.CreateBrowser();

        var known = RussianPagesTests.VisibleText(await (await anonymous.PostFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = "fred@example.com" })).Content.ReadAsStringAsync());
        var unknown = RussianPagesTests.VisibleText(await (await anonymous.PostFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = "nobody@example.com" })).Content.ReadAsStringAsync());
        Assert.Contains("If fred@example.com belongs to an account, a link to choose a new password is on its way there.", known);
        Assert.Equal(known.Replace("fred@example.com", "X", StringComparison.Ordinal), unknown.Replace("nobody@example.com", "X", StringComparison.Ordinal));
        await App.DeliverMailAsync();
        var mail = Assert.Single(App.Mails());
        Assert.Equal("Reset your password", mail.Subject);

        var link = MlmAppFactory.LinkIn(mail, "/Account/ResetPassword");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(link)).StatusCode);
        var weak = await anonymous.PostFormAsync(link, new() { ["Input.NewPassword"] = "password1", ["Input.ConfirmPassword"] = "password1" });
        Assert.Contains("A password needs", await weak.TextAsync());
        var reset = await anonymous.PostFormAsync(link, new() { ["Input.NewPassword"] = "Fresh-start-2026!", ["Input.ConfirmPassword"] = "Fresh-start-2026!" });
        Assert.Contains("Your password is changed. Log in with the new one.", await reset.TextAsync());
        await App.LoginAsync("fred@example.com", "Fresh-start-2026!");
        var again = await anonymous.PostFormAsync(link, new() { ["Input.NewPassword"] = "Another-one-2026!", ["Input.ConfirmPassword"] = "Another-one-2026!" });
        Assert.Contains("This link does not work any more", await again.TextAsync());
    }

    [Fact]
    public async Task Changing_the_e_mail_waits_for_the_new_address_then_moves_the_login_and_the_distributor_and_tells_the_old_one()
    {
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Eve Email", "eve@example.com");
        await App.SignUpThroughReferralAsync(null, "Taken Tom", "tom@example.com");
        await App.DeliverMailAsync();
        App.ForgetMail();

        var taken = await browser.PostFormAsync("/Account/Email", new() { ["Input.NewEmail"] = "tom@example.com", ["Input.Password"] = MlmAppFactory.Password });
        Assert.Contains("Another account uses that e-mail address.", await taken.TextAsync());
        var wrongPassword = await browser.PostFormAsync("/Account/Email", new() { ["Input.NewEmail"] = "eve.new@example.com", ["Input.Password"] = "not-it-1234!" });
        Assert.Contains("The password is not right.", await wrongPassword.TextAsync());
        var asked = await browser.PostFormAsync("/Account/Email", new() { ["Input.NewEmail"] = "Eve.New@example.com", ["Input.Password"] = MlmAppFactory.Password });
        Assert.Contains("We sent a link to eve.new@example.com.", await asked.TextAsync());
        await App.DeliverMailAsync();

        // Nothing changes until the link is opened.
        await App.LoginAsync("eve@example.com", MlmAppFactory.Password);
        var mail = App.MailsTo("eve.new@example.com").Single();
        Assert.Equal("Confirm your new e-mail address", mail.Subject);
        var confirmed = await App.CreateBrowser().GetAsync(MlmAppFactory.LinkIn(mail, "/Account/ConfirmEmailChange"));
        Assert.Contains("Done: you log in with eve.new@example.com from now on.", await confirmed.TextAsync());

        await App.LoginAsync("eve.new@example.com", MlmAppFactory.Password);
        Assert.Equal("eve.new@example.com", (await App.GetDistributorAsync(me.Id())).GetProperty("email").GetString());
        await App.DeliverMailAsync();
        Assert.Contains("Your MlmNetwork login is now eve.new@example.com", App.MailsTo("eve@example.com").Single().TextBody);
        var oldLogin = await App.CreateBrowser().PostFormAsync("/Account/Login", new() { ["Input.Email"] = "eve@example.com", ["Input.Password"] = MlmAppFactory.Password });
        Assert.Equal(HttpStatusCode.OK, oldLogin.StatusCode); // refused: the form again
    }
}
