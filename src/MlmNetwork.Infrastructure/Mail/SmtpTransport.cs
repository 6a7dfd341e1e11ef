using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace MlmNetwork.Infrastructure.Mail;

/// <summary>Sends through an SMTP server with MailKit, one connection per batch.</summary>
public sealed class SmtpTransport(MailOptions options) : IMailTransport
{
    public async Task<IMailSession> OpenAsync(CancellationToken ct)
    {
        var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            var security = !options.SmtpUseTls ? SecureSocketOptions.None
                : options.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect
                : SecureSocketOptions.StartTls;
            await client.ConnectAsync(options.SmtpHost ?? throw new InvalidOperationException("Smtp:Host is not set."), options.SmtpPort, security, ct);
            if (!string.IsNullOrEmpty(options.SmtpUser))
            {
                await client.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? string.Empty, ct);
            }

            return new Session(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Session(SmtpClient client) : IMailSession
    {
        public async Task<bool> SendAsync(MimeMessage message, string fileName, CancellationToken ct)
        {
            await client.SendAsync(message, ct);
            return true;
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
