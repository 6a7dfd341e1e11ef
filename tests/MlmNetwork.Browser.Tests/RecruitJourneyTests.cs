using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MlmNetwork.Web.Tests;

namespace MlmNetwork.Browser.Tests;

/// <summary>The recruit's way in, clicked through: referral link, starter kit, terms, the checklist, training; and the new pages on a phone and under axe.</summary>
[Collection(BrowserCollection.Name)]
public partial class RecruitJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{

    [GeneratedRegex("/Dashboard$")]
    private static partial Regex DashboardUrl();

    /// <summary>A company with a starter kit, terms and a training module, built through the admin pages' forms.</summary>
    private async Task<(long Kit, long Module, JsonSponsor Sponsor)> CompanyAsync()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("VIT-C", 19.99m, 15m);
        await App.CreateProductAsync("TEA", 8.99m);
        // On the real socket the test client follows redirects: logged in is where the login page sends an admin.
        using var admin = App.CreateBrowser();
        var login = await admin.PostFormAsync("/Account/Login", new() { ["Input.Email"] = MlmAppFactory.AdminEmail, ["Input.Password"] = MlmAppFactory.AdminPassword });
        Assert.Equal("/Admin", login.RequestMessage?.RequestUri?.AbsolutePath);
        // Sara joined (through the page, with a login) before the company published its terms.
        var house = await App.WithDbAsync(db => db.Distributors.Where(d => d.IsHouse).Select(d => d.ReferralCode).SingleAsync());
        await App.JoinThroughPageAsync(house, "Sara Sponsor", "sara@example.com");
        var sponsor = await App.WithDbAsync(db => db.Distributors.Where(d => d.Email == "sara@example.com").Select(d => new JsonSponsor(d.Id, d.ReferralCode)).SingleAsync());
        await App.PublishTermsAsync(admin, "# Distributor terms\n\nYou are paid for **sales to customers**, never for recruiting.");
        var kit = await App.CreateKitAsync(admin, "Welcome kit", "39.00", ("VIT-C", 1), ("TEA", 2));
        var module = await App.CreateTrainingModuleAsync(admin, "How you earn", "## Your income\n\nEvery sale to a customer pays you a **personal commission**.\n\n- Make a list of twenty people\n- Record your first sale", video: "https://videos.example.com/how-you-earn");
        return (kit, module, sponsor);
    }

    private sealed record JsonSponsor(long Id, string Code);

    [Fact]
    public async Task A_recruit_joins_with_a_starter_kit_accepts_the_terms_and_starts_the_checklist_and_the_training()
    {
        var (kit, module, sponsor) = await CompanyAsync();
        var context = await App.Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 }, Permissions = ["clipboard-read", "clipboard-write"] });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                App.CspViolations.Enqueue($"{page.Url}: {message.Text}");
            }
        };

        await page.GotoAsync($"/join/{sponsor.Code}");
        await Assertions.Expect(page.GetByTestId("invited-by")).ToContainTextAsync("Sara Sponsor");
        await Assertions.Expect(page.GetByTestId("kit-no-commission")).ToContainTextAsync("It pays no commission to anyone");
        await page.GetByLabel("Your name").FillAsync("Rita Recruit");
        await page.GetByLabel("Email").FillAsync("rita@example.com");
        await page.GetByLabel("Password").FillAsync(MlmAppFactory.Password);
        await page.GetByTestId($"kit-{kit}").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "join-with-kit-and-terms.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();

        // Not ticked: refused with a message, nothing written; the kit stays chosen.
        await Assertions.Expect(page.Locator(".field-validation-error")).ToHaveTextAsync("Accept the terms and policies to go on.");
        await Assertions.Expect(page.GetByTestId($"kit-{kit}").Locator("input")).ToBeCheckedAsync();
        await page.GetByLabel("Password").FillAsync(MlmAppFactory.Password);
        var terms = page.GetByRole(AriaRole.Link, new() { Name = "terms and policies (version 1)" });
        await Assertions.Expect(terms).ToHaveAttributeAsync("href", "/Terms/1");
        await page.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(DashboardUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your Welcome kit is ordered for €39.00");
        var checklist = page.GetByTestId("getting-started");
        await Assertions.Expect(checklist).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("getting-started-progress")).ToHaveTextAsync("0 of 5 steps done");
        await Assertions.Expect(page.GetByTestId("sponsor-name")).ToHaveTextAsync("Sara Sponsor");
        await Assertions.Expect(page.GetByTestId("sponsor-email")).ToHaveAttributeAsync("href", "mailto:sara@example.com");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "recruit-getting-started.png"), FullPage = true });

        // Copying the link is the share step.
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy my link" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-ShareReferralLink")).ToHaveClassAsync("done");
        await Assertions.Expect(page.GetByTestId("getting-started-progress")).ToHaveTextAsync("1 of 5 steps done");
        await Assertions.Expect(page.GetByTestId("step-ShareReferralLink").Locator(".state")).ToHaveTextAsync("done");

        await checklist.GetByRole(AriaRole.Link, new() { Name = "0 of 1 modules done: go on" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "How you earn" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("module-body").GetByRole(AriaRole.Heading, new() { Name = "Your income" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("module-video")).ToHaveAttributeAsync("href", "https://videos.example.com/how-you-earn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as done" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("module-done")).ToContainTextAsync("Done");

        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("getting-started-progress")).ToHaveTextAsync("2 of 5 steps done");
        await Assertions.Expect(page.GetByTestId("step-FinishTraining")).ToHaveClassAsync("done");

        await page.GetByRole(AriaRole.Link, new() { Name = "My sales" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("starter-kit-mark")).ToHaveTextAsync("Starter kit");
        var rita = await App.WithDbAsync(db => db.Distributors.SingleAsync(d => d.Email == "rita@example.com"));
        Assert.Equal(kit, rita.StarterKitId);
        Assert.Equal(1, await App.WithDbAsync(db => db.TermsAcceptances.CountAsync(a => a.DistributorId == rita.Id && a.Version == 1)));
        Assert.Equal(0m, await App.BalanceOfAsync(sponsor.Id));
        Assert.Equal(1, await App.WithDbAsync(db => db.TrainingCompletions.CountAsync(c => c.DistributorId == rita.Id && c.ModuleId == module)));

        // The welcome e-mail, read from the pickup folder, confirms the address.
        await App.DeliverMailAsync();
        var welcome = App.MailsTo("rita@example.com").Single(m => (m.Subject ?? string.Empty).Contains("confirm", StringComparison.Ordinal));
        var confirm = Regex.Match(welcome.HtmlBody ?? string.Empty, "href=\"([^\"]*ConfirmEmail[^\"]*)\"").Groups[1].Value;
        await page.GotoAsync(System.Net.WebUtility.HtmlDecode(confirm));
        await Assertions.Expect(page.GetByTestId("email-confirmed-message")).ToBeVisibleAsync();

        // The profile step: phone and address.
        await page.GotoAsync("/Account/Profile");
        await page.GetByLabel("Phone", new() { Exact = true }).FillAsync("+7 912 345-67-89");
        await page.GetByLabel("Postal address").FillAsync("ул. Ленина, 1, Екатеринбург");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("getting-started-progress")).ToHaveTextAsync("4 of 5 steps done");

        // The first sale finishes the checklist, and it leaves the dashboard.
        await page.GetByRole(AriaRole.Link, new() { Name = "Record a sale" }).ClickAsync();
        await page.GetByLabel("Quantity of Product VIT-C").FillAsync("2");
        await page.GetByLabel("For my own use").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record sale" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You earned €3.00. 1 person in your upline earned too.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("balance")).ToHaveTextAsync("€3.00");
        await Assertions.Expect(page.GetByTestId("getting-started")).ToHaveCountAsync(0);
        await context.CloseAsync();

        // The sponsor: the news behind the bell, the commission on her dashboard, and Rita's checklist done.
        var sara = await App.NewPageAsync();
        await LogInAsync(sara, "sara@example.com");
        // She joined before the company published its terms: she accepts them before anything else.
        await sara.WaitForURLAsync(new Regex("/Terms/Accept"));
        await sara.GetByRole(AriaRole.Button, new() { Name = "I have read and accept version 1" }).ClickAsync();
        await sara.WaitForURLAsync(DashboardUrl());
        await Assertions.Expect(sara.GetByTestId("balance")).ToHaveTextAsync("€1.50");
        // She wants to hear of each sale rather than a daily digest; the sale's news goes out after she chose.
        await sara.GotoAsync("/Account/Profile");
        await sara.Locator("select[name='Notify.Commissions']").SelectOptionAsync("EachSale");
        await sara.GetByRole(AriaRole.Button, new() { Name = "Save notification choices" }).ClickAsync();
        await App.DeliverMailAsync();
        await sara.GotoAsync("/Dashboard");
        await sara.GetByTestId("bell").ClickAsync();
        await Assertions.Expect(sara.GetByTestId("notification").Filter(new() { HasText = "Rita Recruit joined your team through your referral link." })).ToHaveCountAsync(1);
        await Assertions.Expect(sara.GetByTestId("notification").Filter(new() { HasText = "€1.50 from a sale by Rita Recruit (level 1)." })).ToHaveCountAsync(1);
        await sara.GotoAsync("/Team/Recruits");
        await Assertions.Expect(sara.GetByTestId($"recruit-{rita.Id}")).ToContainTextAsync("5 of 5");
        await Assertions.Expect(sara.GetByTestId($"recruit-{rita.Id}")).ToContainTextAsync("All done");
        await sara.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_rewrites_a_training_module_in_the_browser_and_reads_the_overview()
    {
        var (_, module, _) = await CompanyAsync();
        var page = await App.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(MlmAppFactory.AdminEmail);
        await page.GetByLabel("Password").FillAsync(MlmAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await page.GotoAsync("/Admin/Training");
        await page.GetByTestId($"module-{module}").GetByRole(AriaRole.Link, new() { Name = "How you earn" }).ClickAsync();
        await page.GetByLabel("Title").FillAsync("How you earn, step by step");
        await page.Locator("textarea[name='Input.Body']").FillAsync("## Step one\n\nSell to **customers**.<script>document.title='pwned'</script>");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved the module How you earn, step by step.");

        // The preview shows the text as distributors will read it: the Markdown rendered, the script gone.
        var preview = page.GetByTestId("preview");
        await Assertions.Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Step one" })).ToBeVisibleAsync();
        await Assertions.Expect(preview.Locator("strong")).ToHaveTextAsync("customers");
        Assert.Equal(0, await preview.Locator("script").CountAsync());
        await page.GotoAsync("/Admin/Training");
        await Assertions.Expect(page.GetByTestId($"module-{module}")).ToContainTextAsync("How you earn, step by step");
        Assert.NotEqual("pwned", await page.TitleAsync());

        await page.GotoAsync("/Admin");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Network overview", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("network-size")).ToHaveTextAsync("1");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("ru-RU")]
    public async Task The_recruits_pages_fit_a_phone_and_have_no_serious_accessibility_violation(string culture)
    {
        var (kit, module, sponsor) = await CompanyAsync();
        await JoinAsync(sponsor.Code, "Rita Recruit-With-A-Rather-Long-Name", "rita.with.a.long.address@example.com", kit);
        var ritaId = await App.WithDbAsync(db => db.Distributors.Where(d => d.Email == "rita.with.a.long.address@example.com").Select(d => d.Id).SingleAsync());
        // Sara joined through the API and has no login: Dan, who signs up on the page, is the sponsor who logs in.
        await JoinAsync(null, "Dan Leader", "dan@example.com", null);
        var danCode = await App.WithDbAsync(db => db.Distributors.Where(d => d.Email == "dan@example.com").Select(d => d.ReferralCode).SingleAsync());
        await JoinAsync(danCode, "Eva Recruit", "eva@example.com", null);
        var evaId = await App.WithDbAsync(db => db.Distributors.Where(d => d.Email == "eva@example.com").Select(d => d.Id).SingleAsync());

        var found = new List<string>();
        await CheckAsync(culture, null, null, ["/Terms", "/Terms/1", $"/join/{sponsor.Code}"], found);
        await CheckAsync(culture, "dan@example.com", MlmAppFactory.Password, ["/Dashboard", "/Training", $"/Training/{module}", "/Team/Recruits", $"/Team/Recruits/{evaId}", "/Terms/Accept"], found);
        await CheckAsync(culture, MlmAppFactory.AdminEmail, MlmAppFactory.AdminPassword, ["/Admin/Kits", $"/Admin/Kits/Edit/{kit}", "/Admin/Kits/Edit", "/Admin/Terms", "/Admin/Terms/Details/1", "/Admin/Training", $"/Admin/Training/Edit/{module}", "/Admin/Training/Progress", $"/Admin/Training/Progress/{ritaId}"], found);

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Theory]
    [InlineData("en-US", 1280)]
    [InlineData("en-US", 390)]
    [InlineData("ru-RU", 1280)]
    [InlineData("ru-RU", 390)]
    public async Task A_kits_name_and_price_share_a_line_with_nothing_stranded_between_them(string culture, int width)
    {
        var (kit, _, sponsor) = await CompanyAsync();
        var context = await App.Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, Locale = culture, ViewportSize = new() { Width = width, Height = 900 }, ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = culture } });
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/join/{sponsor.Code}");
        var head = page.GetByTestId($"kit-{kit}").Locator(".kit-head");
        var name = await head.Locator("strong").First.BoundingBoxAsync();
        var price = await head.Locator(".kit-price").BoundingBoxAsync();

        Assert.Equal(name!.Y, price!.Y, 1.0);
        Assert.True(price.X > name.X + name.Width, $"price at {price.X}, name ends at {name.X + name.Width}");
        Assert.DoesNotContain("·", await head.InnerTextAsync(), StringComparison.Ordinal);
        await context.CloseAsync();
    }

    /// <summary>Signs up on the join page, ticking the terms, with the kit when given.</summary>
    private async Task JoinAsync(string? code, string name, string email, long? kit)
    {
        var page = await App.NewPageAsync();
        await page.GotoAsync(code is null ? "/join" : $"/join/{code}");
        await page.Locator("input[name='Input.Name']").FillAsync(name);
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(MlmAppFactory.Password);
        if (kit is not null)
        {
            await page.GetByTestId($"kit-{kit}").ClickAsync();
        }

        await page.Locator("input[name='Input.AcceptTerms'][type=checkbox]").CheckAsync();
        await page.Locator("form.stack button[type=submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(DashboardUrl());
        await page.Context.CloseAsync();
    }

    private async Task CheckAsync(string culture, string? email, string? password, IEnumerable<string> urls, List<string> found)
    {
        var context = await App.Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, Locale = culture, ViewportSize = new() { Width = 390, Height = 844 }, ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = culture } });
        var page = await context.NewPageAsync();
        if (email is not null)
        {
            await LogInAsync(page, email, password!);
        }

        foreach (var url in urls)
        {
            var response = await page.GotoAsync(url);
            if (response?.Status != 200)
            {
                found.Add($"{culture} {url}: answered {response?.Status}");
                continue;
            }

            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 390)
            {
                found.Add($"{culture} {url}: {width.ToString(CultureInfo.InvariantCulture)} px wide at 390");
                await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"too-wide-{culture}-{url.Trim('/').Replace('/', '-')}.png"), FullPage = true });
            }

            var result = await page.RunAxe();
            foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
            {
                found.Add($"{culture} {url}: {violation.Impact} {violation.Id} ({violation.Help}) at {string.Join(", ", violation.Nodes.Take(3).Select(n => n.Target?.ToString()))}");
            }
        }

        await context.CloseAsync();
    }
}
