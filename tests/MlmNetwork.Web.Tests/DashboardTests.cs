using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Plans;

namespace MlmNetwork.Web.Tests;

public partial class DashboardTests(MlmAppFactory app) : AppTest(app)
{
    [GeneratedRegex("href=\"/Lines/(\\d+)\"")]
    private static partial Regex LineLink();

    [GeneratedRegex("<canvas id=\"chart-([a-z-]+)\"[^>]*data-labels=\"([^\"]*)\" data-series=\"([^\"]*)\"")]
    private static partial Regex Canvas();

    /// <summary>Each chart on the page: its labels and its series (name and values), as the canvas hands them to Chart.js.</summary>
    private static Dictionary<string, (List<string> Labels, List<(string Name, List<decimal> Values)> Series)> Charts(string rawHtml) =>
        Canvas().Matches(rawHtml).ToDictionary(
            m => m.Groups[1].Value,
            m => (
                JsonSerializer.Deserialize<List<string>>(WebUtility.HtmlDecode(m.Groups[2].Value))!,
                JsonSerializer.Deserialize<List<JsonElement>>(WebUtility.HtmlDecode(m.Groups[3].Value))!
                    .Select(s => (s.GetProperty("label").GetString()!, s.GetProperty("data").EnumerateArray().Select(v => v.GetDecimal()).ToList())).ToList()));

    private async Task PutPlanAsync(decimal minPersonalVolume, string? effectiveFrom = null)
    {
        using var api = App.CreateApiClient();
        var response = await api.PutAsJsonAsync("/api/v1/commission-plan", new { personalPercent = 10m, levels = new[] { 5m, 2m }, minPersonalVolume, effectiveFrom });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static long SaleId(HttpResponseMessage posted) => posted.Content.ReadFromJsonAsync<JsonElement>().Result.Id();

    [Fact]
    public async Task The_dashboard_shows_counters_recruits_and_the_newest_lines_first()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var (sponsorBrowser, sponsor) = await App.SignUpThroughReferralAsync(null, "Sam Sponsor", "sam@example.com");
        var (_, first) = await App.SignUpThroughReferralAsync(sponsor.Code(), "Fay First", "fay@example.com");
        var (_, second) = await App.SignUpThroughReferralAsync(sponsor.Code(), "Sid Second", "sid@example.com");
        await App.PostSaleAsync(sponsor.Id(), "own", ("A", 1));
        await App.PostSaleAsync(first.Id(), "first", ("A", 2));
        var refunded = await (await App.PostSaleAsync(second.Id(), "second", ("A", 1))).Content.ReadFromJsonAsync<JsonElement>();
        await App.RefundAsync(refunded.GetProperty("id").GetInt64(), "second-refund");
        await App.RollUpTeamVolumeAsync();

        var page = await (await sponsorBrowser.GetAsync("/Dashboard")).TextAsync();

        // Own 10.00 + 5% of 200.00 + 5% of 100.00 reversed = 20.00; the team's volume nets to 200.00 over 2 sales.
        Assert.Contains("data-testid=\"balance\">€20.00<", page);
        Assert.Contains("data-testid=\"earned-this-month\">€20.00<", page);
        Assert.Contains("data-testid=\"personal-sales\">€100.00<", page);
        Assert.Contains("data-testid=\"team-volume\">200.00<", page);
        Assert.Contains("data-testid=\"downline-count\">2<", page);
        Assert.True(page.IndexOf("Sid Second", StringComparison.Ordinal) < page.IndexOf("Fay First", StringComparison.Ordinal), "newest recruit first");
        var lineIds = LineLink().Matches(page).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(4, lineIds.Count);
        Assert.Equal(lineIds.OrderDescending(), lineIds);
        Assert.Contains($"Refund of sale #{refunded.Id()}", page);
        Assert.Contains("class=\"num negative\"", page);
        Assert.DoesNotContain("data-testid=\"status-banner\"", page);
        Assert.DoesNotContain("data-testid=\"volume-progress\"", page); // the default plan asks no minimum
    }

