namespace MlmNetwork.Infrastructure.Sales;

public enum SaleImportState
{
    Running,
    Imported,
    AlreadyImported,
    Refused,
    Failed,
}

/// <summary>
/// One uploaded sales file as the admin's progress page sees it, kept in the database so any
/// app instance can show it: written when the import starts, its progress every few tenths of a
/// second, and its outcome when it ends. The texts (summary, errors, refused orders) are kept
/// as JSON of templates with their values, so each reader sees them in their own language.
/// </summary>
public sealed class SaleImportRecord
{
    public const int FileNameMaxLength = 200;
    public const int ActorMaxLength = 256;
    public const int BatchKeyMaxLength = 200;

    public Guid Id { get; set; }

    public string FileName { get; set; } = string.Empty;

    public string StartedBy { get; set; } = string.Empty;

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>The sales of the file.</summary>
    public int Total { get; set; }

    public SaleImportState State { get; set; }

    public int Checked { get; set; }

    public int Written { get; set; }

    /// <summary>True when the good orders are posted and the refused ones handed back.</summary>
    public bool PostGoodOrders { get; set; }

    /// <summary>The batch key the file is posted under (its hash): what tells whether it was posted.</summary>
    public string BatchKey { get; set; } = string.Empty;

    /// <summary>How it went: a template with its values, as JSON.</summary>
    public string Summary { get; set; } = string.Empty;

    /// <summary>The orders that refused the file (whole-or-nothing mode): JSON, a list of templates with values.</summary>
    public string Errors { get; set; } = "[]";

    /// <summary>The file's header as written, JSON: the refused-orders file repeats it.</summary>
    public string Header { get; set; } = "[]";

    /// <summary>The orders left out (good-orders mode), with their records as written and why: JSON.</summary>
    public string Refused { get; set; } = "[]";

    public int RefusedCount { get; set; }

    /// <summary>The orders an earlier file had posted, skipped: JSON.</summary>
    public string AlreadyImported { get; set; } = "[]";
}
