namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// Where people reach the app from outside (<c>App:PublicBaseUrl</c>, e.g. https://team.example.com):
/// referral links and QR codes are built from it, never from the Host header a client sent. When
/// it is not set (a developer's machine) the request's own address is used, and nothing built
/// from it is cached publicly; in Production the start-up log asks for the setting.
/// </summary>
public sealed class PublicLinks(IConfiguration configuration)
{
    private readonly Uri? configured = Read(configuration["App:PublicBaseUrl"]);

    public static Uri? Read(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return null;
        }

        return Uri.TryCreate(setting.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new InvalidOperationException($"App:PublicBaseUrl '{setting}' is not an absolute http(s) address.");
    }

    /// <summary>The base address, ending with '/'.</summary>
    public string BaseFor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return configured?.AbsoluteUri ?? $"{request.Scheme}://{request.Host}{request.PathBase}/";
    }

    public string JoinLink(HttpRequest request, string referralCode) => $"{BaseFor(request)}join/{referralCode}";

    /// <summary>True when links do not depend on the request, so what is built from them may be cached.</summary>
    public bool IsFixed => configured is not null;
}