    [Fact]
    public async Task The_charts_equal_the_ledger_and_the_tree()
    {
        App.Clock.Set(new DateTime(2026, 7, 10, 9, 0, 0, DateTimeKind.Utc));
        await App.SetPlanAsync(10m, 5m, 2m);
        await App.CreateProductAsync("A", 100m);
        var (browser, sponsor) = await App.SignUpThroughReferralAsync(null, "Chloe Charts", "chloe@example.com");
        var recruit = await App.CreateDistributorAsync("Ravi Recruit", "ravi@example.com", sponsor.Code());
        var below = await App.CreateDistributorAsync("Bo Below", "bo@example.com", recruit.Code());
        await App.PostSaleAsync(sponsor.Id(), "jul-own", ("A", 1));
        var julySale = SaleId(await App.PostSaleAsync(recruit.Id(), "jul-recruit", ("A", 2)));
        await App.PostSaleAsync(below.Id(), "jul-below", ("A", 1));
        App.Clock.Set(new DateTime(2026, 8, 12, 9, 0, 0, DateTimeKind.Utc));
        await App.CreateDistributorAsync("August Joiner", "august@example.com", below.Code());
        await App.PostSaleAsync(recruit.Id(), "aug-recruit", ("A", 1));
        Assert.Equal(HttpStatusCode.OK, (await App.RefundAsync(julySale, "jul-refund")).StatusCode);
        App.Clock.Set(new DateTime(2026, 9, 15, 9, 0, 0, DateTimeKind.Utc));
        await App.PostSaleAsync(sponsor.Id(), "sep-own", ("A", 1));
        await App.PostSaleAsync(below.Id(), "sep-below", ("A", 3));

        var raw = await (await browser.GetAsync("/Dashboard")).Content.ReadAsStringAsync();
        var charts = Charts(raw);
        var lines = await App.WithDbAsync(db => db.CommissionLines.Where(l => l.BeneficiaryId == sponsor.Id()).Select(l => new { l.PeriodKey, l.Level, l.Amount }).ToListAsync());
        decimal Sum(Func<int, int, bool> which) => lines.Where(l => which(l.PeriodKey, l.Level)).Sum(l => l.Amount.Amount);

        var months = Enumerable.Range(0, 12).Select(i => new Period(2026, 9).StartsAt.AddMonths(i - 11)).Select(Period.Of).ToList();
        var (monthLabels, byMonth) = charts["earnings-by-month"];
        Assert.Equal(months.Select(p => p.StartsAt.ToString("MMM yyyy", CultureInfo.GetCultureInfo("en-US"))), monthLabels);
        Assert.Equal(months.Select(p => Sum((period, _) => period == p.Key)), byMonth.Single().Values);
        Assert.Equal([22m, -5m, 16m], byMonth.Single().Values.Skip(9)); // July 10 + 10 + 2; August 5 - 10; September 10 + 6

        var (levelLabels, byLevel) = charts["earnings-by-level"];
        Assert.Equal(["Own sales", "Level 1", "Level 2"], levelLabels);
        Assert.Equal(new[] { 0, 1, 2 }.Select(level => Sum((period, l) => l == level && period == 202609)), byLevel[0].Values);
        Assert.Equal(new[] { 0, 1, 2 }.Select(level => Sum((_, l) => l == level)), byLevel[1].Values);

        var (_, ownVersusTeam) = charts["own-versus-team"];
        Assert.Equal([Sum((p, l) => p == 202609 && l == 0), Sum((p, l) => p == 202609 && l > 0)], ownVersusTeam.Single().Values);
        Assert.Equal([10m, 6m], ownVersusTeam.Single().Values);

        var (_, growth) = charts["team-growth"];
        var (kept, recounted) = await TreeRecount.ReadAsync(App);
        Assert.Equal(recounted.Growth, kept.Growth);
        Assert.Equal(months.Select(p => (decimal)kept.Growth.Where(g => g.Id == sponsor.Id() && g.Period == p.Key).Sum(g => g.Count)), growth.Single().Values);
        Assert.Equal([2m, 1m, 0m], growth.Single().Values.Skip(9));
    }

