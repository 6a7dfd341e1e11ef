using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlmNetwork.Infrastructure.Security;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// Per-client limits. Login and sign-up count the form submissions (POSTs) per client address,
/// whatever headers come with them; the API counts per valid key, and per address for calls
/// with no key or a key that is not (yet) known valid, with a much smaller budget for those.
/// </summary>
public static class RateLimits
{
    public const string SlowDown = "Slow down and try again shortly.";

    public static IServiceCollection AddMlmRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("RateLimits");
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KnownApiKeys>();
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = "60";
                if (http.Request.IsApi())
                {
                    await Results.Problem(title: "Too many requests", detail: http.RequestServices.GetRequiredService<RuleMessages>().Text(SlowDown), statusCode: 429).ExecuteAsync(http);
                }

                // A page request gets the status alone: the status code pages show the HTML page for it.
            };
            options.AddPolicy(Policies.LoginLimit, http => Submissions(http, limits.GetValue("LoginPerMinute", 10)));
            options.AddPolicy(Policies.SignUpLimit, http => Submissions(http, limits.GetValue("SignUpPerMinute", 5)));
            options.AddPolicy(Policies.ApiLimit, http => ApiCalls(http, limits.GetValue("ApiPerSecond", 2000), limits.GetValue("ApiUnknownKeyPerMinute", 60)));
        });
    }

    private static RateLimitPartition<string> Submissions(HttpContext http, int perMinute) =>
        HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            ? RateLimitPartition.GetNoLimiter("views")
            : Window("ip:" + http.Connection.RemoteIpAddress, perMinute, TimeSpan.FromMinutes(1));

    private static RateLimitPartition<string> ApiCalls(HttpContext http, int perSecond, int unknownPerMinute)
    {
        var key = http.Request.Headers[ApiKeyAuthenticationHandler.HeaderName].ToString().Trim();
        if (key.Length is > 0 and <= ApiKeyAuthenticationHandler.MaxKeyLength)
        {
            var hash = ApiKey.Hash(key);
            if (http.RequestServices.GetRequiredService<KnownApiKeys>().IsKnown(hash))
            {
                return Window("key:" + hash, perSecond, TimeSpan.FromSeconds(1));
            }
        }

        // No key, or one not seen valid lately: each such call may cost a database look-up, so few per address.
        return Window("unknown-key:" + http.Connection.RemoteIpAddress, unknownPerMinute, TimeSpan.FromMinutes(1));
    }

    private static RateLimitPartition<string> Window(string partition, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(
            partition,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0 });
}
