using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MlmNetwork.Web.Tests;

namespace MlmNetwork.Browser.Tests;

/// <summary>
/// axe-core on the main pages, in English and in Russian: no serious or critical violation
/// (missing labels and names, contrast, landmarks, lang...).
/// </summary>
[Collection(BrowserCollection.Name)]
public class AccessibilityTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    public static readonly string[] DistributorPages = ["/Dashboard", "/Genealogy", "/Sales/New", "/Sales", "/Commissions", "/Statements", "/Customers", "/Customers/Orders"];

    public static readonly string[] AdminPages = ["/Admin", "/Admin/Distributors", "/Admin/Sales", "/Admin/Products", "/Admin/Plan", "/Admin/Periods", "/Admin/Payouts", "/Admin/Settings", "/Admin/Import", "/Admin/Audit", "/Admin/Customers", "/Admin/Customers/Orders"];

    [Theory]
    [InlineData("en-US")]
    [InlineData("ru-RU")]
    public async Task The_main_pages_have_no_serious_accessibility_violation(string culture)
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("AXE-1", 25.50m);
        var sponsor = await App.CreateDistributorAsync("Анна Спонсор", "anna.axe@example.com", null);
        await App.JoinThroughPageAsync(sponsor.Code(), "Иван Продавец", "ivan.axe@example.com");
        var sellerId = await App.WithDbAsync(db => db.Distributors.Where(d => d.Email == "ivan.axe@example.com").Select(d => d.Id).SingleAsync());
        await App.PostSaleAsync(sellerId, "axe-sale", ("AXE-1", 2));

        var found = new List<string>();
        await CheckAsync(culture, null, null, ["/", $"/join/{sponsor.Code()}", $"/shop/{sponsor.Code()}", "/Account/Login"], found);
        await CheckAsync(culture, "ivan.axe@example.com", MlmAppFactory.Password, DistributorPages, found);
        await CheckAsync(culture, MlmAppFactory.AdminEmail, MlmAppFactory.AdminPassword, AdminPages, found);

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task The_check_finds_an_unlabelled_field_and_an_image_without_text()
    {
        var context = await App.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><main><img src=\"x.png\"><input type=\"text\"></main></body></html>");
        var result = await page.RunAxe();
        Assert.Contains(result.Violations, v => v.Id == "image-alt" && v.Impact == "critical");
        Assert.Contains(result.Violations, v => v.Id == "label" && v.Impact == "critical");
        await context.CloseAsync();
    }

    private async Task CheckAsync(string culture, string? email, string? password, IEnumerable<string> urls, List<string> found)
    {
        var context = await App.Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, Locale = culture, ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = culture } });
        var page = await context.NewPageAsync();
        if (email is not null)
        {
            await LogInAsync(page, email, password!);
        }

        foreach (var url in urls)
        {
            await page.GotoAsync(url);
            var result = await page.RunAxe();
            foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
            {
                found.Add($"{culture} {url}: {violation.Impact} {violation.Id} ({violation.Help}) at {string.Join(", ", violation.Nodes.Take(3).Select(n => n.Target?.ToString()))}");
            }
        }

        await context.CloseAsync();
    }
}
