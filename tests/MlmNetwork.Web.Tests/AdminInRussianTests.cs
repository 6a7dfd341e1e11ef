using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// A Russian admin reads what the app wrote in English: the audit log (every action the admin
/// pages and the API record), the ledger check's breaches and a sales import's outcome, all in
/// Russian with amounts and months in Russian form; entries written before templates keep their
/// English, marked as such.
/// </summary>
public partial class AdminInRussianTests(MlmAppFactory app) : AppTest(app)
{
    private static readonly DateTime September = new(2026, 9, 10, 9, 0, 0, DateTimeKind.Utc);

    private static readonly DateTime October = new(2026, 10, 2, 9, 0, 0, DateTimeKind.Utc);

    private static readonly DateTime November = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    private async Task<HttpClient> RussianAdminAsync()
    {
        var admin = await App.LoginAsAdminAsync();
        admin.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("ru-RU"));
        return admin;
    }

    /// <summary>Names of people, products and keys: data, shown as typed in any language.</summary>
    private Task<List<string>> DataAsync(params string[] more) => App.WithDbAsync(async db =>
        (await db.Distributors.Select(d => d.Name).ToListAsync())
            .Concat(await db.Products.Select(p => p.Name).ToListAsync())
            .Concat(await db.ApiKeys.Select(k => k.Name).ToListAsync())
            .Concat(more)
            .OrderByDescending(s => s.Length)
            .ToList());

    /// <summary>What is wrong with a page read in Russian: lookups with no Russian, and English words left outside the data.</summary>
    private async Task<List<string>> FaultsAsync(string html, params string[] data)
    {
        var faults = App.Translations.Take().Select(m => "no Russian for " + m).ToList();
        var english = RussianPagesTests.EnglishWords(RussianPagesTests.VisibleText(html), await DataAsync(data));
        if (english.Count > 0)
        {
            faults.Add("English left: " + string.Join(" | ", english));
        }

        return faults;
    }

    [Fact]
    public async Task Every_action_the_app_audits_reads_in_russian_in_the_log_and_its_export()
    {
        App.Clock.Set(September);
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var chain = await App.CreateChainAsync(3, "ru");
        var admin = await RussianAdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(chain[0].Id(), "Inactive", "Попросила паузу")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Admin/Distributors/Details/{chain[2].Id()}?handler=Move", new() { ["MoveForm.SponsorCode"] = chain[0].Code(), ["MoveForm.Reason"] = "Смена команды" }, $"/Admin/Distributors/Details/{chain[2].Id()}")).StatusCode);
        var whole = (await (await App.PostSaleAsync(chain[1].Id(), "s-1", ("A", 1))).Content.ReadFromJsonAsync<JsonElement>()).Id();
        var part = (await (await App.PostSaleAsync(chain[1].Id(), "s-2", ("A", 3))).Content.ReadFromJsonAsync<JsonElement>()).Id();
        Assert.Equal(HttpStatusCode.OK, (await App.RefundAsync(whole, "r-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Admin/Sales/Details/{part}?handler=Refund", new() { ["refundKey"] = "k", ["Quantities[A]"] = "1", ["Reason"] = "Повреждена упаковка" }, $"/Admin/Sales/Details/{part}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Admin/Products/Edit/" + await App.WithDbAsync(db => db.Products.Select(p => p.Id).FirstAsync()), new() { ["Input.Sku"] = "A", ["Input.Name"] = "Витамин C", ["Input.Price"] = "1250,50", ["Input.CommissionBase"] = "" })).StatusCode);
        var productId = await App.WithDbAsync(db => db.Products.Select(p => p.Id).FirstAsync());
        await admin.PostFormAsync($"/Admin/Products?handler=Deactivate&id={productId}", [], "/Admin/Products");
        await admin.PostFormAsync($"/Admin/Products?handler=Activate&id={productId}", [], "/Admin/Products");
        using (var api = App.CreateApiClient())
        {
            var scheduled = await (await api.PutAsJsonAsync("/api/v1/commission-plan", new { personalPercent = 12.5m, levels = new[] { 6m, 2.25m }, effectiveFrom = "2026-12-01T00:00:00Z" })).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/api/v1/commission-plan/versions/{scheduled.GetProperty("version").GetInt32()}")).StatusCode);
        }

        App.Clock.Set(October);
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-09")).StatusCode);
        await App.PayUpToAsync("2026-09", "2026-10-02");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Admin/Settings", new() { ["MinimumPayout"] = "1250,5" })).StatusCode);
        await App.PostSaleAsync(chain[1].Id(), "s-3", ("A", 20));
        App.Clock.Set(November);
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-10")).StatusCode);
        var cancelled = (await (await App.ProposePayoutRunAsync("2026-10")).Content.ReadFromJsonAsync<JsonElement>()).Id();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Admin/Payouts/{cancelled}?handler=Cancel", new() { ["CancelReason"] = "Банк закрыт" }, $"/Admin/Payouts/{cancelled}")).StatusCode);
        await admin.PostFormAsync("/Admin/ApiKeys?handler=Create", new() { ["Name"] = "Интернет-магазин" }, "/Admin/ApiKeys");
        var keyId = await App.WithDbAsync(db => db.ApiKeys.Where(k => k.Name == "Интернет-магазин").Select(k => k.Id).SingleAsync());
        await admin.PostFormAsync($"/Admin/ApiKeys?handler=Revoke&id={keyId}", [], "/Admin/ApiKeys");
        var upload = await admin.UploadAsync("/Admin/Import", "Upload", "заказы.csv", $"order_id,distributor_id,sku,quantity\r\nO-1,{chain[1].Id()},A,2\r\n");
        Assert.Equal("Imported", (await SaleImportTests.FinishedAsync(admin, upload)).GetProperty("state").GetString());
        var batch = await App.WithDbAsync(db => db.SaleBatches.Select(b => b.Key).SingleAsync());
        var written = await App.WithDbAsync(db => db.AuditEntries.Select(a => a.Action).Distinct().ToListAsync());
        Assert.Equal(17, written.Count);
        App.Translations.Take();

        var page = await (await admin.GetAsync("/Admin/Audit")).TextAsync();

        Assert.Empty(await FaultsAsync(page, batch, "Product A")); // the product's name before it was renamed
        Assert.DoesNotContain(" lang=\"en\"", page.Replace("<button type=\"submit\" name=\"culture\" value=\"en-US\" class=\"link\" lang=\"en\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains($"<td>Возврат продажи</td><td>продажа №{whole}</td>", page);
        // The seller's sponsor is Inactive by then: one line, the seller's 10%.
        Assert.Matches($"<td>продавец №{chain[1].Id()}, возврат, завершающий продажу: 1 x A; сумма 100,00\\s€, база 100,00\\s€, строк сторно: 1, всего сторнировано 10,00\\s€: причина не указана</td>", page);
        Assert.Matches($"<td>продавец №{chain[1].Id()}, частичный возврат: 1 x A; сумма 100,00\\s€, база 100,00\\s€, строк сторно: 1, всего сторнировано 10,00\\s€: Повреждена упаковка</td>", page);
        Assert.Contains("<td>Смена статуса</td><td>дистрибьютор №" + chain[0].Id() + "</td><td>активен -> неактивен: Попросила паузу</td>", page);
        Assert.Matches("<td>Изменена минимальная выплата</td><td>настройки компании</td><td>минимальная выплата 10,00\\s€ → 1\\s250,50\\s€</td>", page);
        var planRow = System.Text.RegularExpressions.Regex.Match(page, "<td>личный процент 12,5[^<]*</td>").Value;
        Assert.Matches("<td>личный процент 12,5\\s%, уровни 6\\s% / 2,25\\s%, компрессия: нет, мин\\. личный объём 0,00\\s€, [^<]*действует с 01\\.12\\.2026 00:00 UTC</td>", planRow);
        Assert.Matches("<td>Месяц закрыт</td><td>период: сентябрь 2026\\sг\\.</td>", page);
        Assert.Contains("<td>ключ API «Bootstrap key»</td>", page);
        Assert.Contains("<td>Интернет-магазин</td>", page);

        var csv = await (await admin.GetAsync("/Admin/Audit?handler=Csv&kind=payout-run.cancel")).Content.ReadAsStringAsync();
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("at_utc,actor,action,action_name,subject,details", rows[0].TrimStart('\uFEFF'));
        Assert.Matches($"^2026-11-02 09:00:00,\"{Regex.Escape(MlmAppFactory.AdminEmail)}\",\"payout-run.cancel\",\"Выплата отменена\",\"выплата №{cancelled}\",\"отменена \\(последний месяц: октябрь 2026\\sг\\., сумма [^\"]+\\s€\\): Банк закрыт\"$", rows[1]);
    }

    [Fact]
    public async Task An_entry_written_before_templates_shows_its_stored_english_marked_as_english()
    {
        await App.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry { At = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc), Actor = "old@example.com", Action = "distributor.status", Subject = "distributor 7", Details = "Active -> Inactive: moved away" });
            return await db.SaveChangesAsync();
        });
        var admin = await RussianAdminAsync();

        var page = await (await admin.GetAsync("/Admin/Audit")).TextAsync();

        Assert.Contains("<td>Смена статуса</td><td lang=\"en\">distributor 7</td><td lang=\"en\">Active -> Inactive: moved away</td>", page);
    }

    [Fact]
    public async Task The_ledger_check_names_each_breach_in_russian()
    {
        App.Clock.Set(September);
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var chain = await App.CreateChainAsync(2, "ru");
        await App.PostSaleAsync(chain[1].Id(), "s-1", ("A", 2));
        var refunded = (await (await App.PostSaleAsync(chain[1].Id(), "s-2", ("A", 1))).Content.ReadFromJsonAsync<JsonElement>()).Id();
        await App.RefundAsync(refunded, "r-1");
        App.Clock.Set(October);
        await App.ClosePeriodAsync("2026-09");
        await App.PayUpToAsync("2026-09", "2026-10-02");
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE commission_lines SET amount_cents = amount_cents + 1 WHERE id = (SELECT MIN(id) FROM commission_lines WHERE kind = 0)"));
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE commission_lines SET amount_cents = amount_cents - 1 WHERE kind = 1"));
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE payouts SET amount_cents = amount_cents + 100"));
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE sales SET total_cents = total_cents + 1 WHERE id = {0}", refunded));
        var admin = await RussianAdminAsync();
        App.Translations.Take();

        var report = await (await admin.PostFormAsync("/Admin/Ledger", [], "/Admin/Ledger")).TextAsync();

        Assert.Matches("Найдено нарушений: \\d+\\.", report);
        foreach (var rule in new[] { "правила начислений", "балансы равны строкам", "выплачено не больше заработанного", "выплата оплачивает свои позиции один раз", "суммы продажи", "возврат в сумме даёт ноль" })
        {
            Assert.Contains($"<td>{rule}</td>", report);
        }

        Assert.Matches("продажа №?\\d+: сумма 100,01\\s€ / база 100,00\\s€, а по товарам 100,00\\s€ / 100,00\\s€", report);
        Assert.Empty(await FaultsAsync(report));
    }

    [Fact]
    public async Task A_sales_import_reports_its_outcome_and_each_bad_line_in_russian()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 1250m);
        var chain = await App.CreateChainAsync(2, "ru");
        var admin = await RussianAdminAsync();
        App.Translations.Take();

        var refused = await (await admin.UploadAsync("/Admin/Import", "Upload", "плохой.csv", $"order_id,distributor_id,sku,quantity\r\nO-1,{chain[1].Id()},A,два\r\nO-2,,A,1\r\n")).TextAsync();

        Assert.Contains("Файл плохой.csv не импортирован: исправьте эти строки и загрузите его снова.", refused);
        Assert.Contains("Строка 2: quantity «два» — не целое число не меньше 1.", refused);
        Assert.Contains("Строка 3: distributor_id «» — не номер и не реферальный код дистрибьютора.", refused);
        Assert.Empty(App.Translations.Take());

        var upload = await admin.UploadAsync("/Admin/Import", "Upload", "заказы.csv", $"order_id,distributor_id,sku,quantity\r\nO-1,{chain[1].Id()},A,100\r\nO-2,{chain[0].Id()},A,1\r\n");
        var status = await SaleImportTests.FinishedAsync(admin, upload);

        Assert.Matches("^Импортировано: 2 продажи, 3 строки начислений \\(база начисления 126\\s250,00\\s€\\)\\.$", status.GetProperty("summary").GetString());
        var page = await (await admin.GetAsync(upload.Headers.Location!.OriginalString)).TextAsync();
        Assert.Contains("data-progress-template=\"Проверено продаж: {0} из {1}, записано: {2}.\"", page);
        Assert.Empty(await FaultsAsync(page, await App.WithDbAsync(db => db.SaleBatches.Select(b => b.Key).SingleAsync())));
    }

    [Fact]
    public async Task The_settings_page_shows_the_installation_currency_and_how_to_change_it()
    {
        var admin = await App.LoginAsAdminAsync();

        var page = await (await admin.GetAsync("/Admin/Settings")).TextAsync();

        Assert.Contains("data-testid=\"currency-code\">EUR<", page);
        Assert.Contains("data-testid=\"currency-symbol\">€<", page);
        Assert.Contains("<code>Currency__Code</code>", page);
        Assert.Contains("<code>Currency__Symbol</code>", page);
        Assert.Contains("Minimum payout (EUR)", page);
    }

    [Fact]
    public void An_audit_text_keeps_its_values_typed_so_they_can_be_shown_in_any_language()
    {
        AuditText text = $"paid {new Money(123_450)} at {new Percent(250)}, levels {(IReadOnlyList<Percent>)[new Percent(600), new Percent(225)]}, up to {new Period(2026, 9)} on {new DateOnly(2026, 10, 2)} at {new DateTime(2026, 10, 2, 9, 5, 0, DateTimeKind.Utc)}, {DistributorStatus.Terminated}, {true}, {3000:N0} lines: {AuditLog.Reason(null)} / {AuditLog.Reason("  Банк закрыт ")}";

        Assert.Equal("paid 1234.50 at 2.5%, levels 6% / 2.25%, up to 2026-09 on 10/02/2026 at 10/02/2026 09:05:00, Terminated, yes, 3,000 lines: no reason given / Банк закрыт", text.English);
        var template = AuditTemplate.FromJson(text.Template.ToJson())!;
        Assert.Equal("paid {0} at {1}, levels {2}, up to {3} on {4} at {5}, {6}, {7}, {8:N0} lines: {9} / {10}", template.Text);
        Assert.Equal(
            [new Money(123_450), new Percent(250), null, new Period(2026, 9), new DateOnly(2026, 10, 2), new DateTime(2026, 10, 2, 9, 5, 0, DateTimeKind.Utc), new AuditWord("Terminated"), true, 3000L, new AuditReason(null), new AuditReason("Банк закрыт")],
            template.Arguments().Select((a, i) => i == 2 ? null : a));
        Assert.Equal([new Percent(600), new Percent(225)], (Percent[])template.Arguments()[2]!);
        AuditText data = "{0} is {1}";
        Assert.Equal(("{0}", "{0} is {1}"), (data.Template.Text, data.English));
    }
}
