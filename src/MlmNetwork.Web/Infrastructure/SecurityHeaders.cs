namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// Headers on every response: a content security policy that allows this site's own scripts,
/// styles and images only, no framing, no MIME sniffing, and the referrer kept to our origin.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Inline <c>style</c> attributes still written by pages of the plan and sale forms, allowed by
    /// their hash only (CSP 'unsafe-hashes'); a new inline style belongs in site.css instead.
    /// </summary>
    private static readonly string[] InlineStyleHashes =
    [
        "'sha256-2fXajiba1DVQDUCl1bQfA0g0Wb61glCKkOJ1gP6n634='", // width:6rem
        "'sha256-Zua2UqaVAYIHv6o5B+8NNf0hzi9nCeWgd1uBHNUdFig='", // margin-top:1rem
        "'sha256-OX/u7j8QAl+MnhGMTIwTrjhrTxXPvq6B2EcvM/SrpFE='", // display:inline-grid;margin-right:.5rem
    ];

    public static readonly string ContentSecurityPolicy = string.Join(
        "; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-hashes' " + string.Join(' ', InlineStyleHashes),
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.Remove("Server");
                return Task.CompletedTask;
            });
            await next(context);
        });
}