    [Fact]
    public async Task Below_the_minimum_the_dashboard_says_what_the_close_would_forfeit_and_the_close_forfeits_exactly_that()
    {
        App.Clock.Set(new DateTime(2026, 8, 10, 9, 0, 0, DateTimeKind.Utc));
        await PutPlanAsync(20m);
        await App.CreateProductAsync("A", 100m);
        var (browser, sponsor) = await App.SignUpThroughReferralAsync(null, "Mona Minimum", "mona@example.com");
        var recruit = await App.CreateDistributorAsync("Rex Recruit", "rex@example.com", sponsor.Code());
        await App.PostSaleAsync(sponsor.Id(), "aug-own", ("A", 1));
        var augustSale = SaleId(await App.PostSaleAsync(recruit.Id(), "aug", ("A", 2)));
        App.Clock.Set(new DateTime(2026, 9, 2, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-08")).StatusCode); // Mona qualified in August
        App.Clock.Set(new DateTime(2026, 9, 10, 9, 0, 0, DateTimeKind.Utc));
        var refundedLater = SaleId(await App.PostSaleAsync(recruit.Id(), "sep-1", ("A", 1)));
        await App.PostSaleAsync(recruit.Id(), "sep-2", ("A", 3));
        Assert.Equal(HttpStatusCode.OK, (await App.RefundAsync(refundedLater, "sep-1-refund")).StatusCode);
        // A refund in September of an August sale: it counts in September, but it is no line of
        // September that the close could take back.
        Assert.Equal(HttpStatusCode.OK, (await App.RefundAsync(augustSale, "aug-refund")).StatusCode);

        var page = await (await browser.GetAsync("/Dashboard")).TextAsync();

        // September's lines: 5.00 (refunded) and 15.00; the August refund (-10.00) is not at risk.
        Assert.Contains("data-testid=\"earned-this-month\">€5.00<", page); // 5.00 + 15.00 - 5.00 - 10.00
        Assert.Contains("Your personal volume: 0.00 of 20.00.", page);
        Assert.Contains("<strong>20.00 more volume keeps €15.00 of commissions.</strong>", page);
        Assert.Contains("<progress max=\"100\" value=\"0\"", page);

        App.Clock.Set(new DateTime(2026, 10, 2, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-09")).StatusCode);
        var forfeited = await App.WithDbAsync(db => db.Statements.Where(s => s.DistributorId == sponsor.Id() && s.PeriodKey == 202609).Select(s => s.Forfeited).SingleAsync());
        Assert.Equal(new Money(-1500), forfeited);
    }

    [Fact]
    public async Task Volume_progress_says_when_the_minimum_is_reached_or_nothing_is_at_stake_yet()
    {
        App.Clock.Set(new DateTime(2026, 9, 10, 9, 0, 0, DateTimeKind.Utc));
        await PutPlanAsync(20m);
        await App.CreateProductAsync("A", 100m);
        await App.CreateProductAsync("B", 10m, 5m);
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Val Volume", "val@example.com");

        var nothingYet = await (await browser.GetAsync("/Dashboard")).TextAsync();
        await App.PostSaleAsync(me.Id(), "small", ("B", 1));
        var partway = await (await browser.GetAsync("/Dashboard")).TextAsync();
        await App.PostSaleAsync(me.Id(), "big", ("A", 1));
        var reached = await (await browser.GetAsync("/Dashboard")).TextAsync();

        Assert.Contains("20.00 more volume reaches this month's minimum.", nothingYet);
        Assert.Contains("<strong>15.00 more volume keeps €0.50 of commissions.</strong>", partway); // 10% of the 5.00 base
        Assert.Contains("<progress max=\"100\" value=\"25\"", partway);
        Assert.Contains("You have reached this month's minimum", reached);
        Assert.Contains("<progress max=\"100\" value=\"100\"", reached);
    }

    [Theory]
    [InlineData("2026-09-20T00:00:00Z", "50.00")] // in force before September ends: its minimum applies at the close
    [InlineData("2026-10-05T00:00:00Z", "20.00")] // from October: September closes under the version before it
    public async Task The_minimum_is_the_one_of_the_plan_in_force_when_the_month_ends(string effectiveFrom, string shown)
    {
        App.Clock.Set(new DateTime(2026, 9, 10, 9, 0, 0, DateTimeKind.Utc));
        await PutPlanAsync(20m);
        await PutPlanAsync(50m, effectiveFrom);
        var (browser, _) = await App.SignUpThroughReferralAsync(null, "Pia Plan", "pia@example.com");

        var page = await (await browser.GetAsync("/Dashboard")).TextAsync();

        Assert.Contains($"Your personal volume: 0.00 of {shown}.", page);
        var atClose = await App.WithDbAsync(db => CommissionPlans.InForceAtAsync(db, new Period(2026, 9).LastInstant, CancellationToken.None));
        Assert.Equal(shown, atClose!.MinPersonalVolume.ToString());
    }

    [Fact]
    public async Task An_inactive_distributor_is_told_what_it_means_for_their_pay_and_a_terminated_one_no_longer_gets_in()
    {
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Ina Inactive", "ina@example.com");
        var active = await (await browser.GetAsync("/Dashboard")).TextAsync();

        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(me.Id(), "Inactive")).StatusCode);
        var inactive = await (await browser.GetAsync("/Dashboard")).TextAsync();
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(me.Id(), "Terminated")).StatusCode);
        var terminated = await browser.GetAsync("/Dashboard");

        Assert.DoesNotContain("status-banner", active);
        var banner = Regex.Match(inactive, "data-testid=\"status-banner\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("Your account is inactive.", banner);
        Assert.Contains("you cannot record sales and you earn no commissions", banner);
        Assert.Contains("not paid to you later", banner);
        // A terminated distributor's session ends: the dashboard (and its banner) is never shown to them again.
        Assert.Equal(HttpStatusCode.Redirect, terminated.StatusCode);
        Assert.Contains("/Account/Login", terminated.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_reads_in_russian_in_each_of_its_states()
    {
        App.Clock.Set(new DateTime(2026, 8, 10, 9, 0, 0, DateTimeKind.Utc));
        await PutPlanAsync(20m);
        await App.CreateProductAsync("A", 100m);
        var (browser, leader) = await App.SignUpThroughReferralAsync(null, "Ирина Лидер", "irina@example.com");
        var recruit = await App.CreateDistributorAsync("Олег Новичок", "oleg@example.com", leader.Code());
        await browser.GetAsync("/Dashboard"); // the sign-up's welcome, shown once
        browser.DefaultRequestHeaders.AcceptLanguage.Add(new System.Net.Http.Headers.StringWithQualityHeaderValue("ru-RU"));
        var names = await App.WithDbAsync(db => db.Distributors.Select(d => d.Name).Concat(db.Products.Select(p => p.Name)).ToListAsync());
        var pages = new List<string>();
        async Task ReadAsync() => pages.Add(await (await browser.GetAsync("/Dashboard")).Content.ReadAsStringAsync());

        App.Translations.Take();
        await ReadAsync(); // nothing earned, below the minimum
        var sale = SaleId(await App.PostSaleAsync(recruit.Id(), "aug", ("A", 2)));
        await ReadAsync(); // commissions at risk
        App.Clock.Set(new DateTime(2026, 9, 2, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-08")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.RefundAsync(sale, "aug-refund")).StatusCode);
        await App.PostSaleAsync(leader.Id(), "own", ("A", 1));
        await ReadAsync(); // a forfeit, a refund, a statement, the minimum reached
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(leader.Id(), "Inactive")).StatusCode);
        await ReadAsync(); // the banner

        Assert.Empty(App.Translations.Take());
        Assert.All(pages, html => Assert.Contains("<html lang=\"ru\">", html));
        Assert.All(pages, html => Assert.Empty(RussianPagesTests.EnglishWords(RussianPagesTests.VisibleText(html), names)));
        Assert.Contains("Ещё 20,00 объёма — и вы сохраните 10,00", WebUtility.HtmlDecode(pages[1]));
        Assert.Contains("Списано: продажа", WebUtility.HtmlDecode(pages[2]));
        Assert.Contains("Ваш аккаунт неактивен.", WebUtility.HtmlDecode(pages[3]));
    }
}
