using Microsoft.AspNetCore.Mvc.ModelBinding;
using MlmNetwork.Domain;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>A month (yyyy-MM) typed in a page's field, such as a report's first and last month.</summary>
public static class MonthField
{
    /// <summary>The month in <paramref name="value"/>; null when none was given, or when it cannot be read (the reason is then the field's error, in the reader's language).</summary>
    public static Period? Read(string? value, string field, ModelStateDictionary modelState, RuleMessages rules)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(rules);
        if (value is null)
        {
            return null;
        }

        try
        {
            return Period.Parse(value.Trim());
        }
        catch (DomainRuleException e)
        {
            modelState.AddModelError(field, rules.Text(e));
            return null;
        }
    }

    /// <summary>
    /// A report's first and last month as typed, each read as <see cref="Read"/> does; when left
    /// out, the last is <paramref name="thisMonth"/> and the first the eleven months before the last.
    /// A month that cannot be read is null (its error is on its field).
    /// </summary>
    public static (Period? From, Period? To) ReadRange(string? from, string? to, Period thisMonth, ModelStateDictionary modelState, RuleMessages rules)
    {
        var last = Read(to, "to", modelState, rules) ?? (to is null ? thisMonth : null);
        var first = Read(from, "from", modelState, rules) ?? (from is null ? last?.FirstOfTwelve() : null);
        return (first, last);
    }
}
