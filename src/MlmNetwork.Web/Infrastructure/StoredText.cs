using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MlmNetwork.Domain;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// A text kept as an English template with its values (a <see cref="FormattableString"/>) written
/// to JSON and read back as the same template with values of the same kinds, so a text written
/// by one app instance is shown by any other in each reader's language (<see cref="TemplateText"/>):
/// amounts, percents, months, dates, counts with their plural forms (<see cref="Plural"/>), the
/// app's enum words, nested templates and domain refusals all keep what they are. A value of
/// another kind is kept as its invariant text.
/// </summary>
public static class StoredText
{
    public static string Write(FormattableString text) => Json(w => WriteText(w, text));

    public static string WriteAll(IEnumerable<FormattableString> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Json(w =>
        {
            w.WriteStartArray();
            foreach (var text in texts)
            {
                WriteText(w, text);
            }

            w.WriteEndArray();
        });
    }

    public static FormattableString Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ReadText(document.RootElement);
    }

    public static IReadOnlyList<FormattableString> ReadAll(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(ReadText)];
    }

    /// <summary>Writes one template with its values as an object of the writer's (<c>{"f": ..., "a": [...]}</c>).</summary>
    public static void WriteText(Utf8JsonWriter writer, FormattableString text)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(text);
        writer.WriteStartObject();
        writer.WriteString("f", text.Format);
        writer.WriteStartArray("a");
        foreach (var value in text.GetArguments())
        {
            WriteValue(writer, value);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static FormattableString ReadText(JsonElement element) =>
        FormattableStringFactory.Create(element.GetProperty("f").GetString() ?? string.Empty, [.. element.GetProperty("a").EnumerateArray().Select(ReadValue)]);

    public static string Json(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        if (value is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        switch (value)
        {
            case string text:
                w.WriteString("s", text);
                break;
            case int number:
                w.WriteNumber("i", number);
                break;
            case long number:
                w.WriteNumber("l", number);
                break;
            case decimal number:
                w.WriteString("d", number.ToString(CultureInfo.InvariantCulture));
                break;
            case double number:
                w.WriteNumber("r", number);
                break;
            case bool flag:
                w.WriteBoolean("b", flag);
                break;
            case Money money:
                w.WriteNumber("money", money.Cents);
                break;
            case Percent percent:
                w.WriteNumber("percent", percent.BasisPoints);
                break;
            case IEnumerable<Percent> percents:
                w.WriteStartArray("percents");
                foreach (var percent in percents)
                {
                    w.WriteNumberValue(percent.BasisPoints);
                }

                w.WriteEndArray();
                break;
            case Period period:
                w.WriteNumber("month", period.Key);
                break;
            case DateTime instant:
                w.WriteString("t", instant.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateOnly day:
                w.WriteString("day", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case Enum word:
                w.WriteString("enum", $"{word.GetType().FullName}, {word.GetType().Assembly.GetName().Name}");
                w.WriteString("v", word.ToString());
                break;
            case Plural count:
                w.WriteNumber("count", count.Count);
                w.WriteString("forms", count.Forms);
                break;
            case FormattableString nested:
                w.WritePropertyName("text");
                WriteText(w, nested);
                break;
            case DomainRuleException rule:
                w.WriteString("breach", rule.Breach.ToString());
                w.WriteString("field", rule.Field);
                w.WritePropertyName("rule");
                WriteText(w, FormattableStringFactory.Create(rule.Template, [.. rule.Arguments]));
                break;
            default:
                w.WriteString("s", Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }

        w.WriteEndObject();
    }

    private static object? ReadValue(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var (name, value) = e.EnumerateObject().Select(p => (p.Name, p.Value)).First();
        return name switch
        {
            "s" => value.GetString(),
            "i" => value.GetInt32(),
            "l" => value.GetInt64(),
            "d" => decimal.Parse(value.GetString()!, CultureInfo.InvariantCulture),
            "r" => value.GetDouble(),
            "b" => value.GetBoolean(),
            "money" => new Money(value.GetInt64()),
            "percent" => new Percent(value.GetInt32()),
            "percents" => value.EnumerateArray().Select(p => new Percent(p.GetInt32())).ToList(),
            "month" => Period.FromKey(value.GetInt32()),
            "t" => DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            "day" => DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            "enum" => EnumValue(value.GetString()!, e.GetProperty("v").GetString()!),
            "count" => new Plural(value.GetInt64(), e.GetProperty("forms").GetString()!),
            "text" => ReadText(value),
            "breach" => Rule(e),
            _ => value.ToString(),
        };
    }

    private static DomainRuleException Rule(JsonElement e)
    {
        var breach = Enum.Parse<RuleBreach>(e.GetProperty("breach").GetString()!);
        var field = e.GetProperty("field").GetString();
        var message = ReadText(e.GetProperty("rule"));
        return message.ArgumentCount == 0 ? new DomainRuleException(breach, message.Format, field) : new DomainRuleException(breach, message, field);
    }

    /// <summary>An enum of the app's own assemblies; any other type reads as its name.</summary>
    private static object EnumValue(string type, string name)
    {
        var found = type.StartsWith("MlmNetwork.", StringComparison.Ordinal) ? Type.GetType(type, throwOnError: false) : null;
        return found is { IsEnum: true } && Enum.TryParse(found, name, out var value) ? value! : name;
    }
}
