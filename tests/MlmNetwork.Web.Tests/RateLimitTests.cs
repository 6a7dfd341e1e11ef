using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

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
}
