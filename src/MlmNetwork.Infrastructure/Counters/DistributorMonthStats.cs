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

    /// <summary>The part of <see cref="PersonalVolume"/> sold to customers (retail); the rest is personal use.</summary>
    public Money CustomerVolume { get; set; }

    public int TeamSalesCount { get; set; }

    /// <summary>The commission base of every sale in the whole downline.</summary>
    public Money TeamVolume { get; set; }
}
