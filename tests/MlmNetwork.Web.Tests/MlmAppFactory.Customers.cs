using System.Net;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

/// <summary>Intent methods for retail customers and their orders (issue 10).</summary>
public partial class MlmAppFactory
{
    /// <summary>A customer orders through /shop/{code} with a fresh (anonymous) browser; returns the order's id.</summary>
    public async Task<long> PlaceShopOrderAsync(string code, string name, string email, params (string Sku, int Quantity)[] lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        using var customer = CreateBrowser();
        var fields = new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Email"] = email, ["Input.Consent"] = "true" };
        for (var i = 0; i < lines.Length; i++)
        {
            fields[$"Input.Lines[{i}].Sku"] = lines[i].Sku;
            fields[$"Input.Lines[{i}].Quantity"] = lines[i].Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var before = await WithDbAsync(db => db.CustomerOrders.MaxAsync(o => (long?)o.Id)) ?? 0;
        var response = await customer.PostFormAsync($"/shop/{code}", fields);
        // The in-memory client answers the redirect; a real socket's client (the browser tests) follows it to the thank-you.
        var placed = await WithDbAsync(db => db.CustomerOrders.Where(o => o.Id > before).Select(o => o.Id).ToListAsync());
        if (placed.Count != 1 || response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.OK))
        {
            var page = await response.Content.ReadAsStringAsync();
            var main = page[Math.Max(0, page.IndexOf("<main", StringComparison.Ordinal))..];
            var text = System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(main, "<(script|style)\\b.*?</\\1>", " ", System.Text.RegularExpressions.RegexOptions.Singleline), "<[^>]*>|\\s+", " ");
            Assert.Fail($"The shop answered {(int)response.StatusCode} and placed {placed.Count} orders: {text[..Math.Min(text.Length, 1200)]}");
        }

        return placed[0];
    }

    /// <summary>A customer of <paramref name="distributorId"/> written straight to the database (for tests about sales, not about customers); returns its id.</summary>
    public Task<long> AddCustomerOfAsync(long distributorId, string name = "Customer") => WithDbAsync(async db =>
    {
        var customer = MlmNetwork.Domain.Customer.Create(distributorId, name, null, null, false, Clock.UtcNow);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    });

    /// <summary>Posts a sale through the API to a customer, or for the seller's own use when <paramref name="customerId"/> is null; returns the sale's id.</summary>
    public async Task<long> PostSaleToAsync(long distributorId, string key, long? customerId, params (string Sku, int Quantity)[] lines)
    {
        using var api = CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { distributorId, lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }), customerId, personalUse = customerId is null }),
        };
        request.Headers.Add("Idempotency-Key", key);
        var response = await api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content)).Id();
    }
}

/// <summary>What a logged-in distributor's browser does with customers.</summary>
public static class CustomerBrowserExtensions
{
    /// <summary>Adds a customer on /Customers as the logged-in distributor would; returns its id.</summary>
    public static async Task<long> AddCustomerAsync(this HttpClient distributor, string name, string? email = null, bool consent = false)
    {
        ArgumentNullException.ThrowIfNull(distributor);
        var response = await distributor.PostFormAsync("/Customers", new()
        {
            ["Input.Name"] = name,
            ["Input.Email"] = email ?? string.Empty,
            ["Input.Consent"] = consent ? "true" : "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

}
