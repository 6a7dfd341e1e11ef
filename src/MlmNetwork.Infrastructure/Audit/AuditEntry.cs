namespace MlmNetwork.Infrastructure;

/// <summary>Who did what, for admin actions.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public string Actor { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string Details { get; set; } = string.Empty;
}
