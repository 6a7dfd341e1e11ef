using System.Globalization;

namespace MlmNetwork.Domain;

/// <summary>One bar of <see cref="PayHistogram"/>: pay above the previous bar's bound up to <see cref="UpTo"/> (the first bar: zero or less).</summary>
public sealed record PayBin(Money UpTo, long Current, long Draft);

/// <summary>
/// How many distributors were paid how much under two plans: the first bar counts those paid
/// nothing (or less: refunds reversed more than they earned in the range), the others count pay
/// up to a bound of 1, 2 or 5 times a power of ten, from the bar of the smallest pay to that of
/// the largest, so a few bars cover cents to millions; the bounds are the same for both plans so
/// the bars compare.
/// </summary>
public sealed class PayHistogram
{
    public const int MaxBins = 12;

    private PayHistogram(IReadOnlyList<PayBin> bins) => Bins = bins;

    public IReadOnlyList<PayBin> Bins { get; }

    /// <summary>The bars for two pay figures per distributor (cents), each pair one distributor.</summary>
    public static PayHistogram Of(IReadOnlyList<(long Current, long Draft)> pay)
    {
        ArgumentNullException.ThrowIfNull(pay);
        var (max, minPositive) = (0L, long.MaxValue);
        foreach (var (now, then) in pay)
        {
            max = Math.Max(max, Math.Max(now, then));
            minPositive = Math.Min(minPositive, Math.Min(now > 0 ? now : long.MaxValue, then > 0 ? then : long.MaxValue));
        }

        var bounds = new List<long>();
        for (var power = 1L; max > 0 && (bounds.Count == 0 || bounds[^1] < max); power *= 10)
        {
            foreach (var step in new[] { 1L, 2L, 5L })
            {
                if (bounds.Count == 0 || bounds[^1] < max)
                {
                    bounds.Add(step * power);
                }
            }
        }

        // Bars below the smallest pay would stay empty, and at most MaxBins bars are drawn: the
        // smallest bounds go first, so the first bar above nothing starts at zero.
        while (bounds.Count > 1 && bounds[0] < minPositive)
        {
            bounds.RemoveAt(0);
        }

        if (bounds.Count > MaxBins - 1)
        {
            bounds = bounds[^(MaxBins - 1)..];
        }

        var current = new long[bounds.Count + 1];
        var draft = new long[bounds.Count + 1];
        foreach (var (c, d) in pay)
        {
            current[BinOf(bounds, c)]++;
            draft[BinOf(bounds, d)]++;
        }

        var bins = new List<PayBin>(bounds.Count + 1) { new(Money.Zero, current[0], draft[0]) };
        for (var i = 0; i < bounds.Count; i++)
        {
            bins.Add(new PayBin(new Money(bounds[i]), current[i + 1], draft[i + 1]));
        }

        return new PayHistogram(bins);
    }

    /// <summary>The bars as stored: "bound:current:draft" separated by semicolons.</summary>
    public string Format() => string.Join(';', Bins.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.UpTo.Cents}:{b.Current}:{b.Draft}")));

    public static PayHistogram Parse(string? text) => new(string.IsNullOrEmpty(text)
        ? []
        : [.. text.Split(';').Select(part => part.Split(':')).Select(p => new PayBin(
            new Money(long.Parse(p[0], CultureInfo.InvariantCulture)),
            long.Parse(p[1], CultureInfo.InvariantCulture),
            long.Parse(p[2], CultureInfo.InvariantCulture)))]);

    private static int BinOf(List<long> bounds, long cents)
    {
        if (cents <= 0)
        {
            return 0;
        }

        var index = bounds.BinarySearch(cents);
        return (index >= 0 ? index : ~index) + 1;
    }
}
