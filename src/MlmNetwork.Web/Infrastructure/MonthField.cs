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
}
