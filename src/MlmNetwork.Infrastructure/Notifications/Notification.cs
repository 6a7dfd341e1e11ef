using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Notifications;

/// <summary>
/// A notification shown to a distributor in the app (the bell and /Notifications), written in
/// their language when it was made. A row with <see cref="InApp"/> false records only that an
/// e-mail went out, so a once-a-month notice is not repeated.
/// </summary>
public sealed class Notification
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 1000;
    public const int LinkMaxLength = 200;
    public const int KeyMaxLength = 100;

    public long Id { get; set; }

    public long DistributorId { get; set; }

    public NotificationKind Kind { get; set; }

    public string Title { get; set; } = string.Empty;

    public string Body { get; set; } = string.Empty;

    /// <summary>A local path to the page about it ("/Statements").</summary>
    public string? Link { get; set; }

    public bool InApp { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }

    /// <summary>What makes it once-only for its recipient ("low-volume:202610"); null when the event itself is once-only.</summary>
    public string? OnceKey { get; set; }
}
