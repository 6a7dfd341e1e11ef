using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// Every page, opened in Russian on a company with data on every page, must read in Russian:
/// nothing a page asks the localizer for may lack its Russian, and no English words may be left
/// in the text (apart from the company's own data: names, products, codes).
/// </summary>
public partial class RussianPagesTests(MlmAppFactory app) : AppTest(app)
{
    private enum Who { Anonymous, Admin, Leader, Recruit }

    /// <summary>Each page (by its file), who opens it and the address that shows it with data.</summary>
    private static readonly Dictionary<string, (Who Who, Func<World, string> Url)> Walk = new()
    {
        ["/Index"] = (Who.Anonymous, _ => "/"),
        ["/Account/Login"] = (Who.Anonymous, _ => "/Account/Login"),
        ["/Account/AccessDenied"] = (Who.Recruit, _ => "/Account/AccessDenied"),
        ["/Account/Logout"] = (Who.Recruit, _ => "/Account/Logout"),
        ["/Account/Language"] = (Who.Anonymous, _ => "/Account/Language"),
        ["/Join/Index"] = (Who.Anonymous, w => $"/join/{w.LeaderCode}"),
        ["/Error"] = (Who.Anonymous, _ => "/Error/404"),
        ["/Dashboard/Index"] = (Who.Leader, _ => "/Dashboard"),
        ["/Genealogy/Index"] = (Who.Leader, _ => "/Genealogy"),
        ["/Sales/Index"] = (Who.Recruit, _ => "/Sales"),
        ["/Sales/New"] = (Who.Recruit, _ => "/Sales/New"),
        ["/Commissions/Index"] = (Who.Leader, _ => "/Commissions"),
        ["/Statements/Index"] = (Who.Leader, _ => "/Statements"),
        ["/Lines/Index"] = (Who.Leader, w => $"/Lines/{w.LineId}"),
        ["/Admin/Index"] = (Who.Admin, _ => "/Admin"),
        ["/Admin/Distributors/Index"] = (Who.Admin, _ => "/Admin/Distributors"),
        ["/Admin/Distributors/Details"] = (Who.Admin, w => $"/Admin/Distributors/Details/{w.LeaderId}"),
        ["/Admin/Sales/Index"] = (Who.Admin, _ => "/Admin/Sales"),
        ["/Admin/Sales/Details"] = (Who.Admin, w => $"/Admin/Sales/Details/{w.SaleId}"),
        ["/Admin/Import/Index"] = (Who.Admin, _ => "/Admin/Import"),
        ["/Admin/Products/Index"] = (Who.Admin, _ => "/Admin/Products"),
        ["/Admin/Products/Edit"] = (Who.Admin, w => $"/Admin/Products/Edit/{w.ProductId}"),
        ["/Admin/Plan/Index"] = (Who.Admin, _ => "/Admin/Plan"),
        ["/Admin/Periods/Index"] = (Who.Admin, _ => "/Admin/Periods"),
        ["/Admin/Periods/Details"] = (Who.Admin, _ => "/Admin/Periods/Details/202609"),
        ["/Admin/Payouts/Index"] = (Who.Admin, _ => "/Admin/Payouts"),
        ["/Admin/Payouts/Details"] = (Who.Admin, w => $"/Admin/Payouts/{w.PayoutRunId}"),
        ["/Admin/Settings/Index"] = (Who.Admin, _ => "/Admin/Settings"),
        ["/Admin/Ledger/Index"] = (Who.Admin, _ => "/Admin/Ledger"),
        ["/Admin/ApiKeys/Index"] = (Who.Admin, _ => "/Admin/ApiKeys"),
        ["/Admin/Audit/Index"] = (Who.Admin, _ => "/Admin/Audit"),
        ["/Admin/Mail/Index"] = (Who.Admin, _ => "/Admin/Mail"),
        ["/Notifications/Index"] = (Who.Leader, _ => "/Notifications"),
        ["/Account/Profile"] = (Who.Leader, _ => "/Account/Profile"),
        ["/Account/Password"] = (Who.Leader, _ => "/Account/Password"),
        ["/Account/Email"] = (Who.Leader, _ => "/Account/Email"),
        ["/Account/ForgotPassword"] = (Who.Anonymous, _ => "/Account/ForgotPassword"),
        ["/Account/ResetPassword"] = (Who.Anonymous, _ => "/Account/ResetPassword?userId=someone&code=AAAA"),
        ["/Account/ConfirmEmail"] = (Who.Anonymous, _ => "/Account/ConfirmEmail?userId=someone&code=AAAA"),
        ["/Account/ConfirmEmailChange"] = (Who.Anonymous, _ => "/Account/ConfirmEmailChange?userId=someone&email=new%40example.com&code=AAAA"),
        ["/ApiReference/Index"] = (Who.Admin, _ => "/ApiReference"),
        // recruits (issue 9)
        ["/Terms/Index"] = (Who.Anonymous, _ => "/Terms"),
        ["/Terms/Accept"] = (Who.Recruit, _ => "/Terms/Accept"),
        ["/Training/Index"] = (Who.Recruit, _ => "/Training"),
        ["/Training/Module"] = (Who.Recruit, w => $"/Training/{w.Onboarding.ModuleId}"),
        ["/Team/Recruits/Index"] = (Who.Leader, _ => "/Team/Recruits"),
        ["/Team/Recruits/Details"] = (Who.Leader, w => $"/Team/Recruits/{w.Onboarding.RecruitId}"),
        ["/Admin/Kits/Index"] = (Who.Admin, _ => "/Admin/Kits"),
        ["/Admin/Kits/Edit"] = (Who.Admin, w => $"/Admin/Kits/Edit/{w.Onboarding.KitId}"),
        ["/Admin/Terms/Index"] = (Who.Admin, _ => "/Admin/Terms"),
        ["/Admin/Terms/Details"] = (Who.Admin, _ => "/Admin/Terms/Details/2"),
        ["/Admin/Training/Index"] = (Who.Admin, _ => "/Admin/Training"),
        ["/Admin/Training/Edit"] = (Who.Admin, w => $"/Admin/Training/Edit/{w.Onboarding.ModuleId}"),
        ["/Admin/Training/Progress"] = (Who.Admin, _ => "/Admin/Training/Progress"),
        // plan simulator (issue 10)
        ["/Admin/Simulator/Index"] = (Who.Admin, _ => "/Admin/Simulator"),
        ["/Admin/Simulator/Runs/Details"] = (Who.Admin, w => $"/Admin/Simulator/Runs/{w.SimulationRunId}"),
        // reports (issue 10): the disclosure of September is published by SeedAsync
        ["/Admin/Reports/Index"] = (Who.Admin, _ => "/Admin/Reports"),
        ["/Admin/Reports/Finance"] = (Who.Admin, _ => "/Admin/Reports/Finance"),
        ["/Admin/Reports/IncomeDisclosure"] = (Who.Admin, _ => "/Admin/Reports/IncomeDisclosure?from=2026-09&to=2026-09"),
        ["/Disclosure/Index"] = (Who.Anonymous, _ => "/income-disclosure"),
        // retail versus recruiting (issue 10): the leader's retail sale of the month seeded by SeedAsync
        ["/Admin/Reports/Retail"] = (Who.Admin, _ => "/Admin/Reports/Retail"),
        ["/Admin/Reports/Saturation"] = (Who.Admin, _ => "/Admin/Reports/Saturation"),
        // retail customers (issue 10)
        ["/Customers/Index"] = (Who.Leader, _ => "/Customers"),
        ["/Customers/Details"] = (Who.Leader, w => $"/Customers/{w.Retail.CustomerId}"),
        ["/Customers/Orders"] = (Who.Leader, _ => "/Customers/Orders"),
        ["/Admin/Customers/Index"] = (Who.Admin, _ => "/Admin/Customers"),
        ["/Admin/Customers/Orders"] = (Who.Admin, _ => "/Admin/Customers/Orders"),
        ["/Admin/Customers/Details"] = (Who.Admin, w => $"/Admin/Customers/{w.Retail.CustomerId}"),
        ["/Shop/Index"] = (Who.Anonymous, w => $"/shop/{w.LeaderCode}"),
    };

