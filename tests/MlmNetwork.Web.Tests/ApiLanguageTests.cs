using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// The API's problems speak the request's language: the same bad request with
/// <c>Accept-Language: ru-RU</c> gets a Russian title and detail, without it English; the JSON
/// field names and the named input field stay as they are.
/// </summary>
public class ApiLanguageTests(MlmAppFactory app) : AppTest(app)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private HttpClient Api(string? language, string? key = MlmAppFactory.ApiKey)
    {
        var api = App.CreateApiClient(key);
        if (language is not null)
        {
            api.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        return api;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType()?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    private static string? Text(JsonElement problem, string property) => problem.TryGetProperty(property, out var value) ? value.GetString() : null;

    public static TheoryData<string?, string, string> RefusedPrice => new()
    {
        { null, "Unprocessable request", "Price must be more than zero." },
        { "en-US", "Unprocessable request", "Price must be more than zero." },
        { "ru-RU", "Запрос не может быть выполнен", "Цена должна быть больше нуля." },
        { "ru", "Запрос не может быть выполнен", "Цена должна быть больше нуля." },
    };

    [Theory]
    [MemberData(nameof(RefusedPrice))]
    public async Task A_refused_rule_reads_in_the_language_of_the_request_and_keeps_its_field_name(string? language, string title, string detail)
    {
        using var api = Api(language);

        var problem = await ProblemAsync(await api.PostAsync("/api/v1/products", Json("""{"sku":"P1","name":"Free","price":0}""")), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(title, Text(problem, "title"));
        Assert.Equal(detail, Text(problem, "detail"));
        Assert.Equal("price", Text(problem, "field"));
    }

    [Fact]
    public async Task Every_kind_of_problem_the_api_writes_is_in_Russian_for_a_Russian_request()
    {
        await App.CreateProductAsync("DUP", 10m);
        using var ru = Api("ru-RU");
        using var en = Api(null);
        using var anonymous = Api("ru-RU", key: null);
        using var noKey = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales") { Content = Json("""{"distributorId":1,"lines":[{"sku":"DUP","quantity":1}]}""") };

        var duplicate = await ProblemAsync(await ru.PostAsync("/api/v1/products", Json("""{"sku":"dup","name":"Again","price":5}""")), HttpStatusCode.Conflict);
        var required = await ProblemAsync(await ru.PostAsync("/api/v1/products", Json("""{"sku":"P4","name":"No price"}""")), HttpStatusCode.UnprocessableEntity);
        var unknown = await ProblemAsync(await ru.GetAsync("/api/v1/distributors/999999"), HttpStatusCode.NotFound);
        var withoutKey = await ProblemAsync(await ru.SendAsync(noKey), HttpStatusCode.BadRequest);
        var unreadable = await ProblemAsync(await ru.PostAsync("/api/v1/products", Json("{\"sku\":")), HttpStatusCode.BadRequest);
        var unauthorized = await ProblemAsync(await anonymous.GetAsync("/api/v1/products"), HttpStatusCode.Unauthorized);
        var noRoute = await ProblemAsync(await ru.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound);
        var englishUnknown = await ProblemAsync(await en.GetAsync("/api/v1/distributors/999999"), HttpStatusCode.NotFound);
        var unknownDownline = await ProblemAsync(await ru.GetAsync("/api/v1/distributors/999999/downline"), HttpStatusCode.NotFound);
        var unboundLimit = await ProblemAsync(await ru.GetAsync("/api/v1/sales?limit=abc"), HttpStatusCode.BadRequest);

        Assert.Equal(("Конфликт", "Товар с артикулом DUP уже есть.", "sku"), (Text(duplicate, "title"), Text(duplicate, "detail"), Text(duplicate, "field")));
        Assert.Equal(("Запрос не может быть выполнен", "Поле «price» обязательно.", "price"), (Text(required, "title"), Text(required, "detail"), Text(required, "field")));
        Assert.Equal(("Не найдено", "Дистрибьютора с id 999999 нет."), (Text(unknown, "title"), Text(unknown, "detail")));
        Assert.Equal(("Неверный запрос", "Нужен заголовок Idempotency-Key: так повторённый запрос никогда не проведёт продажу дважды."), (Text(withoutKey, "title"), Text(withoutKey, "detail")));
        Assert.Equal(("Неверный запрос", "Тела запроса нет, или это не тот JSON, который принимает этот адрес."), (Text(unreadable, "title"), Text(unreadable, "detail")));
        Assert.Equal(("Нужна авторизация", "Передайте действующий ключ API в заголовке X-Api-Key."), (Text(unauthorized, "title"), Text(unauthorized, "detail")));
        Assert.Equal(("Не найдено", "Дистрибьютора с id 999999 нет."), (Text(unknownDownline, "title"), Text(unknownDownline, "detail")));
        Assert.Equal(("Неверный запрос", "«abc» — недопустимое значение параметра limit; его формат описан в справочнике API."), (Text(unboundLimit, "title"), Text(unboundLimit, "detail")));
        Assert.Equal("Не найдено", Text(noRoute, "title"));
        Assert.Equal(("Not found", "No distributor has id 999999."), (Text(englishUnknown, "title"), Text(englishUnknown, "detail")));
    }

    [Fact]
    public async Task A_refused_batch_names_each_bad_row_in_Russian()
    {
        await App.CreateProductAsync("A", 10m);
        var seller = await App.CreateDistributorAsync("Seller", "seller@example.com", null);
        using var ru = Api("ru-RU");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales/batch")
        {
            Content = JsonContent.Create(new { sales = new object[] { new { distributorId = seller.Id(), lines = new[] { new { sku = "A", quantity = 1 } } }, new { distributorId = 999_999, lines = new[] { new { sku = "A", quantity = 1 } } }, new { distributorId = seller.Id(), lines = new[] { new { sku = "NOPE", quantity = 1 } } } } }),
        };
        request.Headers.Add("Idempotency-Key", "ru-batch");

        var problem = await ProblemAsync(await ru.SendAsync(request), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("Пакет отклонён", Text(problem, "title"));
        Assert.Equal("Строк пакета с ошибками: 2; ничего не проведено.", Text(problem, "detail"));
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("message").GetString())).ToList();
        Assert.Equal([(1, "Дистрибьютора с id 999999 нет."), (2, "Неизвестный артикул товара «NOPE».")], errors);
    }

    [Fact]
    public async Task A_refusal_with_an_amount_shows_it_in_the_readers_format_with_the_currency()
    {
        App.Clock.Set(new DateTime(2026, 9, 2, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-08")).StatusCode);
        using var ru = Api("ru-RU");
        using var en = Api(null);

        var russian = await ProblemAsync(await ru.PostAsJsonAsync("/api/v1/payout-runs", new { upTo = "2026-08" }), HttpStatusCode.UnprocessableEntity);
        var english = await ProblemAsync(await en.PostAsJsonAsync("/api/v1/payout-runs", new { upTo = "2026-08" }), HttpStatusCode.UnprocessableEntity);

        Assert.Matches("^Ни у кого нет остатка к выплате по 2026-08, который достигает минимальной выплаты 10,00\\s€; выплачивать нечего\\.$", Text(russian, "detail"));
        Assert.Equal("Nobody has a payable balance up to 2026-08 that reaches the minimum payout of €10.00; there is nothing to pay.", Text(english, "detail"));
        Assert.Equal("upTo", Text(russian, "field"));
        Assert.Equal("upTo", Text(english, "field"));
    }
}
