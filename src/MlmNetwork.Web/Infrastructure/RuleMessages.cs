using System.Globalization;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Web.Api;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// The reader's language for what the domain refused: a <see cref="DomainRuleException"/>'s
/// template is the key into Resources/Infrastructure/RuleMessages.ru.resx, and its values are
/// formatted for the reader (an amount as 12,50 € in Russian, a status in Russian). A template
/// with no translation reads in English. The API's own 400 messages (<see cref="ApiInputException"/>)
/// and the fixed texts of the problem responses live in the same file.
/// </summary>
public sealed class RuleMessages(IStringLocalizer<RuleMessages> localizer, IStringLocalizer<SharedResource> shared, Display show)
{
    public string Text(DomainRuleException rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Text(rule.Template, rule.Arguments, rule.Message);
    }

    public string Text(ApiInputException input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Text(input.Template, input.Arguments, input.Message);
    }

    /// <summary>Any text, such as a message the page wrote itself.</summary>
    public string Text(string english) => localizer[english].Value;

    /// <summary>A message with values, written here rather than thrown: its template is the key.</summary>
    public string Format(FormattableString message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Text(message.Format, message.GetArguments(), message.ToString(CultureInfo.InvariantCulture));
    }

    private string Text(string template, IReadOnlyList<object?> arguments, string english)
    {
        var translated = localizer[template].Value;
        try
        {
            // Formatted even without values: the template of an interpolated string escapes its braces ({{).
            return string.Format(CultureInfo.CurrentCulture, translated, [.. arguments.Select(Shown)]);
        }
        catch (FormatException)
        {
            // A plain message that is no template (braces of its own), or a translation with holes the template does not have.
            return english;
        }
    }

    private object? Shown(object? value) => value switch
    {
        Money money => show.Money(money),
        Percent percent => show.Percent(percent),
        decimal number => number.ToString(CultureInfo.CurrentCulture),
        // A status or a kind reads as the pages show it: "Неактивен", not Inactive.
        Enum word => shared[word.ToString()].Value,
        _ => value,
    };
}
