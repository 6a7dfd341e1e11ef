using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Web.Tests;

/// <summary>Customers, the kind of every sale, and customer orders through a distributor's shop link (issue 10, section 1).</summary>
public class RetailCustomerTests(MlmAppFactory app) : AppTest(app)
{
    private async Task<(HttpClient Seller, JsonElement Sponsor, JsonElement Me, HttpClient Other, JsonElement OtherMe)> SetUpAsync()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("VIT", 20.00m, 15.00m);
        var sponsor = await App.CreateDistributorAsync("Sam Sponsor", "sam@example.com", null);
        var (seller, me) = await App.SignUpThroughReferralAsync(sponsor.Code(), "Sue Seller", "sue@example.com");
        var (other, otherMe) = await App.SignUpThroughReferralAsync(null, "Olga Other", "olga@example.com");
        return (seller, sponsor, me, other, otherMe);
    }

    [Fact]
    public async Task A_distributor_keeps_their_customers_and_nobody_else_sees_them()
    {
        var (seller, _, _, other, _) = await SetUpAsync();
        App.Clock.Set(new DateTime(2026, 11, 27, 15, 0, 0));

        var id = await seller.AddCustomerAsync("Anna Berg", "Anna@Example.com", consent: true);

        var list = await (await seller.GetAsync("/Customers")).TextAsync();
        Assert.Contains("Anna Berg", list);
        Assert.Contains("anna@example.com", list);
        Assert.Contains("Yes, since 11/27/2026", list);
        var page = await seller.GetAsync($"/Customers/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Agreed to be contacted on", await page.TextAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Customers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync($"/Customers/{id}", new() { ["Input.Name"] = "Taken" }, "/Customers")).StatusCode);
        Assert.DoesNotContain("Anna Berg", await (await other.GetAsync("/Customers")).TextAsync());

        var edited = await seller.PostFormAsync($"/Customers/{id}", new() { ["Input.Name"] = "Anna Berg-Lund", ["Input.Email"] = "anna@example.com", ["Input.Phone"] = "+44 20 7946 0018", ["Input.Consent"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var customer = await App.WithDbAsync(db => db.Customers.SingleAsync(c => c.Id == id));
        Assert.Equal(("Anna Berg-Lund", "+44 20 7946 0018", false, (DateTime?)null), (customer.Name, customer.Phone, customer.ConsentToContact, customer.ConsentGivenAt));

        var duplicate = await seller.PostFormAsync("/Customers", new() { ["Input.Name"] = "Anna again", ["Input.Email"] = "ANNA@example.com" });
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("You already have a customer with the e-mail anna@example.com", await duplicate.TextAsync());
    }

    [Fact]
    public async Task The_same_new_customer_typed_in_several_sales_at_once_makes_one_customer_and_the_others_are_told_so()
    {
        var (seller, _, me, _, _) = await SetUpAsync();
        Dictionary<string, string> Form(string key) => new()
        {
            ["Input.Lines[0].Sku"] = "VIT", ["Input.Lines[0].Quantity"] = "1", ["Input.Key"] = key,
            ["Input.Kind"] = "new", ["Input.NewName"] = "Dana Twice", ["Input.NewEmail"] = "dana@example.com", ["Input.NewConsent"] = "true",
        };

        // Four tabs, four keys, posted at the same moment: the unique e-mail decides, never a 500 (AppTest checks none happened).
        var answers = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => seller.PostFormAsync("/Sales/New", Form($"race-{i}"))));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Redirect))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("You already have a customer with the e-mail dana@example.com", await refused.TextAsync());
        }

        Assert.Equal(1, await App.WithDbAsync(db => db.Customers.CountAsync(c => c.DistributorId == me.Id() && c.Email == "dana@example.com")));
        Assert.Equal(1, await App.WithDbAsync(db => db.Sales.CountAsync(s => s.DistributorId == me.Id())));
    }

    [Fact]
    public async Task The_sale_form_asks_who_the_sale_is_to_and_records_each_kind()
    {
        var (seller, _, me, other, _) = await SetUpAsync();
        var anna = await seller.AddCustomerAsync("Anna Berg");
        var olgas = await other.AddCustomerAsync("Olga's customer");
        Dictionary<string, string> Form(string key, Dictionary<string, string> kind) =>
            new(kind) { ["Input.Lines[0].Sku"] = "VIT", ["Input.Lines[0].Quantity"] = "1", ["Input.Key"] = key };

        var form = await (await seller.GetAsync("/Sales/New")).TextAsync();
        Assert.Contains("Who is the sale to?", form);
        var kinds = System.Text.RegularExpressions.Regex.Matches(form, "name=\"Input.Kind\"[^>]*>").Select(m => m.Value).ToList();
        Assert.Equal(3, kinds.Count);
        Assert.All(kinds, k => Assert.DoesNotContain("checked", k));

        var unchosen = await seller.PostFormAsync("/Sales/New", Form("k0", []));
        Assert.Equal(HttpStatusCode.OK, unchosen.StatusCode);
        Assert.Contains("Choose who the sale is to: one of your customers, a new customer, or your own use.", await unchosen.TextAsync());

        var notMine = await seller.PostFormAsync("/Sales/New", Form("k1", new() { ["Input.Kind"] = "customer", ["Input.CustomerId"] = olgas.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.Equal(HttpStatusCode.OK, notMine.StatusCode);
        Assert.Contains($"No customer has id {olgas}.", await notMine.TextAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await seller.PostFormAsync("/Sales/New", Form("k2", new() { ["Input.Kind"] = "customer", ["Input.CustomerId"] = anna.ToString(System.Globalization.CultureInfo.InvariantCulture) }))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await seller.PostFormAsync("/Sales/New", Form("k3", new() { ["Input.Kind"] = "new", ["Input.NewName"] = "Ben Carter", ["Input.NewEmail"] = "ben@example.com", ["Input.NewConsent"] = "true" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await seller.PostFormAsync("/Sales/New", Form("k4", new() { ["Input.Kind"] = "personal" }))).StatusCode);
        // A refused sale to a new customer leaves no customer behind.
        var refused = await seller.PostFormAsync("/Sales/New", new() { ["Input.Lines[0].Sku"] = "GONE", ["Input.Lines[0].Quantity"] = "1", ["Input.Key"] = "k5", ["Input.Kind"] = "new", ["Input.NewName"] = "Never Saved" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        var sales = await App.WithDbAsync(db => db.Sales.Where(s => s.DistributorId == me.Id()).OrderBy(s => s.Id).ToListAsync());
        var ben = await App.WithDbAsync(db => db.Customers.SingleAsync(c => c.Name == "Ben Carter"));
        Assert.Equal([anna, ben.Id, (long?)null], sales.Select(s => s.CustomerId));
        Assert.Equal((me.Id(), "ben@example.com", true), (ben.DistributorId, ben.Email, ben.ConsentToContact));
        Assert.False(await App.WithDbAsync(db => db.Customers.AnyAsync(c => c.Name == "Never Saved")));
        var mySales = await (await seller.GetAsync("/Sales")).TextAsync();
        Assert.Contains("Ben Carter", mySales);
        Assert.Contains("personal use", mySales);
        var annaPage = await (await seller.GetAsync($"/Customers/{anna}")).TextAsync();
        Assert.Contains($"#{sales[0].Id}", annaPage);
        Assert.DoesNotContain($"#{sales[2].Id}<", annaPage);
    }

    [Fact]
    public async Task The_API_takes_a_customer_or_personal_use_and_says_which()
    {
        var (seller, _, me, other, _) = await SetUpAsync();
        var anna = await seller.AddCustomerAsync("Anna Berg");
        var olgas = await other.AddCustomerAsync("Olga's customer");
        using var api = App.CreateApiClient();
        async Task<HttpResponseMessage> PostAsync(string key, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await api.SendAsync(request);
        }

        var lines = new[] { new { sku = "VIT", quantity = 1 } };
        var retail = await (await PostAsync("a1", new { distributorId = me.Id(), lines, customerId = anna })).Content.ReadFromJsonAsync<JsonElement>();
        var personal = await (await PostAsync("a2", new { distributorId = me.Id(), lines, personalUse = true })).Content.ReadFromJsonAsync<JsonElement>();
        var neither = await (await PostAsync("a3", new { distributorId = me.Id(), lines })).Content.ReadFromJsonAsync<JsonElement>();
        var both = await PostAsync("a4", new { distributorId = me.Id(), lines, customerId = anna, personalUse = true });
        var notTheirs = await PostAsync("a5", new { distributorId = me.Id(), lines, customerId = olgas });

        Assert.Equal((anna, false), (retail.GetProperty("customerId").GetInt64(), retail.GetProperty("personalUse").GetBoolean()));
        Assert.Equal((JsonValueKind.Null, true), (personal.GetProperty("customerId").ValueKind, personal.GetProperty("personalUse").GetBoolean()));
        Assert.True(neither.GetProperty("personalUse").GetBoolean());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, both.StatusCode);
        Assert.Contains("either to a customer or for personal use", await both.TextAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notTheirs.StatusCode);
        Assert.Contains($"Customer {olgas} is not a customer of the seller.", await notTheirs.TextAsync());

        using var batch = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales/batch")
        {
            Content = JsonContent.Create(new { sales = new object[] { new { distributorId = me.Id(), lines, customerId = anna }, new { distributorId = me.Id(), lines, personalUse = true } } }),
        };
        batch.Headers.Add("Idempotency-Key", "batch-1");
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(batch)).StatusCode);
        var batched = await App.WithDbAsync(db => db.Sales.Where(s => s.IdempotencyKey.StartsWith("batch-1")).OrderBy(s => s.IdempotencyKey).Select(s => s.CustomerId).ToListAsync());
        Assert.Equal([anna, (long?)null], batched);

        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/sales?distributor={me.Id()}");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), s => s.GetProperty("customerId").ValueKind == JsonValueKind.Number && s.GetProperty("customerId").GetInt64() == anna);
        var admin = await App.LoginAsAdminAsync();
        var csv = await (await admin.GetAsync("/Admin/Sales?handler=Csv")).TextAsync();
        Assert.EndsWith("currency,customer_id,personal_use", csv.Split("\r\n")[0]);
        Assert.Contains($",{anna},false\r\n", csv);
        Assert.Contains(",,true\r\n", csv);
    }

    [Fact]
    public async Task A_customer_orders_through_the_link_and_the_distributor_marks_it_paid_once()
    {
        var (seller, sponsor, me, other, _) = await SetUpAsync();

        var join = await (await App.CreateBrowser().GetAsync($"/join/{me.Code()}")).TextAsync();
        Assert.Contains($"href=\"/shop/{me.Code()}\"", join);
        var orderId = await App.PlaceShopOrderAsync(me.Code(), "Carla Customer", "carla@example.com", ("VIT", 3));

        var order = await App.WithDbAsync(db => db.CustomerOrders.SingleAsync(o => o.Id == orderId));
        Assert.Equal((CustomerOrderState.Placed, 60_00L, (long?)null), (order.State, order.Total.Cents, order.SaleId));
        Assert.Equal(0, await App.WithDbAsync(db => db.CommissionLines.CountAsync()));
        var customer = await App.WithDbAsync(db => db.Customers.SingleAsync(c => c.Id == order.CustomerId));
        Assert.Equal((me.Id(), "carla@example.com", true), (customer.DistributorId, customer.Email, customer.ConsentToContact));
        // The same e-mail again is the same customer.
        var second = await App.PlaceShopOrderAsync(me.Code(), "Carla C.", "CARLA@example.com", ("VIT", 1));
        Assert.Equal(customer.Id, await App.WithDbAsync(db => db.CustomerOrders.Where(o => o.Id == second).Select(o => o.CustomerId).SingleAsync()));

        await App.DeliverMailAsync();
        var notifications = await (await seller.GetAsync("/Notifications")).TextAsync();
        Assert.Contains("New order from Carla Customer", notifications);
        // Each order is confirmed to the customer: its lines, its total, and that nothing is charged yet.
        var confirmations = App.MailsTo("carla@example.com");
        Assert.Equal([$"Your order #{orderId} with Sue Seller", $"Your order #{second} with Sue Seller"], confirmations.Select(m => m.Subject).Order());
        var first = confirmations.Single(m => m.Subject == $"Your order #{orderId} with Sue Seller").TextBody;
        Assert.Contains("Hello Carla Customer,", first);
        Assert.Contains("3 × Product VIT at €20.00: €60.00", first);
        Assert.Contains("Total: €60.00", first);
        Assert.Contains("Nothing has been charged. Sue Seller will contact you about payment and delivery", first);

        // Somebody else's order is not theirs to touch.
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync($"/Customers/Orders?handler=Paid&order={orderId}", [], "/Customers")).StatusCode);

        // Two clicks at once: one sale.
        var clicks = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => seller.PostFormAsync($"/Customers/Orders?handler=Paid&order={orderId}", [], "/Customers/Orders")));
        Assert.All(clicks, c => Assert.Equal(HttpStatusCode.Redirect, c.StatusCode));
        var sales = await App.WithDbAsync(db => db.Sales.Include(s => s.Commissions).Where(s => s.IdempotencyKey == $"customer-order:{orderId}").ToListAsync());
        var sale = Assert.Single(sales);
        Assert.Equal((customer.Id, 45_00L), (sale.CustomerId!.Value, sale.Base.Cents));
        order = await App.WithDbAsync(db => db.CustomerOrders.SingleAsync(o => o.Id == orderId));
        Assert.Equal((CustomerOrderState.Paid, sale.Id), (order.State, order.SaleId!.Value));
        Assert.Equal(4.50m, await App.BalanceOfAsync(me.Id()));
        Assert.Equal(2.25m, await App.BalanceOfAsync(sponsor.Id()));
        var page = await (await seller.GetAsync("/Customers/Orders")).TextAsync();
        Assert.Contains($"sale #{sale.Id}", page);

        // Cancelling the paid order refunds its sale; cancelling the placed one writes nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await seller.PostFormAsync($"/Customers/{customer.Id}?handler=Cancel&order={orderId}", [], $"/Customers/{customer.Id}")).StatusCode);
        Assert.Contains($"Order #{orderId} is cancelled; its sale #{sale.Id} is refunded and the commissions it paid are taken back.", await (await seller.GetAsync($"/Customers/{customer.Id}")).TextAsync());
        Assert.Contains("data-testid=\"refund-mark\">Refunded<", await (await seller.GetAsync("/Sales")).TextAsync());
        Assert.Equal(0m, await App.BalanceOfAsync(me.Id()));
        Assert.Equal(0m, await App.BalanceOfAsync(sponsor.Id()));
        var lines = await App.WithDbAsync(db => db.CommissionLines.CountAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await seller.PostFormAsync($"/Customers/Orders?handler=Cancel&order={second}", [], "/Customers/Orders")).StatusCode);
        Assert.Equal(lines, await App.WithDbAsync(db => db.CommissionLines.CountAsync()));
        Assert.Equal([CustomerOrderState.Cancelled, CustomerOrderState.Cancelled], await App.WithDbAsync(db => db.CustomerOrders.OrderBy(o => o.Id).Select(o => o.State).ToListAsync()));
        // A cancelled order cannot be paid any more.
        await seller.PostFormAsync($"/Customers/Orders?handler=Paid&order={second}", [], "/Customers/Orders");
        Assert.Contains($"Order {second} is cancelled; it cannot be paid.", await (await seller.GetAsync("/Customers/Orders")).TextAsync());
        Assert.Single(await App.WithDbAsync(db => db.Sales.Where(s => s.IdempotencyKey.StartsWith("customer-order:")).ToListAsync()));
    }

    [Fact]
    public async Task An_order_is_paid_at_the_prices_it_was_placed_at_even_after_a_reprice_or_withdrawal()
    {
        var (seller, sponsor, me, _, _) = await SetUpAsync();
        await App.CreateProductAsync("TEA", 8.99m, 7.00m);
        var orderId = await App.PlaceShopOrderAsync(me.Code(), "Carla Customer", "carla@example.com", ("TEA", 10), ("VIT", 1));
        var admin = await App.LoginAsAdminAsync();
        var tea = await App.WithDbAsync(db => db.Products.SingleAsync(p => p.Sku == "TEA"));
        var vit = await App.WithDbAsync(db => db.Products.SingleAsync(p => p.Sku == "VIT"));
        // After the order: tea costs 89.90 a unit (a slip of the decimal point), vitamins are withdrawn.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Admin/Products/Edit/{tea.Id}", new() { ["Input.Sku"] = "TEA", ["Input.Name"] = tea.Name, ["Input.Price"] = "89.90", ["Input.CommissionBase"] = "89.90" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Admin/Products?handler=Deactivate&id={vit.Id}", [], "/Admin/Products")).StatusCode);

        var paid = await seller.PostFormAsync($"/Customers/Orders?handler=Paid&order={orderId}", [], "/Customers/Orders");

        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var sale = await App.WithDbAsync(db => db.Sales.Include(s => s.Lines).SingleAsync(s => s.IdempotencyKey == $"customer-order:{orderId}"));
        // 10 x 8.99 + 20.00 = 109.90; base 10 x 7.00 + 15.00 = 85.00: Sue 8.50, Sam 4.25.
        Assert.Equal((109_90L, 85_00L), (sale.Total.Cents, sale.Base.Cents));
        Assert.Equal([(899L, 700L), (2000L, 1500L)], sale.Lines.OrderBy(l => l.Sku).Select(l => (l.UnitPrice.Cents, l.UnitCommissionBase.Cents)));
        Assert.Equal(8.50m, await App.BalanceOfAsync(me.Id()));
        Assert.Equal(4.25m, await App.BalanceOfAsync(sponsor.Id()));
        Assert.Equal(109_90L, (await App.WithDbAsync(db => db.CustomerOrders.Where(o => o.Id == orderId).Select(o => o.Total).SingleAsync())).Cents);
    }

    [Fact]
    public async Task The_shop_takes_no_more_of_a_product_on_many_lines_than_on_one()
    {
        var (_, _, me, _, _) = await SetUpAsync();
        var fields = new Dictionary<string, string> { ["Input.Name"] = "Q", ["Input.Email"] = "q@example.com" };
        for (var i = 0; i < 3; i++)
        {
            fields[$"Input.Lines[{i}].Sku"] = "VIT";
            fields[$"Input.Lines[{i}].Quantity"] = "10000";
        }

        var page = await (await App.CreateBrowser().PostFormAsync($"/shop/{me.Code()}", fields)).TextAsync();

        Assert.Contains("The quantities of VIT add up to 30000; a sale takes at most 10000 of a product.", page);
        Assert.Equal(0, await App.WithDbAsync(db => db.CustomerOrders.CountAsync()));
    }

    [Fact]
    public async Task Typing_a_customers_email_in_the_shop_does_not_change_their_consent_or_name()
    {
        var (seller, _, me, _, _) = await SetUpAsync();
        var id = await seller.AddCustomerAsync("Vera Wolf", "vera@example.com", consent: false);

        await App.PlaceShopOrderAsync(me.Code(), "Somebody Else", "VERA@example.com", ("VIT", 1));

        var vera = await App.WithDbAsync(db => db.Customers.SingleAsync(c => c.Id == id));
        Assert.Equal(("Vera Wolf", false, (DateTime?)null), (vera.Name, vera.ConsentToContact, vera.ConsentGivenAt));
    }

    [Fact]
    public async Task A_customer_who_orders_in_Russian_gets_the_confirmation_in_Russian()
    {
        var (_, _, me, _, _) = await SetUpAsync();
        using var customer = App.CreateBrowser();
        customer.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru-RU");

        var placed = await customer.PostFormAsync($"/shop/{me.Code()}", new()
        {
            ["Input.Name"] = "Ирина Покупатель",
            ["Input.Email"] = "irina@example.com",
            ["Input.Lines[0].Sku"] = "VIT",
            ["Input.Lines[0].Quantity"] = "2",
        });

        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        var thanks = await (await customer.GetAsync(placed.Headers.Location!.OriginalString)).TextAsync();
        Assert.Contains("Подтверждение отправлено на irina@example.com.", thanks);
        await App.DeliverMailAsync();
        var mail = Assert.Single(App.MailsTo("irina@example.com"));
        var orderId = await App.WithDbAsync(db => db.CustomerOrders.Select(o => o.Id).SingleAsync());
        Assert.Equal($"Ваш заказ №{orderId} у Sue Seller", mail.Subject);
        Assert.Contains("Здравствуйте, Ирина Покупатель!", mail.TextBody);
        Assert.Contains("Product VIT: 2 × 20,00\u00A0€ = 40,00\u00A0€", mail.TextBody);
        Assert.Contains("Итого: 40,00\u00A0€", mail.TextBody);
        Assert.Contains("Деньги пока не списаны.", mail.TextBody);
    }

    [Fact]
    public async Task Two_admins_marking_an_order_paid_at_once_post_one_sale_and_it_is_audited()
    {
        var (_, _, me, _, _) = await SetUpAsync();
        var orderId = await App.PlaceShopOrderAsync(me.Code(), "Carla Customer", "carla@example.com", ("VIT", 1));
        var admins = new[] { await App.LoginAsAdminAsync(), await App.LoginAsAdminAsync() };

        var clicks = await Task.WhenAll(admins.Select(a => a.PostFormAsync($"/Admin/Customers/Orders?handler=Paid&order={orderId}", [], "/Admin/Customers/Orders")));

        Assert.All(clicks, c => Assert.Equal(HttpStatusCode.Redirect, c.StatusCode));
        Assert.Equal(1, await App.WithDbAsync(db => db.Sales.CountAsync(s => s.IdempotencyKey == $"customer-order:{orderId}")));
        Assert.Equal(1.50m, await App.BalanceOfAsync(me.Id()));
        Assert.Equal(1, await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "customer-order.paid")));
        var list = await (await admins[0].GetAsync($"/Admin/Customers/Orders?Distributor={me.Code()}&State=Paid")).TextAsync();
        Assert.Contains("Carla Customer", list);
        Assert.Contains("Sue Seller", list);
        Assert.Equal(HttpStatusCode.NotFound, (await admins[0].PostFormAsync("/Admin/Customers/Orders?handler=Paid&order=999999", [], "/Admin/Customers/Orders")).StatusCode);
    }

    [Fact]
    public async Task An_inactive_or_terminated_distributors_shop_takes_no_orders()
    {
        var (_, _, me, _, otherMe) = await SetUpAsync();
        await App.SetStatusAsync(me.Id(), "Inactive");
        await App.SetStatusAsync(otherMe.Id(), "Terminated");
        foreach (var (code, why) in new[] { (me.Code(), "is not taking orders at the moment, so this link cannot take orders for now"), (otherMe.Code(), "no longer sells these products, so this link cannot take orders") })
        {
            var browser = App.CreateBrowser();
            var shop = await (await browser.GetAsync($"/shop/{code}")).TextAsync();
            Assert.Contains(why, shop);
            // What the customer can do instead: the company puts them in touch with a distributor who sells.
            Assert.Contains("To order now, contact the company that sells these products: they will put you in touch with a distributor who can take your order.", shop);
            Assert.DoesNotContain("Place order", shop);
            var posted = await browser.PostFormAsync($"/shop/{code}", new() { ["Input.Name"] = "Carla", ["Input.Email"] = "carla@example.com", ["Input.Lines[0].Sku"] = "VIT", ["Input.Lines[0].Quantity"] = "1" }, "/join");
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        Assert.Equal(0, await App.WithDbAsync(db => db.CustomerOrders.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await App.CreateBrowser().GetAsync("/shop/NOSUCH22")).StatusCode);
    }

    [Fact]
    public async Task The_shop_form_needs_an_email_and_a_quantity_and_refuses_a_post_without_its_token()
    {
        var (_, _, me, _, _) = await SetUpAsync();
        var browser = App.CreateBrowser();

        var noEmail = await browser.PostFormAsync($"/shop/{me.Code()}", new() { ["Input.Name"] = "Carla", ["Input.Lines[0].Sku"] = "VIT", ["Input.Lines[0].Quantity"] = "1" });
        var noQuantity = await browser.PostFormAsync($"/shop/{me.Code()}", new() { ["Input.Name"] = "Carla", ["Input.Email"] = "carla@example.com", ["Input.Lines[0].Sku"] = "VIT", ["Input.Lines[0].Quantity"] = "0" });
        var forged = await App.CreateBrowser().PostAsync($"/shop/{me.Code()}", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "Carla", ["Input.Email"] = "carla@example.com", ["Input.Lines[0].Sku"] = "VIT", ["Input.Lines[0].Quantity"] = "1" }));

        Assert.Contains("The Email field is required.", await noEmail.TextAsync());
        Assert.Contains("Enter a quantity for at least one product.", await noQuantity.TextAsync());
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.CustomerOrders.CountAsync()));
    }

    [Fact]
    public async Task Admins_see_every_distributors_customers_filtered_by_distributor()
    {
        var (seller, _, me, other, _) = await SetUpAsync();
        await seller.AddCustomerAsync("Anna Berg");
        await other.AddCustomerAsync("Oscar Other");
        var admin = await App.LoginAsAdminAsync();

        var all = await (await admin.GetAsync("/Admin/Customers")).TextAsync();
        var bySeller = await (await admin.GetAsync($"/Admin/Customers?Distributor={me.Code()}")).TextAsync();
        var byId = await (await admin.GetAsync($"/Admin/Customers?Distributor={me.Id()}")).TextAsync();
        var unknown = await (await admin.GetAsync("/Admin/Customers?Distributor=ZZZZZZZZ")).TextAsync();

        Assert.Contains("Anna Berg", all);
        Assert.Contains("Oscar Other", all);
        Assert.Contains("Anna Berg", bySeller);
        Assert.DoesNotContain("Oscar Other", bySeller);
        Assert.Equal(bySeller.Contains("Oscar", StringComparison.Ordinal), byId.Contains("Oscar", StringComparison.Ordinal));
        Assert.Contains("No distributor has the number or referral code ZZZZZZZZ.", unknown);
        var refused = await seller.GetAsync("/Admin/Customers");
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location?.PathAndQuery ?? refused.Headers.Location?.OriginalString);
    }
}
