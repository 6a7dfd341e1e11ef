using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// The whole network's sales and ledger lines of a month, kept as they are written. Each month
/// is spread over <see cref="Slots"/> rows (a sale writes the row of its seller's slot), so
/// concurrent sales seldom wait for one another; readers add the slots up.
/// </summary>
public sealed class NetworkMonthStats
{
    public const int Slots = 32;

    public int PeriodKey { get; set; }

    public int Slot { get; set; }

    /// <summary>Sales posted in the month.</summary>
    public int SalesCount { get; set; }

    public Money SalesTotal { get; set; }

    public Money SalesBase { get; set; }

    /// <summary>What refunds made in the month took back (of sales of any month).</summary>
    public Money RefundedTotal { get; set; }

    public Money RefundedBase { get; set; }

    /// <summary>Commission lines written in the month (positive).</summary>
    public Money Earned { get; set; }

    /// <summary>Reversing lines written in the month (negative).</summary>
    public Money Reversed { get; set; }

    /// <summary>Forfeits of the month, written when it closed (negative).</summary>
    public Money Forfeited { get; set; }

    public static int SlotOf(long distributorId) => (int)(distributorId % Slots);
}
