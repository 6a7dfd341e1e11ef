using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MlmNetwork.Web.Tests;

/// <summary>The customer's number, which a sales file needs, is shown wherever customers are listed; admins open any customer and their orders; the sales list names the customer (issue 10).</summary>
public class RetailCustomerNumberTests(MlmAppFactory app) : AppTest(app)
{
    [Fact]
    public async Task Every_customer_list_shows_the_number_and_an_admin_opens_the_customer_from_the_sales_list()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("VIT", 20.00m);
        var (seller, me) = await App.SignUpThroughReferralAsync(null, "Sue Seller", "sue@example.com");
        var id = await seller.AddCustomerAsync("Anna Berg", "anna@example.com", consent: true);
        using var api = App.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales") { Content = JsonContent.Create(new { distributorId = me.Id(), lines = new[] { new { sku = "VIT", quantity = 2 } }, customerId = id }) };
        request.Headers.Add("Idempotency-Key", "to-anna");
        var posted = await api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var saleId = (await posted.Content.ReadFromJsonAsync<JsonElement>()).Id();

        Assert.Contains($"<td data-testid=\"customer-number\">#{id}</td>", await (await seller.GetAsync("/Customers")).TextAsync());
        var own = await (await seller.GetAsync($"/Customers/{id}")).TextAsync();
        Assert.Contains($"Customer number {id}: give it in a sales file", own);

        var admin = await App.LoginAsAdminAsync();
        var customers = await (await admin.GetAsync("/Admin/Customers")).TextAsync();
        Assert.Contains($"<td data-testid=\"customer-number\">#{id}</td>", customers);
        Assert.Contains($"<a href=\"/Admin/Customers/{id}\">Anna Berg</a>", customers);

        var sales = await (await admin.GetAsync("/Admin/Sales")).TextAsync();
        Assert.Contains($"<a href=\"/Admin/Customers/{id}\">Anna Berg</a> <span class=\"muted\">#{id}</span>", sales);
        var sale = await (await admin.GetAsync($"/Admin/Sales/Details/{saleId}")).TextAsync();
        Assert.Contains($"<a href=\"/Admin/Customers/{id}\" data-testid=\"sale-customer\">Anna Berg</a>", sale);

        var details = await admin.GetAsync($"/Admin/Customers/{id}");
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        var page = await details.TextAsync();
        Assert.Contains($"<h1>Anna Berg <span class=\"muted\" data-testid=\"customer-number\">#{id}</span></h1>", page);
        Assert.Contains($"<a href=\"/Admin/Distributors/Details/{me.Id()}\">Sue Seller</a>", page);
        Assert.Contains($"<a href=\"/Admin/Sales/Details/{saleId}\">#{saleId}</a>", page);
        Assert.Contains("anna@example.com", page);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Customers/999999")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await seller.GetAsync($"/Admin/Customers/{id}")).StatusCode);
    }
}
