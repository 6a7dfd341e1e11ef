using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MlmNetwork.Web.Infrastructure.Mail;

/// <summary>
/// The address links in e-mails written in the background start with: <c>App:PublicBaseUrl</c>
/// when set (it should be, in production), otherwise the first address this app listens on.
/// E-mails written while answering a request use that request's address (<see cref="PublicLinks"/>).
/// </summary>
public sealed class MailLinks(IConfiguration configuration, IServer server)
{
    private readonly Uri? configured = PublicLinks.Read(configuration["App:PublicBaseUrl"]);

    /// <summary>The base address, ending with '/'.</summary>
    public string Base
    {
        get
        {
            if (configured is not null)
            {
                return configured.AbsoluteUri;
            }

            var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (listening is null)
            {
                return "http://localhost/";
            }

            var local = listening.Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
                .Replace("://[::]", "://localhost", StringComparison.Ordinal);
            return local.TrimEnd('/') + "/";
        }
    }

    /// <summary>An absolute link to a local path ("/Statements").</summary>
    public string To(string path) => Base + (path ?? string.Empty).TrimStart('/');
}
