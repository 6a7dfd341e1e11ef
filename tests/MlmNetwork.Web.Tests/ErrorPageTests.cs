using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MlmNetwork.Web.Tests;

/// <summary>People get pages for errors, in the layout with a way back; the API keeps its problem responses.</summary>
public class ErrorPageTests(MlmAppFactory app) : AppTest(app)
{
    public static TheoryData<string> PagesWithoutAPostHandler => ["/Dashboard", "/Genealogy", "/Commissions", "/Statements", "/Sales"];

    public static TheoryData<string> AdminPagesWithoutAPostHandler => ["/Admin", "/Admin/Audit", "/Admin/Distributors", "/Admin/Sales", "/"];

    [Fact]
    public async Task An_unknown_page_is_a_404_page_in_the_layout_with_a_way_back()
    {
        var response = await App.CreateBrowser().GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.ContentType()?.MediaType);
        var html = await response.TextAsync();
        Assert.Contains("data-testid=\"error-page\"", html);
        Assert.Contains("Page not found", html);
        Assert.Contains("<a class=\"brand\" href=\"/\">MlmNetwork</a>", html);
        Assert.Contains("href=\"/\">Go to the home page", html);
    }

    [Fact]
    public async Task The_api_keeps_problem_responses_for_its_errors()
    {
        using var api = App.CreateApiClient();

        var unknownRoute = await api.GetAsync("/api/v1/nothing-here");
        var unknownDistributor = await api.GetAsync("/api/v1/distributors/999999");
        var noKey = await App.CreateApiClient(key: null).GetAsync("/api/v1/products");

        foreach (var (response, status) in new[] { (unknownRoute, 404), (unknownDistributor, 404), (noKey, 401) })
        {
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal("application/problem+json", response.ContentType()?.MediaType);
            Assert.Equal(status, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task The_favicon_exists()
    {
        var response = await App.CreateBrowser().GetAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.ico\"", await App.CreateBrowser().GetStringAsync("/"));
    }

    [Theory]
    [MemberData(nameof(PagesWithoutAPostHandler))]
    public async Task Posting_to_a_distributor_page_without_a_post_handler_is_405_not_500(string url)
    {
        var (browser, _) = await App.SignUpThroughReferralAsync(null, "Poster", "poster@example.com");

        var response = await browser.PostFormAsync(url, [], "/Dashboard");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("Not possible here", await response.TextAsync());
    }

    [Theory]
    [MemberData(nameof(AdminPagesWithoutAPostHandler))]
    public async Task Posting_to_an_admin_page_without_a_post_handler_is_405_not_500(string url)
    {
        var admin = await App.LoginAsAdminAsync();

        var response = await admin.PostFormAsync(url, [], "/Admin");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task A_bug_shows_the_500_page_and_the_api_a_500_problem()
    {
        var (browser, _) = await App.SignUpThroughReferralAsync(null, "Bug", "bug@example.com");

        App.Faults.FailNextCommand();
        var page = await browser.GetAsync("/Dashboard");
        App.Faults.FailNextCommand();
        var api = await App.CreateApiClient().GetAsync("/api/v1/products");
        App.ForgiveServerErrors();

        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Equal("text/html", page.ContentType()?.MediaType);
        Assert.Contains("Something went wrong", await page.TextAsync());
        Assert.DoesNotContain("Simulated bug", await page.TextAsync());
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.Equal("application/problem+json", api.ContentType()?.MediaType);
    }

    [Fact]
    public async Task A_database_outage_is_503_for_the_api_and_for_pages()
    {
        await App.CreateProductAsync("A", 10m);
        var seller = await App.CreateDistributorAsync("Seller", "seller@example.com", null);
        var (browser, _) = await App.SignUpThroughReferralAsync(null, "Outage", "outage@example.com");

        App.Faults.StartOutage();
        var sale = await App.PostSaleAsync(seller.Id(), "during-outage", ("A", 1));
        var dashboard = await browser.GetAsync("/Dashboard");
        App.Faults.Disarm();
        App.ForgiveServerErrors();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, sale.StatusCode);
        Assert.Equal("application/problem+json", sale.ContentType()?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, dashboard.StatusCode);
        Assert.Contains("Temporarily unavailable", await dashboard.TextAsync());
        Assert.Equal(HttpStatusCode.Created, (await App.PostSaleAsync(seller.Id(), "after-outage", ("A", 1))).StatusCode);
    }
}
