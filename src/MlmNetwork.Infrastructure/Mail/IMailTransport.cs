using MimeKit;

namespace MlmNetwork.Infrastructure.Mail;

/// <summary>Where e-mail goes: an SMTP server or the pickup folder. A session sends a batch over one connection.</summary>
public interface IMailTransport
{
    Task<IMailSession> OpenAsync(CancellationToken ct);
}

public interface IMailSession : IAsyncDisposable
{
    /// <summary>Delivers the message; returns false when it had already been delivered by an earlier attempt (the pickup folder can tell).</summary>
    Task<bool> SendAsync(MimeMessage message, string fileName, CancellationToken ct);
}
