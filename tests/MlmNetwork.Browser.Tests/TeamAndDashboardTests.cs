using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Seeding;
using MlmNetwork.Web.Tests;

namespace MlmNetwork.Browser.Tests;

/// <summary>The genealogy and the dashboard as a distributor uses them, in headless Chromium.</summary>
[Collection(BrowserCollection.Name)]
public class TeamAndDashboardTests(BrowserFixture fixture) : BrowserTest(fixture)
{

    private async Task<IPage> LoginAsync(string email, string password, int width = 1280, int height = 900)
    {
        var context = await App.Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                App.CspViolations.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>A distributor (through the API) with a login, as if they had joined through the join page.</summary>
    private async Task<JsonElement> MemberWithLoginAsync(string name, string email, string? sponsorCode)
    {
        var member = await App.CreateDistributorAsync(name, email, sponsorCode);
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = name, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, MlmAppFactory.Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Distributor);
        var db = scope.ServiceProvider.GetRequiredService<MlmDbContext>();
        await db.Database.ExecuteSqlAsync($"UPDATE distributors SET user_id = {user.Id} WHERE id = {member.Id()}");
        return member;
    }

    private static Task<bool> FitsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    [Fact]
    public async Task A_leader_opens_her_team_four_levels_deep_and_finds_someone_by_a_cyrillic_name()
    {
        var leader = await MemberWithLoginAsync("Ольга Лидер", "olga@example.com", null);
        var anna = await App.CreateDistributorAsync("Анна Первая", "anna@example.com", leader.Code());
        await App.CreateDistributorAsync("Павел Первый", "pavel@example.com", leader.Code());
        var boris = await App.CreateDistributorAsync("Борис Второй", "boris@example.com", anna.Code());
        var vera = await App.CreateDistributorAsync("Вера Третья", "vera@example.com", boris.Code());
        var irina = await App.CreateDistributorAsync("Ирина Четвёртая", "irina@example.com", vera.Code());

        var page = await LoginAsync("olga@example.com", MlmAppFactory.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "My team" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My team" })).ToBeVisibleAsync();
        foreach (var (opener, shown) in new[] { ("Анна Первая", "Борис Второй"), ("Борис Второй", "Вера Третья"), ("Вера Третья", "Ирина Четвёртая") })
        {
            var toggle = page.GetByRole(AriaRole.Button, new() { Name = $"Recruits of {opener}" });
            await toggle.ClickAsync();
            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = shown, Exact = true })).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.GetByTestId($"member-{irina.Id()}")).ToContainTextAsync("Direct recruits: 0");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "genealogy-four-levels.png"), FullPage = true });
        // Closing a node hides its team again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Recruits of Анна Первая" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Борис Второй" })).ToBeHiddenAsync();

        await page.GetByLabel("Find someone in your team by name or e-mail").FillAsync("ирина");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var hit = page.GetByTestId($"hit-{irina.Id()}");
        await Assertions.Expect(hit).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("You\\s*›?\\s*Анна Первая\\s*›?\\s*Борис Второй\\s*›?\\s*Вера Третья\\s*›?\\s*Ирина Четвёртая"));
        await hit.GetByRole(AriaRole.Link, new() { Name = "Ирина Четвёртая" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Team of Ирина Четвёртая" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("breadcrumb")).ToContainTextAsync("Вера Третья");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "genealogy-search.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_dashboard_draws_its_charts_and_both_pages_fit_a_390_px_phone()
    {
        App.Clock.Set(DateTime.UtcNow.AddMonths(-2));
        await App.SetPlanAsync(10m, 5m, 2m);
        await App.CreateProductAsync("VIT-C", 19.99m, 15.00m);
        var leader = await MemberWithLoginAsync("Darya Dashboard-With-A-Long-Name", "darya@example.com", null);
        var recruits = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            recruits.Add(await App.CreateDistributorAsync($"Recruit With A Long Name {i}", $"recruit{i}@example.com", leader.Code()));
            await App.PostSaleAsync(recruits[^1].Id(), $"old-{i}", ("VIT-C", 2));
        }

        App.Clock.Reset();
        await App.PostSaleAsync(leader.Id(), "own", ("VIT-C", 1));
        await App.PostSaleAsync(recruits[0].Id(), "team", ("VIT-C", 3));
        await App.CreateDistributorAsync("Newest Recruit", "newest@example.com", recruits[1].Code());
        await App.RollUpTeamVolumeAsync();

        var page = await LoginAsync("darya@example.com", MlmAppFactory.Password);
        await page.GotoAsync("/Dashboard");
        var charts = page.Locator("canvas[data-chart]");
        await Assertions.Expect(charts).ToHaveCountAsync(4);
        foreach (var id in new[] { "earnings-by-month", "team-growth", "earnings-by-level", "own-versus-team" })
        {
            var drawn = await page.EvaluateAsync<bool>(
                """
                id => {
                    const canvas = document.getElementById('chart-' + id);
                    if (!canvas || !window.Chart || !Chart.getChart(canvas)) return false;
                    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
                    return false;
                }
                """,
                id);
            Assert.True(drawn, $"the {id} chart is not drawn");
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "dashboard-charts.png"), FullPage = true });
        await page.Context.CloseAsync();

        var phone = await LoginAsync("darya@example.com", MlmAppFactory.Password, 390, 844);
        foreach (var url in new[] { "/Dashboard", "/Genealogy", $"/Genealogy/{recruits[1].Id()}", "/Genealogy?q=recruit" })
        {
            await phone.GotoAsync(url);
            if (url == "/Genealogy")
            {
                await phone.GetByRole(AriaRole.Button, new() { Name = "Recruits of Recruit With A Long Name 1" }).ClickAsync();
                await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Newest Recruit" })).ToBeVisibleAsync();
            }

            Assert.True(await FitsAsync(phone), $"{url} scrolls sideways at 390 px");
        }

        await phone.GotoAsync("/Dashboard");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "dashboard-390.png"), FullPage = true });
        await phone.Context.CloseAsync();
    }

    /// <summary>
    /// The README's pictures: the demo network (as <c>dotnet run</c> seeds it) seen by its leader
    /// at 1280 px. Written to artifacts/screenshots/demo-*.png; docs/screenshots holds a copy.
    /// </summary>
    [Fact]
    public async Task The_demo_leader_s_dashboard_and_team_are_photographed()
    {
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM commission_plans")); // the demo brings its own plan
        await using (var scope = App.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None));
        }

        await App.RollUpTeamVolumeAsync();
        var page = await LoginAsync(DemoSeeder.LeaderEmail, DemoSeeder.DemoPassword);
        await page.GotoAsync("/Dashboard");
        await Assertions.Expect(page.GetByTestId("volume-progress")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("canvas[data-chart]")).ToHaveCountAsync(4);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "demo-dashboard.png"), FullPage = true });

        await page.GotoAsync("/Genealogy");
        var toggles = page.Locator("button[data-recruits]");
        await toggles.First.ClickAsync();
        await Assertions.Expect(toggles.First).ToHaveAttributeAsync("aria-expanded", "true");
        var nested = page.Locator("ul.recruits button[data-recruits]");
        if (await nested.CountAsync() > 0)
        {
            await nested.First.ClickAsync();
            await Assertions.Expect(nested.First).ToHaveAttributeAsync("aria-expanded", "true");
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "demo-genealogy.png"), FullPage = true });
        await page.Context.CloseAsync();
        Assert.True(await App.WithDbAsync(db => db.Distributors.CountAsync()) > 30);
    }
}
