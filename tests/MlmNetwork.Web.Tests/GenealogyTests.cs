using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

public partial class GenealogyTests(MlmAppFactory app) : AppTest(app)
{
    [GeneratedRegex("data-testid=\"member-(\\d+)\"")]
    private static partial Regex Member();

    [GeneratedRegex("data-more=\"([^\"]+)\"")]
    private static partial Regex MoreLink();

    [GeneratedRegex("<li class=\"more\"><a class=\"button secondary\" href=\"([^\"]+)\"")]
    private static partial Regex MoreHref();

    [GeneratedRegex("data-testid=\"hit-(\\d+)\">\\s*<ol class=\"path\">(.*?)</ol>", RegexOptions.Singleline)]
    private static partial Regex Hit();

    [GeneratedRegex("<li[^>]*>(?:<(?:a|span) [^>]*>)?([^<]+)")]
    private static partial Regex PathItem();

    private static List<long> Members(string html) =>
        [.. Member().Matches(html).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    private static string Children(long id) => $"/Genealogy/{id}?handler=Children";

    [Fact]
    public async Task The_tree_opens_four_levels_deep_one_node_at_a_time()
    {
        App.Clock.Set(new DateTime(2026, 9, 10, 9, 0, 0, DateTimeKind.Utc));
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Gina Genealogy", "gina@example.com");
        var first = await App.CreateDistributorAsync("First Level", "first@example.com", me.Code());
        await App.CreateDistributorAsync("First Sibling", "sibling@example.com", me.Code());
        var second = await App.CreateDistributorAsync("Second Level", "second@example.com", first.Code());
        var third = await App.CreateDistributorAsync("Third Level", "third@example.com", second.Code());
        var fourth = await App.CreateDistributorAsync("Fourth Level", "fourth@example.com", third.Code());
        await App.PostSaleAsync(fourth.Id(), "deep", ("A", 2));
        await App.RollUpTeamVolumeAsync();

        var page = await (await browser.GetAsync("/Genealogy")).TextAsync();
        Assert.Contains("data-testid=\"team-size\">5<", page);
        Assert.Contains("data-testid=\"direct-recruits\">2<", page);
        Assert.Contains($"data-recruits=\"{Children(first.Id())}\"", page);
        Assert.DoesNotContain("Second Level", page); // one level at first: the rest opens on demand
        Assert.True(page.IndexOf("First Level", StringComparison.Ordinal) < page.IndexOf("First Sibling", StringComparison.Ordinal), "biggest team first");

        var level2 = await (await browser.GetAsync(Children(first.Id()))).TextAsync();
        var level3 = await (await browser.GetAsync(Children(second.Id()))).TextAsync();
        var level4 = await (await browser.GetAsync(Children(third.Id()))).TextAsync();

        Assert.Equal([second.Id()], Members(level2));
        Assert.Equal([third.Id()], Members(level3));
        Assert.Equal([fourth.Id()], Members(level4));
        Assert.DoesNotContain("<html", level2, StringComparison.Ordinal); // a fragment, not a page
        Assert.Contains("Team: 2", level2);
        Assert.Contains("Direct recruits: 1", level3);
        Assert.Contains("Team volume 200.00", level3); // the sale four levels down, this month
        Assert.Contains("Personal volume 200.00", level4);
        Assert.Contains("Joined 9/10/2026", level4);
        Assert.Contains("Active", level4);
        Assert.DoesNotContain("data-recruits", level4); // nobody below the fourth level
        Assert.Empty(Members(await (await browser.GetAsync(Children(fourth.Id()))).TextAsync()));
    }

    [Fact]
    public async Task A_node_with_120_recruits_shows_them_fifty_at_a_time_biggest_teams_first()
    {
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Paula Pages", "paula@example.com");
        var recruits = new List<long>();
        for (var i = 0; i < 120; i++)
        {
            recruits.Add((await App.CreateDistributorAsync($"Recruit {i:000}", $"recruit{i}@example.com", me.Code())).Id());
        }

        var leader = await App.GetDistributorAsync(recruits[7]);
        await App.CreateDistributorAsync("Below Seven", "below7@example.com", leader.Code());

        var seen = new List<long>();
        var url = Children(me.Id());
        var pages = 0;
        while (url is not null)
        {
            var fragment = await (await browser.GetAsync(url)).TextAsync();
            var members = Members(fragment);
            Assert.Equal(pages < 2 ? 50 : 20, members.Count);
            seen.AddRange(members);
            url = MoreLink().Match(fragment) is { Success: true } more ? more.Groups[1].Value : null;
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(recruits.Order(), seen.Order());
        Assert.Equal(recruits[7], seen[0]); // the one with a team first
        Assert.Equal([.. recruits.Where(r => r != recruits[7]).OrderDescending()], seen.Skip(1)); // then the newest

        // Without JavaScript, "Show more" is the node's own page, starting after the last one shown.
        var first = await (await browser.GetAsync("/Genealogy")).TextAsync();
        var next = await (await browser.GetAsync(MoreHref().Match(first).Groups[1].Value)).TextAsync();
        Assert.Equal(seen.Take(50), Members(first));
        Assert.Equal(seen.Skip(50).Take(50), Members(next));
        Assert.Contains("Back to the first recruits", next);
    }

    [Fact]
    public async Task Search_finds_cyrillic_names_and_emails_in_any_case_only_in_the_own_downline_with_the_path()
    {
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Вера Лидер", "vera@example.com");
        var anna = await App.CreateDistributorAsync("Анна Смирнова", "anna@example.com", me.Code());
        var irina = await App.CreateDistributorAsync("Ирина Петрова", "irina.p@example.com", anna.Code());
        var stranger = await App.CreateDistributorAsync("Ирина Иванова", "irina.i@example.com", null);
        await App.CreateDistributorAsync("Ирина Дальняя", "irina.far@example.com", stranger.Code());

        var byName = await (await browser.GetAsync("/Genealogy?q=" + Uri.EscapeDataString("ирина"))).TextAsync();
        var byCapitals = await (await browser.GetAsync("/Genealogy?q=" + Uri.EscapeDataString("ИРИНА п"))).TextAsync();
        var byEmail = await (await browser.GetAsync("/Genealogy?q=IRINA.P%40EXAMPLE")).TextAsync();
        var nobody = await (await browser.GetAsync("/Genealogy?q=" + Uri.EscapeDataString("Иванова"))).TextAsync();

        var hit = Hit().Match(byName);
        Assert.Equal(irina.Id(), long.Parse(hit.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(["You", "Анна Смирнова", "Ирина Петрова"], PathItem().Matches(hit.Groups[2].Value).Select(m => m.Groups[1].Value.Trim()));
        Assert.Contains($"href=\"/Genealogy/{irina.Id()}\"", hit.Groups[2].Value);
        Assert.Single(Hit().Matches(byName));
        Assert.Equal(irina.Id(), long.Parse(Hit().Match(byCapitals).Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(irina.Id(), long.Parse(Hit().Match(byEmail).Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Empty(Hit().Matches(nobody));
        Assert.Contains("Nobody in your team matches “Иванова”.", nobody);
        Assert.Contains("Type from 2 to 100 letters", await (await browser.GetAsync("/Genealogy?q=%D0%B8")).TextAsync());
    }

    [Fact]
    public async Task A_term_matching_more_people_than_are_checked_one_by_one_is_found_by_walking_the_downline()
    {
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Wanda Walker", "wanda@example.com");
        var mine = await App.CreateDistributorAsync("Ирина Своя", "irina.own@example.com", me.Code());
        var elsewhere = await App.CreateDistributorAsync("Elsewhere", "elsewhere@example.com", null);
        // More matching people outside the downline than a search checks one by one.
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO distributors (name, email, search_key, referral_code, sponsor_id, is_house, status, depth, joined_at, direct_recruit_count, downline_count)
            SELECT 'Ирина ' || n, 'irina' || n || '@example.com', 'ирина ' || n || ' irina' || n || '@example.com', 'Z' || lpad(n::text, 7, '0'), {0}, false, 0, 2, now(), 0, 0
            FROM generate_series(1, {1}) AS n
            """,
            [elsewhere.Id(), MlmNetwork.Infrastructure.Network.GenealogyQuery.SearchCandidates + 50]));

        var page = await (await browser.GetAsync("/Genealogy?q=" + Uri.EscapeDataString("ирина"))).TextAsync();

        Assert.Equal([mine.Id()], Hit().Matches(page).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Nobody_opens_a_node_outside_their_own_downline()
    {
        var sponsor = await App.CreateDistributorAsync("Up Sponsor", "up@example.com", null);
        var (browser, me) = await App.SignUpThroughReferralAsync(sponsor.Code(), "Mia Middle", "mia@example.com");
        var sibling = await App.CreateDistributorAsync("Side Sibling", "side@example.com", sponsor.Code());
        var below = await App.CreateDistributorAsync("Side Below", "sidebelow@example.com", sibling.Code());
        var mine = await App.CreateDistributorAsync("My Own", "own@example.com", me.Code());
        var house = await App.WithDbAsync(db => db.Distributors.Where(d => d.IsHouse).Select(d => d.Id).SingleAsync());

        foreach (var id in new[] { sponsor.Id(), sibling.Id(), below.Id(), house, 999_999 })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Genealogy/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(Children(id))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Genealogy/{mine.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Children(me.Id()))).StatusCode);
        var search = await (await browser.GetAsync("/Genealogy?q=side")).TextAsync();
        Assert.Empty(Hit().Matches(search));
        Assert.Contains("Nobody in your team matches “side”.", search);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/Genealogy/12x")).StatusCode);
    }

    [Fact]
    public async Task A_node_page_shows_the_path_from_the_viewer_never_above()
    {
        var top = await App.CreateDistributorAsync("Top Above", "top@example.com", null);
        var (browser, me) = await App.SignUpThroughReferralAsync(top.Code(), "Bea Breadcrumb", "bea@example.com");
        var chain = new List<JsonElement>();
        var code = me.Code();
        for (var i = 1; i <= 9; i++)
        {
            chain.Add(await App.CreateDistributorAsync($"Step {i}", $"step{i}@example.com", code));
            code = chain[^1].Code();
        }

        var near = await (await browser.GetAsync($"/Genealogy/{chain[2].Id()}")).TextAsync();
        var far = await (await browser.GetAsync($"/Genealogy/{chain[8].Id()}")).TextAsync();

        Assert.Contains("<h1>Team of Step 3</h1>", near);
        var crumbs = Regex.Match(near, "data-testid=\"breadcrumb\">(.*?)</nav>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(["You", "Step 1", "Step 2", "Step 3"], PathItem().Matches(crumbs).Select(m => m.Groups[1].Value.Trim()));
        Assert.Contains("<li aria-current=\"page\">Step 3</li>", crumbs);
        Assert.DoesNotContain("Top Above", near);
        // Nine steps down: the viewer, the gap, and the last five.
        var farCrumbs = Regex.Match(far, "data-testid=\"breadcrumb\">(.*?)</nav>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(["You", "… 4 levels …", "Step 5", "Step 6", "Step 7", "Step 8", "Step 9"], PathItem().Matches(farCrumbs).Select(m => Regex.Replace(m.Groups[1].Value.Trim(), "\\s+", " ")));
    }

    [Fact]
    public async Task People_per_level_and_team_growth_equal_a_recount_after_sign_ups_and_a_sponsor_move()
    {
        App.Clock.Set(new DateTime(2026, 7, 5, 9, 0, 0, DateTimeKind.Utc));
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Lena Levels", "lena@example.com");
        var left = await App.CreateDistributorAsync("Left", "left@example.com", me.Code());
        var right = await App.CreateDistributorAsync("Right", "right@example.com", me.Code());
        App.Clock.Set(new DateTime(2026, 8, 5, 9, 0, 0, DateTimeKind.Utc));
        var mover = await App.CreateDistributorAsync("Mover", "mover@example.com", left.Code());
        await App.CreateDistributorAsync("Mover Recruit A", "movera@example.com", mover.Code());
        App.Clock.Set(new DateTime(2026, 9, 5, 9, 0, 0, DateTimeKind.Utc));
        var b = await App.CreateDistributorAsync("Mover Recruit B", "moverb@example.com", mover.Code());
        await App.CreateDistributorAsync("Under B", "underb@example.com", b.Code());
        var chain = await App.CreateChainAsync(NetworkSqlLevels + 3, "deep");
        var admin = await App.LoginAsAdminAsync();
        var moveDeep = await admin.PostFormAsync($"/Admin/Distributors/Details/{chain[0].Id()}?handler=Move", new() { ["MoveForm.SponsorCode"] = right.Code(), ["MoveForm.Reason"] = "joins Right" }, $"/Admin/Distributors/Details/{chain[0].Id()}");
        Assert.Equal(HttpStatusCode.Redirect, moveDeep.StatusCode);
        await TreeRecount.AssertKeptRightAsync(App);

        var moveMover = await admin.PostFormAsync($"/Admin/Distributors/Details/{mover.Id()}?handler=Move", new() { ["MoveForm.SponsorCode"] = right.Code(), ["MoveForm.Reason"] = "team change" }, $"/Admin/Distributors/Details/{mover.Id()}");
        Assert.Equal(HttpStatusCode.Redirect, moveMover.StatusCode);
        await App.CreateDistributorAsync("Late Joiner", "late@example.com", left.Code());

        await TreeRecount.AssertKeptRightAsync(App);
        // Lena: Left and Right; Late Joiner, deep 0 and Mover; deep 1, A and B; deep 2 and Under B;
        // then one per level of the chain, deep 22 at level 24.
        var page = await (await browser.GetAsync("/Genealogy")).TextAsync();
        Assert.Contains("data-testid=\"level-1\">2<", page);
        Assert.Contains("data-testid=\"level-2\">3<", page);
        Assert.Contains("data-testid=\"level-3\">3<", page);
        Assert.Contains("data-testid=\"level-4\">2<", page);
        Assert.Contains("data-testid=\"level-20\">1<", page);
        Assert.DoesNotContain("data-testid=\"level-21\"", page);
        Assert.Contains("data-testid=\"level-deeper\">4<", page);
        Assert.Contains("data-testid=\"team-size\">30<", page);
        var (kept, _) = await TreeRecount.ReadAsync(App);
        Assert.Equal([(202607, 2L), (202608, 2L), (202609, 26L)], kept.Growth.Where(g => g.Id == me.Id()).Select(g => (g.Period, g.Count)));
        Assert.Equal([(202608, 2L), (202609, 25L)], kept.Growth.Where(g => g.Id == right.Id()).Select(g => (g.Period, g.Count)));
        Assert.Equal([(202609, 1L)], kept.Growth.Where(g => g.Id == left.Id()).Select(g => (g.Period, g.Count)));
    }

    private const int NetworkSqlLevels = MlmNetwork.Infrastructure.Network.NetworkSql.CountedLevels;

    [Fact]
    public async Task The_tree_its_fragments_and_its_search_read_in_russian()
    {
        App.Clock.Set(new DateTime(2026, 9, 10, 9, 0, 0, DateTimeKind.Utc));
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Ирина Лидер", "irina.l@example.com");
        var chain = new List<JsonElement>();
        var code = me.Code();
        for (var i = 1; i <= 9; i++)
        {
            chain.Add(await App.CreateDistributorAsync($"Участник {i}", $"member{i}@example.com", code));
            code = chain[^1].Code();
        }

        await App.SetStatusAsync(chain[3].Id(), "Inactive");
        for (var i = 0; i < 51; i++)
        {
            await App.CreateDistributorAsync($"Новичок {i}", $"new{i}@example.com", chain[7].Code());
        }

        await browser.GetAsync("/Dashboard"); // the sign-up's welcome, shown once
        browser.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("ru-RU"));
        var names = await App.WithDbAsync(db => db.Distributors.Select(d => d.Name).ToListAsync());
        App.Translations.Take();
        foreach (var url in new[] { $"/Genealogy/{chain[8].Id()}", $"/Genealogy/{chain[7].Id()}", Children(chain[2].Id()), Children(chain[7].Id()), "/Genealogy?q=" + Uri.EscapeDataString("участник"), "/Genealogy?q=" + Uri.EscapeDataString("ж"), "/Genealogy?q=" + Uri.EscapeDataString("никто") })
        {
            var html = await (await browser.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.Empty(App.Translations.Take());
            Assert.Empty(RussianPagesTests.EnglishWords(RussianPagesTests.VisibleText(html), names));
        }
    }
}
