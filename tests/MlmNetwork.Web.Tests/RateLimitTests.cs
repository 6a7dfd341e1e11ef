using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MlmNetwork.Web.Tests;

/// <summary>The app with small rate limits, to see the 429s (the other tests run with limits out of reach).</summary>
public sealed class LimitedAppFactory : SqliteAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seed:Demo", "false");
        builder.UseSetting("RateLimits:LoginPerMinute", "3");
        builder.UseSetting("RateLimits:SignUpPerMinute", "2");
        builder.UseSetting("RateLimits:ApiPerSecond", "3");
    }
}

public class RateLimitTests(LimitedAppFactory app) : IClassFixture<LimitedAppFactory>
{
    [Fact]
    public async Task Login_attempts_over_the_limit_get_429()
    {
        var browser = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@example.com" }))).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(3, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Api_calls_over_the_limit_get_a_429_problem()
    {
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Add("X-Api-Key", MlmAppFactory.ApiKey);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            responses.Add(await api.GetAsync("/api/v1/products"));
        }

        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_429_problem_is_in_the_language_of_the_request()
    {
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Add("X-Api-Key", MlmAppFactory.ApiKey);
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru-RU");

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            responses.Add(await api.GetAsync("/api/v1/products"));
        }

        var problem = await responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Слишком много запросов", problem.GetProperty("title").GetString());
        Assert.Equal("Подождите немного и попробуйте снова.", problem.GetProperty("detail").GetString());
    }
}

/// <summary>What the limits count, and what a browser sees over them.</summary>
public sealed class StrictLimitedAppFactory : SqliteAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seed:Demo", "false");
        builder.UseSetting("RateLimits:LoginPerMinute", "3");
        builder.UseSetting("RateLimits:SignUpPerMinute", "2");
        builder.UseSetting("RateLimits:ApiUnknownKeyPerMinute", "5");
        // Every request comes from one outside address that is no known proxy, as over a real connection.
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new FromAddress(IPAddress.Parse("198.51.100.7"))));
    }

    private sealed class FromAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public class RateLimitCountingTests(StrictLimitedAppFactory app) : IClassFixture<StrictLimitedAppFactory>
{
    [Fact]
    public async Task Viewing_the_join_page_is_not_counted_only_submitting_it()
    {
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var views = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            views.Add(await browser.GetAsync("/join"));
        }

        Assert.All(views, v => Assert.Equal(HttpStatusCode.OK, v.StatusCode));
        Assert.Contains("<form", await views[^1].Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_browser_over_the_login_limit_gets_a_page_and_an_api_key_header_does_not_lift_the_limit()
    {
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@example.com" }),
            };
            request.Headers.Add("X-Api-Key", $"made-up-{i}");
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i}");
            statuses.Add(await browser.SendAsync(request));
        }

        Assert.Equal(3, statuses.Count(s => s.StatusCode != HttpStatusCode.TooManyRequests));
        var limited = statuses.Last();
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("text/html", limited.Content.Headers.ContentType?.MediaType);
        var html = await limited.TextAsync();
        Assert.Contains("Too many attempts", html);
        Assert.Contains("href=\"/Account/Login\"", html);
    }

    [Fact]
    public async Task Calls_with_a_wrong_api_key_are_limited_and_a_valid_key_keeps_its_own_budget()
    {
        var valid = app.CreateClient();
        valid.DefaultRequestHeaders.Add("X-Api-Key", MlmAppFactory.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync("/api/v1/products")).StatusCode);
        var wrong = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/products");
            request.Headers.Add("X-Api-Key", $"wrong-key-{i}");
            statuses.Add((await wrong.SendAsync(request)).StatusCode);
        }

        // The valid key's first call took one of the address's 5; after that it is counted on its own.
        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(8, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync("/api/v1/products")).StatusCode);
    }
}
