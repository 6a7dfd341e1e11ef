using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Tests;

public partial class AuditTests(MlmAppFactory app) : AppTest(app)
{
    [GeneratedRegex("data-testid=\"audit-entry\"")]
    private static partial Regex EntryRow();

    private static int Rows(string page) => EntryRow().Count(page);

    private async Task<long> SaleAsync(long sellerId, string key) =>
        (await (await App.PostSaleAsync(sellerId, key, ("A", 1))).Content.ReadFromJsonAsync<JsonElement>()).Id();

    [Fact]
    public async Task A_refund_is_audited_with_who_what_and_why_from_the_api_and_from_the_admin_page_once()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var chain = await App.CreateChainAsync(2);
        var bySale = await SaleAsync(chain[1].Id(), "sale-1");
        var byPage = await SaleAsync(chain[1].Id(), "sale-2");
        using var api = App.CreateApiClient();

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sales/{bySale}/refund") { Content = JsonContent.Create(new { reason = "Customer returned the box" }) };
            request.Headers.Add("Idempotency-Key", "refund-api");
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(request)).StatusCode);
        }

        var admin = await App.LoginAsAdminAsync();
        var refunded = await admin.PostFormAsync($"/Admin/Sales/Details/{byPage}?handler=Refund", new() { ["refundKey"] = "k", ["Quantities[A]"] = "1", ["Reason"] = "Damaged in transit" }, $"/Admin/Sales/Details/{byPage}");
        Assert.Equal(HttpStatusCode.Redirect, refunded.StatusCode);

        var page = await (await admin.GetAsync("/Admin/Audit?kind=sale.refund")).TextAsync();
        Assert.Equal(2, Rows(page));
        Assert.Matches($"<td>API key[^<]*</td><td>Sale refunded</td><td>sale {bySale}</td><td>seller {chain[1].Id()}, completing refund of 1 x A: total €100.00, base €100.00, 2 reversing lines of €15.00 in all: Customer returned the box</td>", page);
        Assert.Contains($"{MlmAppFactory.AdminEmail}</td><td>Sale refunded</td><td>sale {byPage}</td><td>seller {chain[1].Id()}, completing refund of 1 x A: total €100.00, base €100.00, 2 reversing lines of €15.00 in all: Damaged in transit</td>", page);
    }

    [Fact]
    public async Task A_refund_through_the_api_without_a_body_still_works_and_says_no_reason_was_given()
    {
        await App.SetPlanAsync(10m);
        await App.CreateProductAsync("A", 100m);
        var chain = await App.CreateChainAsync(1);
        var sale = await SaleAsync(chain[0].Id(), "sale-1");

        Assert.Equal(HttpStatusCode.OK, (await App.RefundAsync(sale, "refund-1")).StatusCode);

        var admin = await App.LoginAsAdminAsync();
        var page = await (await admin.GetAsync("/Admin/Audit?kind=sale.refund")).TextAsync();
        Assert.Contains($"<td>sale {sale}</td><td>seller {chain[0].Id()}, completing refund of 1 x A: total €100.00, base €100.00, 1 reversing lines of €10.00 in all: no reason given</td>", page);
    }

    [Fact]
    public async Task The_audit_log_filters_by_who_action_text_in_any_case_including_cyrillic_and_days()
    {
        var chain = await App.CreateChainAsync(3);
        App.Clock.Set(new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc));
        await App.SetStatusAsync(chain[0].Id(), "Inactive", "Ирина Петрова попросила паузу");
        App.Clock.Set(new DateTime(2026, 3, 12, 23, 59, 0, DateTimeKind.Utc));
        await App.SetStatusAsync(chain[1].Id(), "Inactive", "Moved abroad");
        App.Clock.Set(new DateTime(2026, 3, 13, 0, 0, 0, DateTimeKind.Utc));
        await App.SetStatusAsync(chain[2].Id(), "Inactive", "Asked by IRINA's team");
        var admin = await App.LoginAsAdminAsync();
        async Task<string> Find(string query) => await (await admin.GetAsync("/Admin/Audit?" + query)).TextAsync();

        var upper = await Find("q=" + Uri.EscapeDataString("ИРИНА"));
        var mixed = await Find("q=" + Uri.EscapeDataString("иРиНа петРОВА"));
        var latin = await Find("q=irina");
        var bySubject = await Find($"q=DISTRIBUTOR+{chain[1].Id()}");
        var byDays = await Find("kind=distributor.status&from=2026-03-11&to=2026-03-12");
        var fromDay = await Find("kind=distributor.status&from=2026-03-13");
        var byActor = await Find("actor=api+KEY&kind=distributor.status");
        var nobody = await Find("actor=" + Uri.EscapeDataString(MlmAppFactory.AdminEmail) + "&kind=distributor.status");
        var regexCharacters = await Find("q=" + Uri.EscapeDataString(".*"));

        Assert.Equal(1, Rows(upper));
        Assert.Contains("Ирина Петрова попросила паузу", upper);
        Assert.Equal(1, Rows(mixed));
        Assert.Equal(1, Rows(latin));
        Assert.Contains("Asked by IRINA's team", latin);
        Assert.Equal(1, Rows(bySubject));
        Assert.Contains("Moved abroad", bySubject);
        Assert.Equal(1, Rows(byDays));
        Assert.Contains("Moved abroad", byDays);
        Assert.Equal(1, Rows(fromDay));
        Assert.Contains("IRINA", fromDay);
        Assert.Equal(3, Rows(byActor));
        Assert.Equal(0, Rows(nobody));
        Assert.Contains("Nothing in the audit log matches.", nobody);
        Assert.Equal(0, Rows(regexCharacters));
    }

    [Fact]
    public async Task The_audit_log_pages_through_a_filtered_list_keeping_the_filter()
    {
        await App.WithDbAsync(async db =>
        {
            for (var i = 0; i < 60; i++)
            {
                db.AuditEntries.Add(new AuditEntry { At = new DateTime(2026, 1, 1, 0, 0, i, DateTimeKind.Utc), Actor = "bulk@example.com", Action = "test.bulk", Subject = $"thing {i}", Details = "Ирина" });
            }

            db.AuditEntries.Add(new AuditEntry { At = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), Actor = "other@example.com", Action = "test.bulk", Subject = "not this one", Details = "Ирина" });
            return await db.SaveChangesAsync();
        });
        var admin = await App.LoginAsAdminAsync();

        var first = await (await admin.GetAsync("/Admin/Audit?actor=BULK&q=ирина")).TextAsync();
        var second = await (await admin.GetAsync("/Admin/Audit?actor=BULK&q=ирина&page=2")).TextAsync();

        Assert.Equal(50, Rows(first));
        Assert.Contains("thing 59", first);
        Assert.Contains("page=2", first);
        Assert.Equal(10, Rows(second));
        Assert.Contains("thing 0<", second);
        Assert.DoesNotContain("not this one", first + second);
    }

    [Fact]
    public async Task The_audit_log_exports_what_the_filter_finds_as_csv_a_spreadsheet_cannot_run()
    {
        await App.WithDbAsync(async db =>
        {
            string[] dangerous = ["=HYPERLINK(\"http://evil\")", "+1", "-2", "@SUM(A1)", "\tTAB", "\rCR", "plain, with \"quotes\""];
            foreach (var (details, i) in dangerous.Select((d, i) => (d, i)))
            {
                db.AuditEntries.Add(new AuditEntry { At = new DateTime(2026, 2, 1, 10, 0, i, DateTimeKind.Utc), Actor = "=cmd@example.com", Action = "test.csv", Subject = $"Ирина {i}", Details = details });
            }

            db.AuditEntries.Add(new AuditEntry { At = new DateTime(2026, 2, 1, 10, 0, 0, DateTimeKind.Utc), Actor = "x@example.com", Action = "test.other", Subject = "Ирина elsewhere", Details = "left out" });
            return await db.SaveChangesAsync();
        });
        var admin = await App.LoginAsAdminAsync();
        var page = await (await admin.GetAsync("/Admin/Audit?kind=test.csv&q=ИРИНА")).TextAsync();
        var link = Regex.Match(page, "href=\"([^\"]+)\" data-testid=\"audit-export\"").Groups[1].Value;

        var response = await admin.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.ContentType()?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("at_utc,actor,action,action_name,subject,details", lines[0].TrimStart('\uFEFF'));
        Assert.Equal("2026-02-01 10:00:00,\"'=cmd@example.com\",\"test.csv\",\"test.csv\",\"Ирина 0\",\"'=HYPERLINK(\"\"http://evil\"\")\"", lines[1]);
        Assert.EndsWith(",\"'+1\"", lines[2], StringComparison.Ordinal);
        Assert.EndsWith(",\"'-2\"", lines[3], StringComparison.Ordinal);
        Assert.EndsWith(",\"'@SUM(A1)\"", lines[4], StringComparison.Ordinal);
        Assert.EndsWith(",\"'\tTAB\"", lines[5], StringComparison.Ordinal);
        Assert.Contains(",\"'\rCR\"", csv, StringComparison.Ordinal);
        Assert.EndsWith(",\"plain, with \"\"quotes\"\"\"", lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("left out", csv, StringComparison.Ordinal);
        Assert.Equal(7, await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "test.csv")));
    }

    [Fact]
    public async Task Creating_a_product_through_the_api_or_the_admin_page_follows_the_same_rules_and_is_audited()
    {
        var admin = await App.LoginAsAdminAsync();
        using var api = App.CreateApiClient();

        var fromApi = await api.PostAsJsonAsync("/api/v1/products", new { sku = "tea-1", name = "Green tea", price = 8.99m, commissionBase = 9.5m });
        var fromPage = await admin.PostFormAsync("/Admin/Products/Edit", new() { ["Input.Sku"] = "tea-1", ["Input.Name"] = "Green tea", ["Input.Price"] = "8.99", ["Input.CommissionBase"] = "9.5" });
        var createdByApi = await api.PostAsJsonAsync("/api/v1/products", new { sku = "tea-1", name = "Green tea", price = 8.99m });
        var duplicateFromPage = await admin.PostFormAsync("/Admin/Products/Edit", new() { ["Input.Sku"] = "TEA-1", ["Input.Name"] = "Again", ["Input.Price"] = "5" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, fromApi.StatusCode);
        Assert.Contains("Commission base must be between zero and the price.", await fromApi.Content.ReadAsStringAsync());
        Assert.Contains("Commission base must be between zero and the price.", await fromPage.TextAsync());
        Assert.Equal(HttpStatusCode.Created, createdByApi.StatusCode);
        Assert.Contains("A product with SKU TEA-1 already exists.", await duplicateFromPage.TextAsync());
        var audit = await (await admin.GetAsync("/Admin/Audit?kind=product.create")).TextAsync();
        Assert.Equal(1, Rows(audit));
        Assert.Contains("<td>product TEA-1</td><td>name Green tea, price €8.99, base €8.99</td>", audit);
    }
}
