namespace MlmNetwork.Infrastructure;

public static class AuditLog
{
    public const int ReasonMaxLength = 500;

    public const int SubjectMaxLength = 200;

    public const int DetailsMaxLength = 2000;

    /// <summary>The reason an admin gave, trimmed and cut to <see cref="ReasonMaxLength"/>, or none given.</summary>
    public static AuditReason Reason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new AuditReason(null);
        }

        var text = reason.Trim();
        return new AuditReason(text.Length > ReasonMaxLength ? text[..ReasonMaxLength] : text);
    }

    /// <summary>
    /// Adds an audit entry to the context; it is saved with the change it describes. Subject and
    /// details written as interpolated strings keep their template, so the log reads in each
    /// admin's language (see <see cref="AuditText"/>).
    /// </summary>
    public static void Audit(this MlmDbContext db, string actor, string action, AuditText subject, AuditText details, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(details);
        db.AuditEntries.Add(new AuditEntry
        {
            At = at,
            Actor = actor,
            Action = action,
            Subject = Cut(subject.English, SubjectMaxLength),
            SubjectTemplate = subject.Template.ToJson(),
            Details = Cut(details.English, DetailsMaxLength),
            DetailsTemplate = details.Template.ToJson(),
        });
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;
}