    /// <summary>Latin words a Russian page may show: the product's name, and the name of the other language on the switch.</summary>
    private static readonly HashSet<string> LatinAllowed = new(StringComparer.Ordinal) { "MlmNetwork", "English" };

    private sealed record World(long LeaderId, string LeaderCode, long SaleId, long LineId, long ProductId, long PayoutRunId)
    {
        public OnboardingWorld Onboarding { get; init; } = new(0, 0, 0);

        public long SimulationRunId { get; init; }
        public RetailWorld Retail { get; init; } = new(0);
    }

    /// <summary>The leader's customer, with a sale and orders in every state (issue 10).</summary>
    private sealed record RetailWorld(long CustomerId);

    /// <summary>The starter kit, training module and direct recruit the recruits' pages show (issue 9).</summary>
    private sealed record OnboardingWorld(long KitId, long ModuleId, long RecruitId);

    [Fact]
    public void Every_page_of_the_app_is_walked_in_Russian()
    {
        var pages = App.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>()
            .Select(p => p.ViewEnginePath)
            .ToHashSet();
        Assert.Contains("/Dashboard/Index", pages);
        Assert.Empty(pages.Where(p => !Walk.ContainsKey(p)).Order());
    }

    [Fact]
    public async Task Every_page_reads_in_Russian()
    {
        var world = await SeedAsync();
        var browsers = new Dictionary<Who, HttpClient>
        {
            [Who.Anonymous] = App.CreateBrowser(),
            [Who.Admin] = await App.LoginAsAdminAsync(),
            [Who.Leader] = await App.LoginAsync("irina@test.example.com", MlmAppFactory.Password),
            [Who.Recruit] = await App.LoginAsync("oleg@test.example.com", MlmAppFactory.Password),
        };
        foreach (var browser in browsers.Values)
        {
            browser.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("ru-RU"));
        }

