using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

/// <summary>Input that used to end in a 500 or in a surprise value is refused with a message.</summary>
public class InputHardeningTests(MlmAppFactory app) : AppTest(app)
{
    [Fact]
    public async Task A_checkbox_that_is_not_true_or_false_gives_the_login_form_back_with_an_error()
    {
        await App.SignUpThroughReferralAsync(null, "Remy", "remy@example.com");

        var response = await App.CreateBrowser().PostFormAsync("/Account/Login", new() { ["Input.Email"] = "remy@example.com", ["Input.Password"] = MlmAppFactory.Password, ["Input.RememberMe"] = "yes" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains("The value 'yes' is not valid for Keep me logged in.", html);
        Assert.Contains("<h1>Log in</h1>", html);
    }

    [Fact]
    public async Task Garbage_in_the_starter_kit_and_plan_checkboxes_is_a_form_error_and_saves_nothing()
    {
        var admin = await App.LoginAsAdminAsync();
        await App.CreateProductAsync("KIT", 10m);

        var product = await admin.PostFormAsync("/Admin/Kits/Edit", new() { ["Input.Name"] = "Kit", ["Input.Price"] = "10", ["Input.Items[0].ProductId"] = "1", ["Input.Active"] = "maybe" });
        var plan = await admin.PostFormAsync("/Admin/Plan?handler=Save", new() { ["Input.PersonalPercent"] = "8", ["Input.Levels[0]"] = "4", ["Input.Compression"] = "on please" }, "/Admin/Plan");

        Assert.Equal(HttpStatusCode.OK, product.StatusCode);
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.StarterKits.CountAsync()));
        Assert.Equal(1, await App.WithDbAsync(db => db.CommissionPlans.CountAsync()));
    }

