using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// The subject or details of an audit entry. Written as an interpolated string
/// (<c>$"sale {id}"</c>) it keeps both the English text, which the log stores and searches as
/// before, and its <see cref="AuditTemplate"/>, so each reader sees the entry in their own
/// language with amounts, dates and months in their culture. A plain string (a name, a key's
/// label) is data: it is stored and shown as it is. So is a conditional of two interpolated
/// strings (<c>c ? $"a" : $"b"</c> is a string): write one call for each case instead.
/// </summary>
[InterpolatedStringHandler]
public sealed class AuditText
{
    private readonly StringBuilder english;
    private readonly StringBuilder template;
    private readonly List<AuditValue> values;

    public AuditText(int literalLength, int formattedCount)
    {
        english = new StringBuilder(literalLength + (formattedCount * 8));
        template = new StringBuilder(literalLength + (formattedCount * 4));
        values = new List<AuditValue>(formattedCount);
    }

    public string English => english.ToString();

    public AuditTemplate Template => new(template.ToString(), [.. values]);

    /// <summary>Data (a name, a label someone typed): stored and shown as it is, in no language of the app's.</summary>
    public static implicit operator AuditText(string data)
    {
        var text = new AuditText(0, 1);
        text.AppendFormatted(data ?? string.Empty);
        return text;
    }

    /// <summary>A fixed English phrase with no values (such as "company settings"), translated when shown.</summary>
    public static AuditText Phrase(string english)
    {
        var text = new AuditText(english?.Length ?? 0, 0);
        text.AppendLiteral(english ?? string.Empty);
        return text;
    }

    public static AuditText FromString(string data) => data;

    public void AppendLiteral(string value)
    {
        english.Append(value);
        template.Append(value.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
    }

    public void AppendFormatted<T>(T value) => AppendFormatted(value, null);

    public void AppendFormatted<T>(T value, string? format)
    {
        template.Append('{').Append(values.Count.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(format))
        {
            template.Append(':').Append(format);
        }

        template.Append('}');
        values.Add(AuditValue.Of(value));
        english.Append(value switch
        {
            null => string.Empty,
            bool flag => flag ? "yes" : "no",
            IEnumerable<Percent> percents => string.Join(" / ", percents),
            IFormattable formattable => formattable.ToString(format, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        });
    }

    public override string ToString() => English;
}
