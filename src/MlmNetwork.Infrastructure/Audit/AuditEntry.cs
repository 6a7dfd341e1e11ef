namespace MlmNetwork.Infrastructure;

/// <summary>Who did what, for admin actions.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public string Actor { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    /// <summary>What the action was done to, in English as written (searched and exported).</summary>
    public string Subject { get; set; } = string.Empty;

    /// <summary>The <see cref="AuditTemplate"/> of <see cref="Subject"/> as JSON, to show it in the reader's language; null for entries written before templates (their English text is all there is).</summary>
    public string? SubjectTemplate { get; set; }

    public string Details { get; set; } = string.Empty;

    /// <summary>The <see cref="AuditTemplate"/> of <see cref="Details"/> as JSON; null as for <see cref="SubjectTemplate"/>.</summary>
    public string? DetailsTemplate { get; set; }
}
