using System.Text;
using System.Text.RegularExpressions;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// What an admin looks for in the audit log: who (part of the actor, any case), which action,
/// free text in the subject or details (any case, Cyrillic included), and a range of UTC days
/// (both ends included). Empty parts do not filter.
/// </summary>
public sealed record AuditFilter(string? Actor = null, string? Action = null, string? Text = null, DateOnly? From = null, DateOnly? To = null)
{
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (!string.IsNullOrWhiteSpace(Actor))
        {
            var actor = AnyCase(Actor);
            entries = entries.Where(a => Regex.IsMatch(a.Actor, actor));
        }

        if (!string.IsNullOrWhiteSpace(Action))
        {
            var action = Action.Trim();
            entries = entries.Where(a => a.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(Text))
        {
            var text = AnyCase(Text);
            entries = entries.Where(a => Regex.IsMatch(a.Subject, text) || Regex.IsMatch(a.Details, text));
        }

        if (From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(a => a.At >= start);
        }

        if (To is { } to && to < DateOnly.MaxValue)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(a => a.At < end);
        }

        return entries;
    }

    /// <summary>
    /// A regular expression that finds <paramref name="text"/> in any letter case, spelled out
    /// letter by letter (<c>[иИ]</c>), so neither database's case folding is relied on:
    /// SQLite's folds only ASCII and PostgreSQL's depends on the database's locale. The result
    /// reads the same in PostgreSQL's regular expressions and in .NET's (SQLite's REGEXP).
    /// </summary>
    public static string AnyCase(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pattern = new StringBuilder();
        foreach (var c in text.Trim())
        {
            var lower = char.ToLowerInvariant(c);
            var upper = char.ToUpperInvariant(c);
            if (lower != upper)
            {
                pattern.Append('[').Append(lower).Append(upper).Append(']');
            }
            else if (c < 128 && @"\^$.|?*+()[]{}".Contains(c, StringComparison.Ordinal))
            {
                pattern.Append('\\').Append(c);
            }
            else
            {
                pattern.Append(c);
            }
        }

        return pattern.ToString();
    }
}
