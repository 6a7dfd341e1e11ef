namespace MlmNetwork.Infrastructure.Mail;

/// <summary>
/// An e-mail waiting to be sent, written in the same transaction as what caused it (ADR 010).
/// The mail worker claims it for a while (<see cref="ClaimedUntil"/>), sends it, and marks it
/// sent; a failed attempt is tried again later, and one that keeps failing is marked failed for
/// an admin to see.
/// </summary>
public sealed class OutboxMessage
{
    public const int AddressMaxLength = 254;
    public const int SubjectMaxLength = 300;
    public const int KindMaxLength = 40;
    public const int ErrorMaxLength = 500;

    public long Id { get; set; }

    /// <summary>The Message-ID header, fixed when the message is written, so a message sent twice after a crash is recognisably one message.</summary>
    public string MessageId { get; set; } = string.Empty;

    public string ToAddress { get; set; } = string.Empty;

    public string ToName { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string TextBody { get; set; } = string.Empty;

    public string HtmlBody { get; set; } = string.Empty;

    /// <summary>What it is ("confirm-email", "notification.statement"), for the log and the admin page.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>It carries a secret link (a password reset, an e-mail confirmation): its body is erased once sent.</summary>
    public bool Sensitive { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    /// <summary>A worker is sending it until then; after that, another worker may take it over (the first one died).</summary>
    public DateTime? ClaimedUntil { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>Gave up after the last attempt; an admin can try it again.</summary>
    public DateTime? FailedAt { get; set; }

    public string? LastError { get; set; }
}
