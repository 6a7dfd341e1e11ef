namespace MlmNetwork.Infrastructure;

public static class AuditLog
{
    public const int ReasonMaxLength = 500;

    /// <summary>The reason an admin gave, trimmed and cut to <see cref="ReasonMaxLength"/>; says so when none was given.</summary>
    public static string Reason(string? reason)
    {
        var text = string.IsNullOrWhiteSpace(reason) ? "no reason given" : reason.Trim();
        return text.Length > ReasonMaxLength ? text[..ReasonMaxLength] : text;
    }

    /// <summary>Adds an audit entry to the context; it is saved with the change it describes.</summary>
    public static void Audit(this MlmDbContext db, string actor, string action, string subject, string details, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.AuditEntries.Add(new AuditEntry
        {
            At = at,
            Actor = actor,
            Action = action,
            Subject = subject,
            Details = details.Length > 2000 ? details[..2000] : details,
        });
    }
}
