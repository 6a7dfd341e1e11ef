using System.Globalization;
using System.Text.Json;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// An audit text as its English template (composite format, <c>{0}</c> holes) and its typed
/// values, stored as JSON beside the English text so the log reads in each reader's language.
/// </summary>
public sealed record AuditTemplate(string Text, IReadOnlyList<AuditValue> Values)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The template stored as JSON; null when there is none (an entry written before templates, or unreadable).</summary>
    public static AuditTemplate? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<AuditTemplate>(json, Json) is { Text: not null, Values: not null } template ? template : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The values as the types they were written from (an amount as <see cref="Money"/>, a month as <see cref="Period"/>...).</summary>
    public IReadOnlyList<object?> Arguments() => [.. Values.Select(v => v.Read())];
}

/// <summary>
/// One value of an <see cref="AuditTemplate"/>: its kind and its invariant text. Amounts and
/// percents are kept exactly (cents, basis points); a word is English that the reader's language
/// translates; text is what a person typed or a name, shown as it is.
/// </summary>
public sealed record AuditValue(string Kind, string Value)
{
    public const string Text = "text";
    public const string Number = "number";
    public const string Amount = "money";
    public const string Share = "percent";
    public const string Shares = "percents";
    public const string Month = "month";
    public const string Instant = "instant";
    public const string Day = "date";
    public const string Word = "word";
    public const string Flag = "flag";
    public const string Reason = "reason";

    public static AuditValue Of(object? value) => value switch
    {
        null => new(Text, string.Empty),
        Money money => new(Amount, money.Cents.ToString(CultureInfo.InvariantCulture)),
        Percent percent => new(Share, percent.BasisPoints.ToString(CultureInfo.InvariantCulture)),
        IEnumerable<Percent> percents => new(Shares, string.Join(",", percents.Select(p => p.BasisPoints.ToString(CultureInfo.InvariantCulture)))),
        Period period => new(Month, period.ToString()),
        DateTime instant => new(Instant, instant.ToString("O", CultureInfo.InvariantCulture)),
        DateOnly day => new(Day, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        bool flag => new(Flag, flag ? "true" : "false"),
        Enum word => new(Word, word.ToString()),
        AuditReason reason => new(Reason, reason.Typed ?? string.Empty),
        byte or short or int or long or decimal => new(Number, ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture)),
        IFormattable formattable => new(Text, formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => new(Text, value.ToString() ?? string.Empty),
    };

    /// <summary>The value as its type again; what cannot be read back is its text.</summary>
    public object? Read()
    {
        try
        {
            return Kind switch
            {
                Amount => new Money(long.Parse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
                Share => new Percent(int.Parse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
                Shares => Value.Length == 0 ? [] : Value.Split(',').Select(p => new Percent(int.Parse(p, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))).ToArray(),
                Month => Period.Parse(Value),
                Instant => DateTime.Parse(Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                Day => DateOnly.ParseExact(Value, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Number => long.TryParse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) ? (object)whole : decimal.Parse(Value, NumberStyles.Number, CultureInfo.InvariantCulture),
                Flag => Value == "true",
                Word => new AuditWord(Value),
                Reason => new AuditReason(Value.Length == 0 ? null : Value),
                _ => Value,
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException or DomainRuleException)
        {
            return Value;
        }
    }
}