        var data = await App.WithDbAsync(async db =>
            (await db.Distributors.Select(d => d.Name).ToListAsync())
                .Concat(await db.Products.Select(p => p.Name).ToListAsync())
                .Concat(await db.StarterKits.Select(k => k.Name).ToListAsync())
                .Concat(await db.TrainingModules.Select(m => m.Title).ToListAsync())
                .Concat(await db.ApiKeys.Select(k => k.Name).ToListAsync())
                .Concat(await db.Customers.Select(c => c.Name).ToListAsync())
                .OrderByDescending(s => s.Length)
                .ToList());
        App.Translations.Take();
        var faults = new List<string>();
        foreach (var (route, (who, url)) in Walk)
        {
            var address = url(world);
            var response = await browsers[who].GetAsync(address);
            var html = await response.Content.ReadAsStringAsync();
            var expected = route == "/Error" ? HttpStatusCode.NotFound : HttpStatusCode.OK;
            if (response.StatusCode != expected)
            {
                faults.Add($"{address}: answered {(int)response.StatusCode}");
                continue;
            }

            if (!html.Contains("<html lang=\"ru\">", StringComparison.Ordinal))
            {
                faults.Add($"{address}: <html lang> is not ru");
            }

            faults.AddRange(App.Translations.Take().Select(m => $"{address}: no Russian for {m}"));
            var english = EnglishWords(VisibleText(html), data);
            if (english.Count > 0)
            {
                faults.Add($"{address}: English left: {string.Join(" | ", english)}");
            }

            // A template shown unformatted ("{0} to {1}": a localized string's .Value taken instead of writing it).
            if (Placeholder().Match(VisibleText(html) + " " + DataAttributes(html)) is { Success: true } hole)
            {
                faults.Add($"{address}: an unformatted placeholder {hole.Value} is on the page");
            }
        }

        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    /// <summary>What a reader sees or hears: the text, the title, and the placeholder, label, title and alt attributes.</summary>
    internal static string VisibleText(string html)
    {
        var attributes = string.Join(" ", ReadAttributes().Matches(html).Select(m => m.Groups[2].Value));
        var text = Tags().Replace(Hidden().Replace(html, " "), " ");
        return WebUtility.HtmlDecode(text + " " + attributes);
    }

