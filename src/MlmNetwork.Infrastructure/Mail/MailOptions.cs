namespace MlmNetwork.Infrastructure.Mail;

/// <summary>
/// How e-mail leaves: through SMTP when <c>Smtp:Host</c> is set, otherwise as .eml files in
/// <c>Mail:PickupDirectory</c> (App_Data/mail under the content root by default), so nothing
/// fails on a machine with no mail server.
/// </summary>
public sealed class MailOptions
{
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>TLS on connect for port 465, STARTTLS otherwise; false sends in the clear (a local relay).</summary>
    public bool SmtpUseTls { get; set; } = true;

    /// <summary>The sender, "Name &lt;address&gt;" or an address.</summary>
    public string From { get; set; } = "MlmNetwork <no-reply@mlmnetwork.local>";

    public string PickupDirectory { get; set; } = "App_Data/mail";

    /// <summary>Attempts before a message is marked failed; between them the wait doubles from one minute up to six hours.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How long a worker holds a claimed message; a worker that died lets go after this.</summary>
    public TimeSpan ClaimFor { get; set; } = TimeSpan.FromMinutes(5);

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(SmtpHost);

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: 1, 2, 4 ... minutes, at most 6 hours.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, Math.Clamp(attempts - 1, 0, 16))));
}
