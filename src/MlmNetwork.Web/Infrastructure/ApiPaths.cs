namespace MlmNetwork.Web.Infrastructure;

/// <summary>The JSON API lives under /api: its errors are RFC 7807 problems, everything else is a page for people.</summary>
public static class ApiPaths
{
    public static bool IsApi(this HttpRequest request) =>
        request?.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) == true;
}
