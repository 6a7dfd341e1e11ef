using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// Counters per distributor and month, kept up to date in the transaction that posts a sale,
/// so dashboards read a few rows instead of summing a downline.
/// </summary>
public sealed class DistributorMonthStats
{
    public long DistributorId { get; set; }

    public int PeriodKey { get; set; }

    public int PersonalSalesCount { get; set; }

    public Money PersonalSalesTotal { get; set; }

    /// <summary>Personal volume: the commission base of the distributor's own sales.</summary>
    public Money PersonalVolume { get; set; }

    public int TeamSalesCount { get; set; }

    /// <summary>The commission base of every sale in the whole downline.</summary>
    public Money TeamVolume { get; set; }
}

/// <summary>Earnings per distributor, month and level: the sum of their ledger lines, kept as the lines are written.</summary>
public sealed class DistributorEarnings
{
    public long DistributorId { get; set; }

    public int PeriodKey { get; set; }

    public int Level { get; set; }

    public Money Amount { get; set; }

    public int LineCount { get; set; }
}

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
