namespace MlmNetwork.Infrastructure;

public static class AuditLog
{
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
