using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// What a Russian reader is told when something goes wrong or right: form errors, refusals,
/// flash messages, error pages, and the explanation of reversed and forfeited lines.
/// </summary>
public class RussianFormsTests(MlmAppFactory app) : AppTest(app)
{
    private static HttpClient InRussian(HttpClient browser)
    {
        browser.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("ru-RU"));
        return browser;
    }

    private async Task<List<string>> NamesAsync() => await App.WithDbAsync(async db =>
        (await db.Distributors.Select(d => d.Name).ToListAsync()).Concat(await db.Products.Select(p => p.Name).ToListAsync()).OrderByDescending(s => s.Length).ToList());

    /// <summary>The page's text with no English left and nothing asked of the localizer without Russian.</summary>
    private async Task AssertRussianAsync(string address, string html)
    {
        Assert.Contains("<html lang=\"ru\">", html);
        Assert.Empty(App.Translations.Take().Select(m => $"{address}: no Russian for {m}"));
        Assert.Empty(RussianPagesTests.EnglishWords(RussianPagesTests.VisibleText(html), await NamesAsync()));
    }

    [Fact]
    public async Task The_login_form_refuses_in_Russian()
    {
        await App.SignUpThroughReferralAsync(null, "Анна", "anna@example.com");
        var browser = InRussian(App.CreateBrowser());
        App.Translations.Take();

        var empty = await browser.PostFormAsync("/Account/Login", new() { ["Input.Email"] = string.Empty, ["Input.Password"] = string.Empty });
        var wrong = await browser.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "anna@example.com", ["Input.Password"] = "Wrong-pass-123!" });
        var notAnEmail = await browser.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "anna", ["Input.Password"] = "x" });

        var emptyText = await empty.TextAsync();
        Assert.Contains("Поле «Электронная почта» обязательно.", emptyText);
        Assert.Contains("Поле «Пароль» обязательно.", emptyText);
        var wrongText = await wrong.TextAsync();
        Assert.Contains("Неверная электронная почта или пароль. После 5 неудачных попыток учётная запись блокируется на 15 минут.", wrongText);
        Assert.Contains("Поле «Электронная почта» не похоже на адрес электронной почты.", await notAnEmail.TextAsync());
        await AssertRussianAsync("/Account/Login", wrongText);
    }

    [Fact]
    public async Task Identitys_own_messages_are_in_Russian_for_a_Russian_reader()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ru-RU");
        try
        {
            var tooShort = await users.CreateAsync(new ApplicationUser { UserName = "short@example.com", Email = "short@example.com" }, "Ab1!");
            var common = await users.CreateAsync(new ApplicationUser { UserName = "common@example.com", Email = "common@example.com" }, "Password123!");
            var taken = await users.CreateAsync(new ApplicationUser { UserName = MlmAppFactory.AdminEmail, Email = MlmAppFactory.AdminEmail }, "A-long-and-unusual-pass-77");

            Assert.Contains("Пароль должен быть не короче 8 символов.", tooShort.Errors.Select(e => e.Description));
            Assert.Contains("Это один из самых распространённых паролей, его легко подобрать; выберите другой.", common.Errors.Select(e => e.Description));
            Assert.Contains($"Имя пользователя «{MlmAppFactory.AdminEmail}» уже занято.", taken.Errors.Select(e => e.Description));
            Assert.All(tooShort.Errors.Concat(common.Errors).Concat(taken.Errors), e => Assert.Matches("[А-Яа-я]", e.Description));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    [Fact]
    public async Task The_sale_form_speaks_Russian_from_its_errors_to_its_flash()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("VIT", 1250.50m);
        var (_, sponsor) = await App.SignUpThroughReferralAsync(null, "Ирина", "irina@example.com");
        var (browser, _) = await App.SignUpThroughReferralAsync(sponsor.Code(), "Олег", "oleg@example.com");
        InRussian(browser);
        App.Translations.Take();

        var fraction = await browser.PostFormAsync("/Sales/New", new() { ["Input.Lines[0].Sku"] = "VIT", ["Input.Lines[0].Quantity"] = "2,5", ["Input.Key"] = "k1", ["Input.Kind"] = "personal" });
        var nothing = await browser.PostFormAsync("/Sales/New", new() { ["Input.Lines[0].Sku"] = "VIT", ["Input.Lines[0].Quantity"] = "0", ["Input.Key"] = "k2", ["Input.Kind"] = "personal" });
        var posted = await browser.PostFormAsync("/Sales/New", new() { ["Input.Lines[0].Sku"] = "VIT", ["Input.Lines[0].Quantity"] = "2", ["Input.Key"] = "k3", ["Input.Kind"] = "personal" });
        var sales = await (await browser.GetAsync("/Sales")).TextAsync();

        var fractionText = await fraction.TextAsync();
        Assert.Contains("Значение «2,5» недопустимо для поля «Количество».", fractionText);
        await AssertRussianAsync("/Sales/New", fractionText);
        Assert.Contains("Укажите количество хотя бы для одного товара.", await nothing.TextAsync());
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var ru = CultureInfo.GetCultureInfo("ru-RU");
        Assert.Matches($"Продажа №\\d+ записана: сумма 2{ru.NumberFormat.NumberGroupSeparator}501,00\\s€, объём 2{ru.NumberFormat.NumberGroupSeparator}501,00\\. Вы заработали 250,10\\s€\\. Заработал и один участник выше вас по цепочке спонсоров\\.", sales);
        await AssertRussianAsync("/Sales", sales);
    }

    [Fact]
    public async Task A_refused_sale_is_explained_in_Russian()
    {
        await App.CreateProductAsync("VIT", 10m);
        var (browser, me) = await App.SignUpThroughReferralAsync(null, "Олег", "oleg@example.com");
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(me.Id(), "Inactive")).StatusCode);
        InRussian(browser);

        var refused = await browser.PostFormAsync("/Sales/New", new() { ["Input.Lines[0].Sku"] = "VIT", ["Input.Lines[0].Quantity"] = "1", ["Input.Key"] = "k", ["Input.Kind"] = "personal" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Продавать могут только активные дистрибьюторы; статус этого дистрибьютора — «Неактивен».", await refused.TextAsync());
        Assert.Equal(0, await App.WithDbAsync(db => db.Sales.CountAsync()));
    }

    [Fact]
    public async Task Error_pages_are_in_Russian()
    {
        var browser = InRussian(App.CreateBrowser());
        App.Translations.Take();

        var missing = await browser.GetAsync("/no/such/page");
        var html = await missing.TextAsync();

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Страница не найдена", html);
        Assert.Contains("Ошибка 404", html);
        await AssertRussianAsync("/no/such/page", html);
    }

    [Fact]
    public async Task Reversed_and_forfeited_lines_are_explained_in_Russian_and_in_English()
    {
        App.Clock.Set(new DateTime(2026, 9, 10, 9, 0, 0, DateTimeKind.Utc));
        using (var api = App.CreateApiClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("/api/v1/commission-plan", new { personalPercent = 10m, levels = new[] { 5m }, minPersonalVolume = 100m })).StatusCode);
        }

        await App.CreateProductAsync("VIT-01", 40m);
        var (leaderBrowser, leader) = await App.SignUpThroughReferralAsync(null, "Ирина Петрова", "irina@example.com");
        var recruit = await App.CreateDistributorAsync("Олег Смирнов", "oleg@example.com", leader.Code());
        var sale = await (await App.PostSaleAsync(recruit.Id(), "s1", ("VIT-01", 3))).Content.ReadFromJsonAsync<JsonElement>();
        using (var api = App.CreateApiClient())
        {
            using var refund = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sales/{sale.Id()}/refund") { Content = JsonContent.Create(new { lines = new[] { new { sku = "VIT-01", quantity = 1 } } }) };
            refund.Headers.Add("Idempotency-Key", "r1");
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(refund)).StatusCode);
        }

        App.Clock.Set(new DateTime(2026, 10, 2, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-09")).StatusCode);
        var lines = await App.WithDbAsync(db => db.CommissionLines.Where(l => l.BeneficiaryId == leader.Id()).ToDictionaryAsync(l => l.Kind, l => l.Id));
        Assert.Equal(3, lines.Count);

        var english = await (await leaderBrowser.GetAsync($"/Lines/{lines[CommissionLineKind.Commission]}")).TextAsync();
        Assert.Contains($"(Reversal, September 2026) takes back €2.00 of this line: Refund of 1 x VIT-01 of sale #{sale.Id()}.", english);
        Assert.Contains("(Forfeit, September 2026) takes back €4.00 of this line: Personal volume 0.00 in September 2026 was below the minimum 100.00.", english);

        InRussian(leaderBrowser);
        App.Translations.Take();
        foreach (var (kind, id) in lines)
        {
            var address = $"/Lines/{id}";
            var html = await (await leaderBrowser.GetAsync(address)).TextAsync();
            await AssertRussianAsync(address, html);
            if (kind == CommissionLineKind.Forfeit)
            {
                Assert.Matches("Личный объём 0,00 за сентябрь 2026(\\sг\\.)? ниже минимума 100,00\\. Эта строка забирает 4,00\\s€ из строки <a href=\"/Lines/\\d+\">#\\d+</a>\\.", html);
            }
        }

        var commissions = await (await leaderBrowser.GetAsync("/Commissions")).TextAsync();
        Assert.Contains("Сторно", commissions);
        Assert.Contains("Списание", commissions);
        await AssertRussianAsync("/Commissions", commissions);
        var statements = await (await leaderBrowser.GetAsync("/Statements")).TextAsync();
        Assert.Contains("нет (объём 0,00)", statements);
        await AssertRussianAsync("/Statements", statements);
    }
}
