using System.Net;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

/// <summary>Terms and policies: versions admins publish, accepted at sign-up and again by everybody when a new version comes out.</summary>
public class TermsPageTests(MlmAppFactory app) : AppTest(app)
{
    [Fact]
    public async Task A_sign_up_without_ticking_the_terms_is_refused_with_a_message_and_writes_nothing()
    {
        var admin = await App.LoginAsAdminAsync();
        await App.PublishTermsAsync(admin, "# Terms\nBe honest.");
        var browser = App.CreateBrowser();

        var form = await (await browser.GetAsync("/join")).TextAsync();
        var refused = await browser.PostFormAsync("/join", new() { ["Input.Name"] = "Nina", ["Input.Email"] = "nina@example.com", ["Input.Password"] = MlmAppFactory.Password, ["Input.TermsVersion"] = "1" });

        Assert.Contains("href=\"/Terms/1\"", form);
        Assert.Contains("terms and policies (version 1)", form);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Accept the terms and policies to go on.", await refused.TextAsync());
        Assert.Equal(0, await App.WithDbAsync(db => db.Distributors.CountAsync(d => d.Email == "nina@example.com")));
        Assert.Equal(0, await App.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "nina@example.com")));
    }

    [Fact]
    public async Task Accepting_at_sign_up_records_the_version_and_the_time()
    {
        App.Clock.Set(new DateTime(2026, 10, 5, 8, 30, 0, DateTimeKind.Utc));
        var admin = await App.LoginAsAdminAsync();
        await App.PublishTermsAsync(admin, "# Terms\nBe honest.");

        var (_, nina) = await App.SignUpThroughReferralAsync(null, "Nina", "nina@example.com");

        var acceptance = await App.WithDbAsync(db => db.TermsAcceptances.SingleAsync(a => a.DistributorId == nina.Id()));
        Assert.Equal((1, new DateTime(2026, 10, 5, 8, 30, 0, DateTimeKind.Utc)), (acceptance.Version, acceptance.AcceptedAt));
        var who = await (await admin.GetAsync("/Admin/Terms/Details/1")).TextAsync();
        Assert.Contains("nina@example.com", who);
    }

    [Fact]
    public async Task Terms_changed_while_the_recruit_was_reading_must_be_read_again()
    {
        var admin = await App.LoginAsAdminAsync();
        await App.PublishTermsAsync(admin, "# Terms\nBe honest.");
        var browser = App.CreateBrowser();
        await browser.GetAsync("/join");
        await App.PublishTermsAsync(admin, "# Terms\nBe honest and kind.");

        var refused = await browser.PostFormAsync("/join", new() { ["Input.Name"] = "Nina", ["Input.Email"] = "nina@example.com", ["Input.Password"] = MlmAppFactory.Password, ["Input.AcceptTerms"] = "true", ["Input.TermsVersion"] = "1" });

        Assert.Contains("The terms changed while you were reading: version 2 is now in force.", await refused.TextAsync());
        Assert.Equal(0, await App.WithDbAsync(db => db.Distributors.CountAsync(d => d.Email == "nina@example.com")));
    }

    [Fact]
    public async Task A_new_version_sends_a_logged_in_distributor_to_accept_it_and_blocks_sales_until_they_do()
    {
        await App.CreateProductAsync("VIT-C", 20m);
        var admin = await App.LoginAsAdminAsync();
        await App.PublishTermsAsync(admin, "# Terms\nBe honest.");
        var (browser, nina) = await App.SignUpThroughReferralAsync(null, "Nina", "nina@example.com");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Dashboard")).StatusCode);

        await App.PublishTermsAsync(admin, "# Terms\nBe honest and kind.", "Kindness added");
        var dashboard = await browser.GetAsync("/Dashboard?x=1");
        var sale = await browser.PostFormAsync("/Sales/New", new() { ["Input.Key"] = "k1", ["Input.Kind"] = "personal", ["Input.Lines[0].Sku"] = "VIT-C", ["Input.Lines[0].Quantity"] = "1" }, "/Terms/Accept");
        var unsent = await (await browser.GetAsync(sale.Headers.Location!.OriginalString)).TextAsync();
        var page = await (await browser.GetAsync("/Terms/Accept?returnUrl=%2FDashboard%3Fx%3D1")).TextAsync();
        var stale = await browser.PostFormAsync("/Terms/Accept", new() { ["version"] = "1", ["returnUrl"] = "/Dashboard?x=1" }, "/Terms/Accept");
        var accepted = await browser.PostFormAsync("/Terms/Accept", new() { ["version"] = "2", ["returnUrl"] = "/Dashboard?x=1" }, "/Terms/Accept");
        var offSite = await browser.PostFormAsync("/Terms/Accept", new() { ["version"] = "2", ["returnUrl"] = "https://evil.example.com/" }, "/Terms/Accept");

        Assert.Equal("/Terms/Accept?returnUrl=%2FDashboard%3Fx%3D1", dashboard.Headers.Location?.OriginalString);
        Assert.Equal("/Terms/Accept?returnUrl=%2FSales%2FNew&unsent=true", sale.Headers.Location?.OriginalString);
        Assert.Equal(0, await App.WithDbAsync(db => db.Sales.CountAsync()));
        Assert.Contains("What you just sent was not recorded. Accept the terms below, then send it again.", unsent);
        Assert.DoesNotContain("terms-unsent", page);
        Assert.Contains("The company has published version 2 of its terms and policies.", page);
        Assert.Contains("Kindness added", page);
        Assert.Contains("Be honest and kind.", page);
        Assert.Contains("The terms changed while you were reading: version 2 is now in force.", await stale.TextAsync());
        Assert.Equal("/Dashboard?x=1", accepted.Headers.Location?.OriginalString);
        Assert.Equal("/Dashboard", offSite.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Dashboard")).StatusCode);
        Assert.Equal([1, 2], await App.WithDbAsync(db => db.TermsAcceptances.Where(a => a.DistributorId == nina.Id()).OrderBy(a => a.Version).Select(a => a.Version).ToListAsync()));
        var history = await (await admin.GetAsync("/Admin/Terms")).TextAsync();
        Assert.Contains("Version 2 is in force since", history);
        Assert.Contains("1 of 1 Active distributors accepted it.", history);
    }

    [Fact]
    public async Task Versions_are_never_edited_an_unchanged_text_is_refused_and_publishing_is_audited()
    {
        var admin = await App.LoginAsAdminAsync();
        await App.PublishTermsAsync(admin, "# Terms\nBe honest.");

        var same = await admin.PostFormAsync("/Admin/Terms", new() { ["Input.Body"] = "# Terms\r\nBe honest.\r\n", ["Input.BasedOn"] = "1" });
        var empty = await admin.PostFormAsync("/Admin/Terms", new() { ["Input.Body"] = "   " });
        await App.PublishTermsAsync(admin, "# Terms\nBe kind.");
        var history = await (await admin.GetAsync("/Admin/Terms")).TextAsync();
        var audit = await (await admin.GetAsync("/Admin/Audit")).TextAsync();

        Assert.Contains("The text is the same as version 1: there is nothing new to publish.", await same.TextAsync());
        Assert.Contains("The Text field is required.", await empty.TextAsync());
        Assert.Equal(["# Terms\nBe honest.", "# Terms\nBe kind."], await App.WithDbAsync(db => db.TermsVersions.OrderBy(t => t.Version).Select(t => t.Body).ToListAsync()));
        Assert.Contains("data-testid=\"terms-v1\"", history);
        Assert.Contains("data-testid=\"terms-v2\"", history);
        Assert.Contains("Terms published", audit);
        Assert.Contains("Be kind.", await (await App.CreateBrowser().GetAsync("/Terms")).TextAsync());
        Assert.Contains("This is an older version.", await (await App.CreateBrowser().GetAsync("/Terms/1")).TextAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await App.CreateBrowser().GetAsync("/Terms/3")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Terms/Details/3")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Terms/Details/-1")).StatusCode);
    }

    [Fact]
    public async Task Without_published_terms_nobody_is_asked_to_accept_anything()
    {
        var (browser, _) = await App.SignUpThroughReferralAsync(null, "Nina", "nina@example.com");

        Assert.DoesNotContain("Input.AcceptTerms", await (await App.CreateBrowser().GetAsync("/join")).TextAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Dashboard")).StatusCode);
        Assert.Contains("The company has not published its terms yet.", await (await App.CreateBrowser().GetAsync("/Terms")).TextAsync());
    }

    [Fact]
    public async Task An_admin_publishing_from_a_page_opened_before_another_version_is_refused_and_shown_that_version()
    {
        var alice = await App.LoginAsAdminAsync();
        var bob = await App.LoginAsAdminAsync();
        await App.PublishTermsAsync(alice, "# Terms\nBe honest.");
        var opened = await alice.HiddenFieldAsync("/Admin/Terms", "Input.BasedOn");

        await App.PublishTermsAsync(bob, "# Terms\nBe honest.\n\nBob's refund rule.", "Refunds");
        var stale = await alice.PostFormAsync("/Admin/Terms", new() { ["Input.Body"] = "# Terms\nBe honest and kind.", ["Input.BasedOn"] = opened! });
        var page = await stale.TextAsync();

        Assert.Equal("1", opened);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Version 2 was published since you opened this page.", page);
        Assert.Contains("data-testid=\"published-meanwhile\"", page);
        Assert.Contains("Bob's refund rule.", page);
        Assert.Contains("Be honest and kind.", page);
        Assert.Equal([1, 2], await App.WithDbAsync(db => db.TermsVersions.OrderBy(t => t.Version).Select(t => t.Version).ToListAsync()));
        // Having read version 2, Alice publishes hers on top of it.
        await App.PublishTermsAsync(alice, "# Terms\nBe honest and kind.\n\nBob's refund rule.");
        Assert.Equal(3, await App.WithDbAsync(db => db.TermsVersions.MaxAsync(t => t.Version)));
    }

    [Fact]
    public async Task The_count_of_acceptances_in_force_is_of_the_active_distributors_so_it_adds_up()
    {
        var admin = await App.LoginAsAdminAsync();
        await App.PublishTermsAsync(admin, "# Terms\nBe honest.");
        var (_, nina) = await App.SignUpThroughReferralAsync(null, "Nina", "nina@example.com");
        await App.SignUpThroughReferralAsync(null, "Olga", "olga@example.com");
        await App.CreateDistributorAsync("Pavel (no login)", "pavel@example.com", null);
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(nina.Id(), "Terminated")).StatusCode);

        var history = await (await admin.GetAsync("/Admin/Terms")).TextAsync();

        // Olga is the one Active distributor who accepted; Pavel is Active and did not; Nina accepted and left.
        Assert.Contains("1 of 2 Active distributors accepted it.", history);
        Assert.Matches("data-testid=\"terms-v1\">.*?<td class=\"num\">2</td>", history.ReplaceLineEndings(" "));
    }

    [Fact]
    public async Task Russian_readers_read_the_russian_text_or_the_english_one_with_a_note()
    {
        var admin = await App.LoginAsAdminAsync();
        await App.PublishTermsAsync(admin, "# Terms\nBe honest.");
        var russianReader = App.CreateBrowser();
        russianReader.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru-RU");
        var englishOnly = await (await russianReader.GetAsync("/Terms")).TextAsync();

        await App.PublishTermsAsync(admin, "# Terms\nBe honest.", "Russian text added", "# Условия\nПродавайте честно.");
        var translated = await (await russianReader.GetAsync("/Terms")).TextAsync();
        var inEnglish = await (await App.CreateBrowser().GetAsync("/Terms")).TextAsync();
        var form = await (await admin.GetAsync("/Admin/Terms")).TextAsync();
        var details = await admin.GetStringAsync("/Admin/Terms/Details/2");
        var (_, rita) = await App.SignUpThroughReferralAsync(null, "Rita", "rita@example.com");

        Assert.Contains("Be honest.", englishOnly);
        Assert.Contains("Компания опубликовала эти условия только на английском языке.", englishOnly);
        Assert.Contains("<article class=\"panel markdown\" lang=\"en\"", englishOnly);
        Assert.Contains("Продавайте честно.", translated);
        Assert.Contains("<article class=\"panel markdown\" lang=\"ru\"", translated);
        Assert.DoesNotContain("Be honest.", translated);
        Assert.DoesNotContain("только на английском", translated);
        Assert.Contains("Be honest.", inEnglish);
        Assert.DoesNotContain("Продавайте", inEnglish);
        Assert.DoesNotContain("English only", inEnglish);
        Assert.Contains("name=\"Input.RussianBody\"", form);
        Assert.Contains("Продавайте честно.", form);
        Assert.Contains("data-testid=\"terms-russian\"", details);
        // One version, whichever text the recruit read.
        Assert.Equal([2], await App.WithDbAsync(db => db.TermsAcceptances.Where(a => a.DistributorId == rita.Id()).Select(a => a.Version).ToListAsync()));
    }
}
