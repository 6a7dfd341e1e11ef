namespace MlmNetwork.Domain;

/// <summary>One percentile of a set of earnings: <see cref="Rank"/> (10 for the 10th) and its value.</summary>
public sealed record PercentileValue(int Rank, Money Value);

/// <summary>
/// What a set of people earned, as the income disclosure states it: how many, how many earned
/// nothing, the total, the mean, the percentiles and what the best-paid 1% and 10% took.
/// </summary>
/// <param name="EarnedNothingShare">Percent of <see cref="Count"/> whose earnings were zero or less (2 decimals).</param>
/// <param name="Top1Share">Percent of <see cref="Total"/> that the best-paid 1% took; null when the total is not above zero.</param>
/// <param name="Top10Share">The same for the best-paid 10%.</param>
public sealed record EarningsSummary(
    long Count,
    long EarnedNothing,
    decimal EarnedNothingShare,
    Money Total,
    Money Mean,
    Money Median,
    IReadOnlyList<PercentileValue> Percentiles,
    decimal? Top1Share,
    decimal? Top10Share)
{
    public Money PercentileOf(int rank) => Percentiles.Single(p => p.Rank == rank).Value;
}

/// <summary>
/// The statistics of an income disclosure, over every person's earnings in cents (net of
/// reversals and forfeits, so a figure may be negative).
/// <para>Percentiles use the <b>nearest-rank</b> method: the p-th percentile of n values sorted
/// from lowest to highest is the value at position ⌈p × n / 100⌉ (counting from 1). So it is always
/// an amount somebody actually earned, and at least p% of people earned that much or less. The
/// median is the 50th percentile by the same method (the lower middle value when n is even).</para>
/// <para>The best-paid k% are the ⌈k × n / 100⌉ people with the highest earnings (at least one);
/// their share is their earnings over everybody's, in percent.</para>
/// Shares are rounded to 2 decimals and the mean to the cent, half away from zero.
/// </summary>
public static class EarningsStatistics
{
    /// <summary>The percentiles a disclosure states.</summary>
    public static readonly IReadOnlyList<int> Ranks = [10, 25, 50, 75, 90, 99];

    /// <summary>The statistics of <paramref name="earnings"/> (cents per person, any order); the array is sorted in place.</summary>
    public static EarningsSummary Summarize(long[] earnings)
    {
        ArgumentNullException.ThrowIfNull(earnings);
        Array.Sort(earnings);
        return SummarizeSorted(earnings);
    }

    /// <summary>The statistics of earnings already sorted from lowest to highest.</summary>
    public static EarningsSummary SummarizeSorted(IReadOnlyList<long> sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var count = sorted.Count;
        long total = 0, nothing = 0;
        foreach (var cents in sorted)
        {
            total = checked(total + cents);
            if (cents <= 0)
            {
                nothing++;
            }
        }

        var percentiles = Ranks.Select(rank => new PercentileValue(rank, new Money(Percentile(sorted, rank)))).ToList();
        return new EarningsSummary(
            count,
            nothing,
            Share(nothing, count),
            new Money(total),
            new Money(count == 0 ? 0 : (long)Math.Round((decimal)total / count, 0, MidpointRounding.AwayFromZero)),
            new Money(Percentile(sorted, 50)),
            percentiles,
            TopShare(sorted, 1),
            TopShare(sorted, 10));
    }

    /// <summary>The nearest-rank <paramref name="rank"/>-th percentile (1 to 100) of sorted values; 0 for none.</summary>
    public static long Percentile(IReadOnlyList<long> sorted, int rank)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rank, 100);
        if (sorted.Count == 0)
        {
            return 0;
        }

        var position = (int)Math.Ceiling(rank * (decimal)sorted.Count / 100m);
        return sorted[Math.Max(position, 1) - 1];
    }

    /// <summary>How many people the best-paid <paramref name="percent"/>% of <paramref name="count"/> are: ⌈percent × count / 100⌉, at least one when anybody is there.</summary>
    public static int TopCount(int count, int percent) =>
        count == 0 ? 0 : Math.Max(1, (int)Math.Ceiling(percent * (decimal)count / 100m));

    /// <summary>The percent of the total that the best-paid <paramref name="percent"/>% took; null when the total is not above zero.</summary>
    public static decimal? TopShare(IReadOnlyList<long> sorted, int percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        long total = 0, top = 0;
        var topCount = TopCount(sorted.Count, percent);
        for (var i = 0; i < sorted.Count; i++)
        {
            total = checked(total + sorted[i]);
            if (i >= sorted.Count - topCount)
            {
                top = checked(top + sorted[i]);
            }
        }

        return total <= 0 ? null : Math.Round(top * 100m / total, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>How many of the sorted values are below <paramref name="threshold"/>.</summary>
    public static long CountBelow(IReadOnlyList<long> sorted, long threshold)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (sorted[middle] < threshold)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary><paramref name="part"/> of <paramref name="whole"/> in percent, 2 decimals; 0 when the whole is 0.</summary>
    public static decimal Share(long part, long whole) =>
        whole == 0 ? 0m : Math.Round(part * 100m / whole, 2, MidpointRounding.AwayFromZero);
}