    /// <summary>Runs of Latin letters that are words, once the data and anything that is an address, a code or an abbreviation are taken out.</summary>
    internal static List<string> EnglishWords(string text, IEnumerable<string> data)
    {
        foreach (var value in data.Where(v => v.Length > 0))
        {
            text = text.Replace(value, " ", StringComparison.Ordinal);
        }

        text = AddressesAndFiles().Replace(text, " ");
        return LatinWord().Matches(text)
            .Select(m => m.Value)
            .Where(w => w.Any(char.IsLower) && !LatinAllowed.Contains(w))
            .Distinct()
            .ToList();
    }

    private async Task<World> SeedAsync()
    {
        App.Clock.Set(new DateTime(2026, 9, 10, 9, 0, 0, DateTimeKind.Utc));
        await App.SetPlanAsync(10m, 5m, 2m);
        using var api = App.CreateApiClient();
        var product = await (await api.PostAsJsonAsync("/api/v1/products", new { sku = "VIT-01", name = "Витамины", price = 1250.50m })).Content.ReadFromJsonAsync<JsonElement>();
        var onboarding = await SeedOnboardingAsync();
        var (_, leader) = await App.SignUpThroughReferralAsync(null, "Ирина Петрова", "irina@test.example.com");
        var (recruitBrowser, recruit) = await App.SignUpThroughReferralAsync(leader.Code(), "Олег Смирнов", "oleg@test.example.com", onboarding.KitId);
        // They read Russian: their notifications (seeded below by DeliverMailAsync) are written in it.
        await App.WithDbAsync(db => db.Users.Where(u => u.Email!.EndsWith("@test.example.com")).ExecuteUpdateAsync(u => u.SetProperty(x => x.PreferredCulture, "ru-RU")));
        var sale = await (await App.PostSaleAsync(recruit.Id(), "ru-1", ("VIT-01", 2))).Content.ReadFromJsonAsync<JsonElement>();
        var refunded = await (await App.PostSaleAsync(recruit.Id(), "ru-2", ("VIT-01", 1))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, (await App.RefundAsync(refunded.Id(), "ru-refund")).StatusCode);
        App.Clock.Set(new DateTime(2026, 10, 2, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-09")).StatusCode);
        var run = await App.PayUpToAsync("2026-09", "2026-10-02");
        var simulationAdmin = await App.LoginAsAdminAsync();
        var simulation = await App.ReplayAsync(simulationAdmin, await App.SaveDraftAsync(simulationAdmin, "Щедрый план", "12", ["6", "3"]), "2026-09", "2026-09");
        var published = await (await App.LoginAsAdminAsync()).PostFormAsync("/Admin/Reports/IncomeDisclosure?handler=Publish", new() { ["From"] = "2026-09", ["To"] = "2026-09" }, "/Admin/Reports/IncomeDisclosure");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        await App.PostSaleAsync(recruit.Id(), "ru-3", ("VIT-01", 1));
        var retail = await SeedRetailAsync(leader.Code());
        await App.RollUpTeamVolumeAsync();
        await App.DeliverMailAsync();
        var line = await App.WithDbAsync(db => db.CommissionLines.Where(l => l.BeneficiaryId == leader.Id()).Select(l => l.Id).FirstAsync());
        await recruitBrowser.PostFormAsync($"/Training/{onboarding.ModuleId}?handler=Done", [], $"/Training/{onboarding.ModuleId}");
        await AcceptNewTermsAsync(recruitBrowser);
        return new World(leader.Id(), leader.Code(), sale.Id(), line, product.Id(), run.Id()) { Onboarding = onboarding with { RecruitId = recruit.Id() }, Retail = retail, SimulationRunId = simulation };
    }

    /// <summary>The leader's customer with a sale to them, and shop orders placed, paid and cancelled.</summary>
    private async Task<RetailWorld> SeedRetailAsync(string leaderCode)
    {
        var leader = await App.LoginAsync("irina@test.example.com", MlmAppFactory.Password);
        var customer = await leader.AddCustomerAsync("Анна Кузнецова", "anna@test.example.com", consent: true);
        var sale = await leader.PostFormAsync("/Sales/New", new() { ["Input.Key"] = "ru-retail", ["Input.Kind"] = "customer", ["Input.CustomerId"] = customer.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Lines[0].Sku"] = "VIT-01", ["Input.Lines[0].Quantity"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, sale.StatusCode);
        await App.PlaceShopOrderAsync(leaderCode, "Мария Иванова", "maria@test.example.com", ("VIT-01", 2));
        var paid = await App.PlaceShopOrderAsync(leaderCode, "Анна Кузнецова", "anna@test.example.com", ("VIT-01", 1));
        var cancelled = await App.PlaceShopOrderAsync(leaderCode, "Пётр Сидоров", "petr@test.example.com", ("VIT-01", 1));
        Assert.Equal(HttpStatusCode.Redirect, (await leader.PostFormAsync($"/Customers/Orders?handler=Paid&order={paid}", [], "/Customers/Orders")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await leader.PostFormAsync($"/Customers/Orders?handler=Cancel&order={cancelled}", [], "/Customers/Orders")).StatusCode);
        return new RetailWorld(customer);
    }

    /// <summary>A starter kit, version 1 of the terms (accepted at sign-up) and a training module, all written in Russian.</summary>
    private async Task<OnboardingWorld> SeedOnboardingAsync()
    {
        var admin = await App.LoginAsAdminAsync();
        await App.PublishTermsAsync(admin, "# Условия\nПродавайте честно.", "Первая версия");
        var kit = await App.CreateKitAsync(admin, "Стартовый набор", "990,00", [("VIT-01", 2)], "Всё, чтобы начать");
        var module = await App.CreateTrainingModuleAsync(admin, "Как вы зарабатываете", "## Ваш доход\nВы получаете **вознаграждение** за продажи покупателям.\n\n- Составьте список знакомых\n- Запишите первую продажу");
        return new OnboardingWorld(kit, module, 0);
    }

    /// <summary>Version 2 of the terms, accepted by the leader and the recruit, so that the admin sees acceptances and nobody is held at the terms page.</summary>
    private async Task AcceptNewTermsAsync(HttpClient recruitBrowser)
    {
        var admin = await App.LoginAsAdminAsync();
        await App.PublishTermsAsync(admin, "# Условия\nПродавайте честно и вежливо.", "Добавлена вежливость");
        var leaderBrowser = await App.LoginAsync("irina@test.example.com", MlmAppFactory.Password);
        foreach (var browser in new[] { recruitBrowser, leaderBrowser })
        {
            var accepted = await browser.PostFormAsync("/Terms/Accept", new() { ["version"] = "2" }, "/Terms/Accept");
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }
    }

    // Code and preformatted examples (a command, a file's column names) are machine text, the same in every language.
    [GeneratedRegex("\\{[0-9]\\}")]
    private static partial Regex Placeholder();

    /// <summary>The data-confirm messages a page's script may show.</summary>
    private static string DataAttributes(string html) =>
        string.Join(" ", ConfirmAttributes().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));

    [GeneratedRegex("\\bdata-confirm=\"([^\"]*)\"")]
    private static partial Regex ConfirmAttributes();

    [GeneratedRegex("<(script|style|svg|code|pre)\\b.*?</\\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    [GeneratedRegex("<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Tags();

    [GeneratedRegex("\\b(placeholder|aria-label|title|alt)=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ReadAttributes();

    [GeneratedRegex("\\S*[@/\\\\]\\S*|\\b[\\w-]+\\.(com|local|csv|json|js|css|ico|png)\\b")]
    private static partial Regex AddressesAndFiles();

    [GeneratedRegex("(?<![\\w-])[A-Za-z][A-Za-z'’]+(?![\\w-])")]
    private static partial Regex LatinWord();
}
