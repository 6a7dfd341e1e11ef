using System.Globalization;

namespace MlmNetwork.Domain;

/// <summary>
/// Reads an amount or a percent that a person typed (docs/rules.md rule 11). A comma or a point
/// is the decimal separator, whichever the person's culture uses, so <c>12,50</c> and
/// <c>12.50</c> are both twelve and a half in Russian and in English. Group separators are
/// refused, and so is a lone separator followed by three digits that is not the reader's own
/// decimal separator (<c>1,250</c> in English could be 1.25 or 1250): the person is asked to
/// write it again rather than have it silently read a thousand times too high or too low.
/// </summary>
public static class TypedNumber
{
    private const int MaxLength = 24;

    /// <summary>
    /// The number the text means, or a <see cref="DomainRuleException"/> for <paramref name="field"/>
    /// (the key the caller maps to its input) whose message names it as the person sees it,
    /// <paramref name="label"/> ("Commission base" rather than commissionBase), and says what to type instead.
    /// The label is shown as given, so a page passes it already in the reader's language («База
    /// начисления»); the API passes nothing and its messages name the JSON field.
    /// </summary>
    public static decimal Parse(string? text, CultureInfo culture, string field, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var name = label ?? field;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.EndsWith('%'))
        {
            trimmed = trimmed[..^1].TrimEnd();
        }

        if (trimmed.Length == 0)
        {
            throw DomainRuleException.Invalid($"{name} is required.", field);
        }

        if (trimmed.Length > MaxLength)
        {
            throw DomainRuleException.Invalid($"{name} is too long to be an amount.", field);
        }

        var negative = trimmed[0] == '-';
        var body = negative ? trimmed[1..] : trimmed;
        var separators = body.Where(c => c is ',' or '.').ToList();
        if (body.Length == 0 || body.Any(c => !char.IsAsciiDigit(c) && c is not (',' or '.')))
        {
            throw DomainRuleException.Invalid($"{name}: '{trimmed}' is not a number. Type digits with at most one decimal separator, such as 12.50 or 12,50.", field);
        }

        if (separators.Count > 1)
        {
            throw DomainRuleException.Invalid($"{name}: '{trimmed}' has more than one separator. Type it without thousands separators, such as 1250.00 or 1250,00.", field);
        }

        var integerPart = body;
        var fraction = string.Empty;
        if (separators.Count == 1)
        {
            var at = body.IndexOfAny([',', '.']);
            integerPart = body[..at];
            fraction = body[(at + 1)..];
            var separator = body[at];
            if (integerPart.Length == 0 || fraction.Length == 0)
            {
                throw DomainRuleException.Invalid($"{name}: '{trimmed}' is not a number. Type it such as 0.50 or 0,50.", field);
            }

            var ownDecimal = culture.NumberFormat.NumberDecimalSeparator == separator.ToString();
            if (!ownDecimal && fraction.Length == 3)
            {
                throw DomainRuleException.Invalid($"{name}: '{trimmed}' is ambiguous (a thousands separator or three decimals?). Type it without thousands separators, such as {integerPart}{fraction} or {integerPart}{culture.NumberFormat.NumberDecimalSeparator}{fraction[..2]}.", field);
            }
        }

        var normalized = (negative ? "-" : string.Empty) + integerPart + (fraction.Length > 0 ? "." + fraction : string.Empty);
        if (!decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw DomainRuleException.Invalid($"{name}: '{trimmed}' is too large.", field);
        }

        return value;
    }

    /// <summary>An amount typed by a person, in major units, at most two decimals.</summary>
    public static Money ParseMoney(string? text, CultureInfo culture, string field, string? label = null) => Money.FromAmount(Parse(text, culture, field, label), field, label);

    /// <summary>A percent typed by a person (a trailing % is allowed), 0 to 100 with at most two decimals.</summary>
    public static Percent ParsePercent(string? text, CultureInfo culture, string field, string? label = null) => Percent.FromValue(Parse(text, culture, field, label), field, label);

    /// <summary>An amount as a person of the culture types it (12,50 in Russian), so a form shown again reads back the same.</summary>
    public static string Format(Money amount, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return amount.Amount.ToString("0.00", culture);
    }

    /// <summary>A percent as a person of the culture types it.</summary>
    public static string Format(Percent percent, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return percent.Value.ToString("0.##", culture);
    }
}
