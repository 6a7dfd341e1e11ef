namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// Headers on every response: a content security policy that allows this site's own scripts,
/// styles and images only, no framing, no MIME sniffing, and the referrer kept to our origin.
/// </summary>
public static class SecurityHeaders
{
    public static readonly string ContentSecurityPolicy = string.Join(
        "; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
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
