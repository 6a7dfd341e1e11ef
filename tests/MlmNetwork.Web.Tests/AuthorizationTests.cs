using System.Net;

namespace MlmNetwork.Web.Tests;

public class AuthorizationTests(MlmAppFactory app) : AppTest(app)
{
    public static TheoryData<string> DistributorPages => ["/Dashboard", "/Sales", "/Sales/New", "/Commissions", "/Statements", "/Genealogy"];

    public static TheoryData<string> AdminPages =>
    [
        "/Admin", "/Admin/Products", "/Admin/Products/Edit", "/Admin/Products/Edit/1", "/Admin/Plan", "/Admin/Distributors",
        "/Admin/Distributors/Details/1", "/Admin/Sales", "/Admin/Sales/Details/1", "/Admin/ApiKeys", "/Admin/Audit",
        "/Admin/Periods", "/Admin/Periods/Details/202601", "/Admin/Ledger",
    ];

    [Theory]
    [MemberData(nameof(DistributorPages))]
    [MemberData(nameof(AdminPages))]
    public async Task Anonymous_users_are_sent_to_login(string url)
    {
        var response = await App.CreateBrowser().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task A_distributor_cannot_open_any_admin_page(string url)
    {
        var (browser, _) = await App.SignUpThroughReferralAsync(null, "Nosy", "nosy@example.com");

        var response = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_distributor_cannot_post_admin_forms()
    {
        await App.CreateProductAsync("KEEP", 10m);
        var (browser, _) = await App.SignUpThroughReferralAsync(null, "Nosy", "nosy@example.com");

        var response = await browser.PostFormAsync("/Admin/Products?handler=Deactivate&id=1", [], "/Dashboard");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await App.WithDbAsync(db => Task.FromResult(db.Products.Single().IsActive)));
    }

    [Fact]
    public async Task A_distributor_sees_only_their_own_figures()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var (aliceBrowser, alice) = await App.SignUpThroughReferralAsync(null, "Alice", "alice@example.com");
        var (_, bob) = await App.SignUpThroughReferralAsync(null, "Bob", "bob@example.com");
        await App.PostSaleAsync(bob.Id(), "bob-sale", ("A", 3));

        var dashboard = await (await aliceBrowser.GetAsync($"/Dashboard?distributorId={bob.Id()}&id={bob.Id()}")).TextAsync();
        var lines = await (await aliceBrowser.GetAsync($"/Commissions?distributorId={bob.Id()}")).TextAsync();
        var sales = await (await aliceBrowser.GetAsync($"/Sales?distributorId={bob.Id()}")).TextAsync();

        Assert.Contains("Hello, Alice", dashboard);
        Assert.Contains("data-testid=\"balance\">€0.00<", dashboard);
        Assert.DoesNotContain("30.00", dashboard);
        Assert.Contains("No commission lines yet.", lines);
        Assert.Contains("No sales yet.", sales);
        Assert.NotEqual(alice.Id(), bob.Id());
    }

    [Fact]
    public async Task An_admin_is_not_a_distributor_and_has_no_dashboard()
    {
        var admin = await App.LoginAsAdminAsync();

        var response = await admin.GetAsync("/Dashboard");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString);
    }
}
