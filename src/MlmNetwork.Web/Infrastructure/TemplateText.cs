using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// Shows a text kept as an English template with its values (a <see cref="FormattableString"/>,
/// an audit entry's <see cref="AuditTemplate"/>) in the reader's language: the template is the
/// key into the given localizer's resources, and each value is shown for the reader: amounts
/// with the currency, percents, months and dates in their culture, the app's own words (a
/// status, yes or no) translated, a nested template or a domain refusal in turn. Numbers keep
/// the template's format (<c>{0:N0}</c> for a count; an id has none); text people typed stays
/// as typed.
/// </summary>
public sealed partial class TemplateText(Display show, RuleMessages rules)
{
    public string Format(IStringLocalizer localizer, FormattableString text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Format(localizer, text.Format, text.GetArguments());
    }

    public string Format(IStringLocalizer localizer, string template, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);

        // A template that is only holes ("{0}": a name, a reason) has no words to translate.
        var translated = Holes().Replace(template, string.Empty).Any(char.IsLetter) ? localizer[template].Value : template;
        var shown = values.Select(v => Shown(localizer, v)).ToArray();
        try
        {
            return string.Format(CultureInfo.CurrentCulture, translated, shown);
        }
        catch (FormatException)
        {
            // A translation whose holes do not match the template's: the English is right.
            return string.Format(CultureInfo.CurrentCulture, template, shown);
        }
    }

    private object? Shown(IStringLocalizer localizer, object? value) => value switch
    {
        Money money => show.Money(money),
        Percent percent => show.Percent(percent),
        IEnumerable<Percent> percents => percents.Any() ? string.Join(" / ", percents.Select(show.Percent)) : localizer["none"].Value,
        Period period => show.Month(period),
        DateTime instant => show.DateTime(instant),
        DateOnly day => show.Date(day),
        bool flag => localizer[flag ? "yes" : "no"].Value,
        Enum word => localizer[word.ToString()].Value,
        AuditWord word => localizer[word.English].Value,
        AuditReason reason => reason.Typed ?? localizer["no reason given"].Value,
        FormattableString nested => Format(localizer, nested),
        Plural count => count.Text(localizer),
        DomainRuleException rule => rules.Text(rule),
        _ => value,
    };

    [GeneratedRegex(@"\{\d+(,-?\d+)?(:[^}]*)?\}")]
    private static partial Regex Holes();
}
