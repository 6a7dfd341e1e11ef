namespace MlmNetwork.Infrastructure;

/// <summary>How many distributors joined on a day (UTC), kept as they join.</summary>
public sealed class NetworkSignupDay
{
    /// <summary>The day as yyyyMMdd.</summary>
    public int DayKey { get; set; }

    public int Count { get; set; }

    public static int KeyOf(DateTime utc) => (utc.Year * 10_000) + (utc.Month * 100) + utc.Day;

    public static DateOnly DayOf(int key) => new(key / 10_000, key / 100 % 100, key % 100);
}
