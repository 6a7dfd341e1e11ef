using System.Globalization;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// The reader's language for what the domain refused: a <see cref="DomainRuleException"/>'s
/// template is the key into Resources/RuleMessages.ru.resx, and its values are formatted for
/// the reader (an amount as 12,50 in Russian). A template with no translation reads in English.
/// </summary>
public sealed class RuleMessages(IStringLocalizer<RuleMessages> localizer)
{
    public string Text(DomainRuleException rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var template = localizer[rule.Template];
        if (rule.Arguments.Count == 0)
        {
            return template.Value;
        }

        try
        {
            return string.Format(CultureInfo.CurrentCulture, template.Value, [.. rule.Arguments.Select(Shown)]);
        }
        catch (FormatException)
        {
            // A translation with holes the template does not have: the English message is right.
            return rule.Message;
        }
    }

    /// <summary>Any text, such as a message the page wrote itself.</summary>
    public string Text(string english) => localizer[english].Value;

    private static object? Shown(object? value) => value switch
    {
        Money money => money.Amount.ToString("N2", CultureInfo.CurrentCulture),
        Percent percent => percent.Value.ToString("0.##", CultureInfo.CurrentCulture) + "\u00a0%",
        decimal number => number.ToString(CultureInfo.CurrentCulture),
        _ => value,
    };
}
