using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// A few hundred hostile requests over the API and the forms, from a fixed seed (MLM_FUZZ_SEED to
/// replay another): wrong types, huge and negative numbers, control characters, markup, broken
/// JSON, methods pages do not serve. None may be answered with a 5xx.
/// </summary>
public partial class FuzzTests(MlmAppFactory app, ITestOutputHelper output) : AppTest(app)
{
    private static readonly string[] HostileText =
    [
        "", " ", "\0", "a\0b", "\u0001\u0002", "\u202eevil", "🙂🙂", new string('x', 5000), "<script>alert(1)</script>", "' OR 1=1 --",
        "../../etc/passwd", "%00", "0x10", "-1", "0", "2147483648", "-2147483649", "99999999999999999999999", "1e309", "NaN", "Infinity",
        "true", "yes", "on", "null", "[]", "{}", "Active, Terminated", "Terminated ", "2", "12,50", "1.005", "1 000", "--", "\t",
        "9999-12", "0000-00", "2026-13", "2026-1", "abc@", "a@b", "@", "VIT-C", "   Active",
    ];

    private readonly Random random = new(int.TryParse(Environment.GetEnvironmentVariable("MLM_FUZZ_SEED"), out var seed) ? seed : 8_2026);
    private readonly List<string> serverErrors = [];

    [Fact]
    public async Task Hundreds_of_hostile_requests_never_get_a_5xx()
    {
        await App.CreateProductAsync("A", 10m);
        await App.CreateProductAsync("B", 25.5m, 20m);
        var sponsor = await App.CreateDistributorAsync("Fuzz Sponsor", "fuzz-sponsor@example.com", null);
        var (distributor, me) = await App.SignUpThroughReferralAsync(sponsor.Code(), "Fuzz Me", "fuzz-me@example.com");
        var admin = await App.LoginAsAdminAsync();
        var ids = new[] { "0", "-1", sponsor.Id().ToString(System.Globalization.CultureInfo.InvariantCulture), me.Id().ToString(System.Globalization.CultureInfo.InvariantCulture), "999999999", "9223372036854775807", "abc", "1.5" };
        using var api = App.CreateApiClient();
        using var anonymous = App.CreateBrowser();
        var tokens = new Dictionary<(HttpClient, string), string>();

        for (var i = 0; i < 400; i++)
        {
            switch (random.Next(14))
            {
                case 0:
                    await ApiAsync(api, HttpMethod.Post, "/api/v1/products", Body("sku", "name", "price", "commissionBase"));
                    break;
                case 1:
                    await ApiAsync(api, HttpMethod.Post, "/api/v1/distributors", Body("name", "email", "sponsorReferralCode"));
                    break;
                case 2:
                    await ApiAsync(api, HttpMethod.Put, $"/api/v1/distributors/{Pick(ids)}/status", Body("status", "reason"));
                    break;
                case 3:
                    await ApiAsync(api, HttpMethod.Post, "/api/v1/sales", SaleBody(ids), idempotencyKey: Header());
                    break;
                case 4:
                    await ApiAsync(api, HttpMethod.Post, "/api/v1/sales/batch", random.Next(3) == 0 ? Raw() : $"{{\"sales\":[{SaleBody(ids)},{SaleBody(ids)}]}}", idempotencyKey: Header());
                    break;
                case 5:
                    await ApiAsync(api, HttpMethod.Put, "/api/v1/commission-plan", random.Next(2) == 0 ? Body("personalPercent", "minPersonalVolume", "compression") : $"{{\"personalPercent\":{Value()},\"levels\":[{Value()},{Value()}]}}");
                    break;
                case 6:
                    await ApiAsync(api, HttpMethod.Post, $"/api/v1/periods/{Uri.EscapeDataString(PickText(withNul: false))}/close", null);
                    break;
                case 7:
                    await ApiAsync(api, HttpMethod.Get, $"/api/v1/distributors/{Pick(ids)}/commissions?page={Uri.EscapeDataString(PickText())}&pageSize={Uri.EscapeDataString(PickText())}", null);
                    break;
                case 8:
                    await ApiAsync(api, Pick([HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch]), Pick(["/api/v1/products", "/api/v1/sales", "/api/v1/distributors/1", "/api/v1/commission-plan"]), Raw(), contentType: Pick(["application/json", "text/plain", "application/x-www-form-urlencoded", "application/xml"]));
                    break;
                case 9:
                    await FormAsync(tokens, anonymous, "/join", Fields("Input.Name", "Input.Email", "Input.Password", "Input.StarterKitId", "Input.AcceptTerms", "Input.TermsVersion"));
                    break;
                case 10:
                    await FormAsync(tokens, distributor, "/Sales/New", Fields("Input.Key", "Input.Lines[0].Sku", "Input.Lines[0].Quantity", "Input.Lines[1].Quantity", "Input.Reference"));
                    break;
                case 11:
                    var (page, fields) = Pick<(string, string[])>(
                    [
                        ("/Admin/Products/Edit", ["Input.Sku", "Input.Name", "Input.Price", "Input.CommissionBase"]),
                        ("/Admin/Kits/Edit", ["Input.Name", "Input.Price", "Input.Active", "Input.Items[0].ProductId", "Input.Items[0].Quantity"]),
                        ("/Admin/Terms", ["Input.Body", "Input.ChangeNote"]),
                        ("/Admin/Training/Edit", ["Input.Title", "Input.Body", "Input.Position", "Input.VideoUrl", "Input.Language", "Input.Published"]),
                        ("/Admin/Plan", ["Input.PersonalPercent", "Input.Levels[0]", "Input.Levels[1]", "Input.Compression", "Input.MinPersonalVolume"]),
                        ($"/Admin/Distributors/Details/{sponsor.Id()}?handler=Status", ["StatusForm.Status", "StatusForm.Reason"]),
                        ("/Admin/ApiKeys?handler=Create", ["Name"]),
                        ("/Admin/Periods?handler=Close", ["period", "Period", "Input.Period"]),
                    ]);
                    await FormAsync(tokens, admin, page, Fields(fields), formPage: page.Split('?')[0]);
                    break;
                case 12:
                    var url = Pick(["/Admin/Distributors?q=", "/Admin/Sales?distributorId=", "/Admin/Audit?page=", "/Commissions?page=", "/Sales?page=", "/Genealogy?root=", "/Lines/", "/Admin/Sales/Details/", "/Admin/Periods/Details/", "/join/", "/Training/", "/Team/Recruits/", "/Terms/", "/Admin/Kits/Edit/", "/Admin/Terms/Details/", "/Admin/Training/Progress/"]);
                    await SendAsync(Pick([admin, distributor, anonymous]), new HttpRequestMessage(HttpMethod.Get, url + Uri.EscapeDataString(PickText(withNul: !url.EndsWith('/')))));
                    break;
                default:
                    await FormAsync(tokens, Pick([admin, distributor]), Pick(["/Dashboard", "/Genealogy", "/Commissions", "/Statements", "/Admin", "/Admin/Audit", "/Admin/Sales", "/"]) + (random.Next(2) == 0 ? "?handler=" + Uri.EscapeDataString(PickText(withNul: false)) : string.Empty), Fields("x", "Input.Name"), formPage: "/");
                    break;
            }
        }

        Assert.True(serverErrors.Count == 0, string.Join("\n", serverErrors.Take(20)));
    }