    [Fact]
    public async Task A_hexadecimal_quantity_is_refused_not_read_as_16()
    {
        await App.CreateProductAsync("A", 10m);
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Hex", "hex@example.com");

        var response = await browser.PostFormAsync("/Sales/New", new() { ["Input.Key"] = "hex-1", ["Input.Kind"] = "personal", ["Input.Lines[0].Sku"] = "A", ["Input.Lines[0].Quantity"] = "0x10" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("class=\"flash\"", await response.TextAsync());
        Assert.Equal(0, await App.WithDbAsync(db => db.Sales.CountAsync(s => s.DistributorId == me.Id())));
    }

    [Theory]
    [InlineData("9999-12")]
    [InlineData("0001-01")]
    [InlineData("1999-12")]
    [InlineData("3000-01")]
    public async Task A_period_outside_2000_to_2999_is_refused(string period)
    {
        var response = await App.ClosePeriodAsync(period);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("2000", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_nul_character_in_a_form_field_is_a_400_page_and_writes_nothing()
    {
        var response = await App.CreateBrowser().PostFormAsync("/join", new() { ["Input.Name"] = "Nul\0Name", ["Input.Email"] = "nul@example.com", ["Input.Password"] = MlmAppFactory.Password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("That request could not be read", await response.TextAsync());
        Assert.False(await App.WithDbAsync(db => db.Distributors.AnyAsync(d => d.Email == "nul@example.com")));
    }

    [Fact]
    public async Task A_control_character_in_a_query_is_a_400_page()
    {
        var admin = await App.LoginAsAdminAsync();

        var nul = await admin.GetAsync("/Admin/Distributors?q=a%00b");
        var bell = await admin.GetAsync("/Admin/Sales?x=%07");

        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.Contains("control characters", await nul.TextAsync());
        Assert.Equal(HttpStatusCode.BadRequest, bell.StatusCode);
    }

    [Fact]
    public async Task A_nul_character_in_api_json_or_in_the_idempotency_key_is_a_400_problem()
    {
        await App.CreateProductAsync("A", 10m);
        var seller = await App.CreateDistributorAsync("Seller", "seller@example.com", null);
        using var api = App.CreateApiClient();

        var distributor = await api.PostAsync("/api/v1/distributors", new StringContent("{\"name\":\"Bad\\u0000Name\",\"email\":\"bad@example.com\"}", Encoding.UTF8, "application/json"));
        using var sale = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales") { Content = JsonContent.Create(new { distributorId = seller.Id(), lines = new[] { new { sku = "A", quantity = 1 } } }) };
        sale.Headers.TryAddWithoutValidation("Idempotency-Key", "key\u0001x");
        var saleResponse = await api.SendAsync(sale);

        Assert.Equal(HttpStatusCode.BadRequest, distributor.StatusCode);
        Assert.Equal("application/problem+json", distributor.ContentType()?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, saleResponse.StatusCode);
        Assert.False(await App.WithDbAsync(db => db.Distributors.AnyAsync(d => d.Email == "bad@example.com")));
        Assert.Equal(0, await App.WithDbAsync(db => db.Sales.CountAsync()));
    }

    [Fact]
    public async Task A_huge_page_number_is_clamped_for_the_api_and_the_pages()
    {
        var d = await App.CreateDistributorAsync("Pager", "pager@example.com", null);
        using var api = App.CreateApiClient();
        var admin = await App.LoginAsAdminAsync();

        var commissions = await api.GetAsync($"/api/v1/distributors/{d.Id()}/commissions?page=2147483647&pageSize=1000");
        var distributors = await admin.GetAsync("/Admin/Distributors?page=2147483647");

        Assert.Equal(HttpStatusCode.OK, commissions.StatusCode);
        var body = await commissions.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(100_000, body.GetProperty("page").GetInt32());
        Assert.Equal(0, body.GetProperty("lines").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, distributors.StatusCode);
        // The page itself never shows or links the huge number (the layout's language switch keeps the address it came from).
        var html = await distributors.TextAsync();
        Assert.DoesNotContain("2147483647", html[html.IndexOf("<main>", StringComparison.Ordinal)..]);
    }

    [Theory]
    [InlineData("Active, Terminated")]
    [InlineData("Terminated ")]
    [InlineData(" Terminated")]
    [InlineData("terminated")]
    [InlineData("2")]
    [InlineData("Inactive,Terminated")]
    public async Task The_api_accepts_only_the_exact_status_names(string status)
    {
        var d = await App.CreateDistributorAsync("Stat", "stat@example.com", null);

        var response = await App.SetStatusAsync(d.Id(), status);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Active", (await App.GetDistributorAsync(d.Id())).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("Active, Terminated")]
    [InlineData("Terminated ")]
    [InlineData("2")]
    public async Task The_admin_page_accepts_only_the_exact_status_names(string status)
    {
        var d = await App.CreateDistributorAsync("Stat", "stat@example.com", null);
        var admin = await App.LoginAsAdminAsync();

        var response = await admin.PostFormAsync($"/Admin/Distributors/Details/{d.Id()}?handler=Status", new() { ["StatusForm.Status"] = status, ["StatusForm.Reason"] = "test" }, $"/Admin/Distributors/Details/{d.Id()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is not valid for", await response.TextAsync());
        Assert.Equal("Active", (await App.GetDistributorAsync(d.Id())).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_admin_page_still_changes_a_status_by_its_name()
    {
        var d = await App.CreateDistributorAsync("Stat", "stat@example.com", null);
        var admin = await App.LoginAsAdminAsync();

        var form = await admin.GetStringAsync($"/Admin/Distributors/Details/{d.Id()}");
        var response = await admin.PostFormAsync($"/Admin/Distributors/Details/{d.Id()}?handler=Status", new() { ["StatusForm.Status"] = "Inactive", ["StatusForm.Reason"] = "test" }, $"/Admin/Distributors/Details/{d.Id()}");

        Assert.Contains("<option value=\"Inactive\">Inactive</option>", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Inactive", (await App.GetDistributorAsync(d.Id())).GetProperty("status").GetString());
    }
}
