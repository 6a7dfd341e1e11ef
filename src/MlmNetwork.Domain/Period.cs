using System.Globalization;

namespace MlmNetwork.Domain;

/// <summary>A commission period: one calendar month in UTC.</summary>
public readonly record struct Period(int Year, int Month) : IComparable<Period>
{
    /// <summary>A sortable integer key (2026-11 is 202611), used as the period column.</summary>
    public int Key => (Year * 100) + Month;

    public DateTime StartsAt => new(Year, Month, 1, 0, 0, 0, DateTimeKind.Utc);

    public DateTime EndsAt => StartsAt.AddMonths(1);

    /// <summary>The month's last instant as a database stores time: a microsecond before it ends.</summary>
    public DateTime LastInstant => EndsAt.AddTicks(-10);

    public static Period Of(DateTime utc)
    {
        if (utc.Kind == DateTimeKind.Local)
        {
            utc = utc.ToUniversalTime();
        }

        return new Period(utc.Year, utc.Month);
    }

    public static Period FromKey(int key) => new(key / 100, key % 100);

    public const int FirstYear = 2000;

    public const int LastYear = 2999;

    /// <summary>Parses "yyyy-MM" for a year from 2000 to 2999; anything else is refused.</summary>
    /// <summary>A "yyyy-MM" month; refused under <paramref name="field"/>, the name the reader gave it.</summary>
    public static Period Parse(string text, string field = "period")
    {
        if (text is { Length: 7 }
            && DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            && date.Year is >= FirstYear and <= LastYear)
        {
            return new Period(date.Year, date.Month);
        }

        throw DomainRuleException.Invalid($"'{Shown(text)}' is not a period; use yyyy-MM, a month from {FirstYear} to {LastYear}.", field);
    }

    private static string Shown(string? text) => text is null ? string.Empty : text.Length > 20 ? text[..20] + "…" : text;

    public Period Previous() => Of(StartsAt.AddMonths(-1));

    /// <summary>The first of the twelve months that end with this one: a report's default range.</summary>
    public Period FirstOfTwelve() => Of(StartsAt.AddMonths(-11));

    public int CompareTo(Period other) => Key.CompareTo(other.Key);

    public static bool operator <(Period left, Period right) => left.Key < right.Key;

    public static bool operator >(Period left, Period right) => left.Key > right.Key;

    public static bool operator <=(Period left, Period right) => left.Key <= right.Key;

    public static bool operator >=(Period left, Period right) => left.Key >= right.Key;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}");
}
