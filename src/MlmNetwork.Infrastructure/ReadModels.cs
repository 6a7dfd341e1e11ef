using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// Counters per distributor and month, so dashboards read a few rows instead of summing a
/// downline. The personal figures change in the transaction that posts a sale; the team figures
/// of the whole upline follow through <see cref="TeamVolumeEntry"/> within a moment.
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

/// <summary>
/// A sale's (or a refund's) volume waiting to be added to the team counters of the seller's
/// whole upline: written with the sale as one row, so concurrent sales never queue behind
/// each other on a busy leader's counters; <c>TeamVolumeRollup</c> applies and removes it.
/// </summary>
public sealed class TeamVolumeEntry
{
    public long Id { get; set; }

    public long DistributorId { get; set; }

    public int PeriodKey { get; set; }

    public int SaleCount { get; set; }

    public Money Volume { get; set; }
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

/// <summary>A recruit as the genealogy shows them: who, under whom, their status and team size.</summary>
public sealed record RecruitSummary(long Id, long SponsorId, string Name, DistributorStatus Status, long DownlineCount);

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
