using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// Behind a TLS-terminating reverse proxy: the client address and scheme are taken from
/// X-Forwarded-For / X-Forwarded-Proto only when the request comes from a known proxy
/// (<c>ForwardedHeaders:KnownProxies</c>, addresses separated by commas; default: this machine
/// only). The forwarded Host is never trusted: public links come from <c>App:PublicBaseUrl</c>.
/// </summary>
public static class TrustedProxies
{
    public static void Configure(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = 1;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Add(IPAddress.Loopback);
        options.KnownProxies.Add(IPAddress.IPv6Loopback);
        var configured = configuration["ForwardedHeaders:KnownProxies"];
        foreach (var text in (configured ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            options.KnownProxies.Add(IPAddress.TryParse(text, out var address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{text}' is not an IP address."));
        }
    }
}