    private async Task ApiAsync(HttpClient api, HttpMethod method, string url, string? body, string? idempotencyKey = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        await SendAsync(api, request, body);
    }

    private async Task FormAsync(Dictionary<(HttpClient, string), string> tokens, HttpClient browser, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var from = formPage ?? url;
        if (!tokens.TryGetValue((browser, from), out var token))
        {
            var page = await browser.GetAsync(from);
            token = WebUtility.HtmlDecode(AntiforgeryToken().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);
            tokens[(browser, from)] = token;
        }

        if (random.Next(10) > 0)
        {
            fields["__RequestVerificationToken"] = token;
        }

        await SendAsync(browser, new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) }, string.Join("&", fields.Select(f => $"{f.Key}={Shorten(f.Value)}")));
    }

    private async Task SendAsync(HttpClient client, HttpRequestMessage request, string? body = null)
    {
        using (request)
        {
            var response = await client.SendAsync(request);
            if ((int)response.StatusCode >= 500)
            {
                var what = $"{request.Method} {request.RequestUri} {Shorten(body ?? string.Empty)} -> {(int)response.StatusCode}";
                serverErrors.Add(what);
                output.WriteLine(what);
            }
        }
    }

    private string Body(params string[] names) =>
        random.Next(8) == 0 ? Raw() : "{" + string.Join(",", names.Where(_ => random.Next(5) > 0).Select(n => $"\"{n}\":{Value()}")) + "}";

    private string SaleBody(string[] ids) =>
        $"{{\"distributorId\":{(random.Next(3) == 0 ? Value() : Pick(ids.Where(i => long.TryParse(i, out _)).ToArray()))},\"lines\":[{{\"sku\":{Value()},\"quantity\":{Value()}}},{{\"sku\":\"A\",\"quantity\":{Value()}}}],\"externalId\":{Value()}}}";

    /// <summary>A JSON value of a random kind: hostile strings, extreme numbers, booleans, null, arrays, objects.</summary>
    private string Value() => random.Next(9) switch
    {
        0 => "null",
        1 => Pick(["true", "false"]),
        2 => Pick(["0", "-1", "1", "2147483648", "-9223372036854775809", "1e308", "0.001", "12.345", "99999999999999999999.99", "-0.0"]),
        3 => "[1,\"a\",null]",
        4 => "{\"a\":1}",
        5 => "\"\\ud800\"",
        _ => System.Text.Json.JsonSerializer.Serialize(PickText()),
    };

    private string Raw() => Pick(["{", "[]", "null", "\"text\"", "{\"a\":", "<xml/>", new string('[', 200) + new string(']', 200), "{\"lines\":[{}]}", "\u0000", "{\"sales\":null}", string.Empty]);

    private Dictionary<string, string> Fields(params string[] names) =>
        names.Where(_ => random.Next(6) > 0).ToDictionary(n => n, _ => PickText());

    private string? Header() => random.Next(6) == 0 ? null : Pick(["k", new string('k', 500), "\u0001", "key with spaces", "🙂", Guid.NewGuid().ToString()]);

    private string PickText(bool withNul = true)
    {
        var text = Pick(HostileText);
        return withNul || !text.Contains('\0', StringComparison.Ordinal) ? text : "nul";
    }

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
