using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>The numbers of a plan form, read in the reader's culture (rule 11: <c>12,5</c> in Russian is twelve and a half).</summary>
public sealed record PlanNumbers(decimal PersonalPercent, IReadOnlyList<decimal> Levels, bool Compression, decimal MinPersonalVolume, decimal? MinCustomerShare = null, bool ForfeitBelowCustomerShare = false);

/// <summary>
/// Reads a plan form (<see cref="PlanFields"/>) the same way wherever a plan is typed (the plan
/// editor, the simulator's drafts): percents and amounts in the admin's culture, the level boxes
/// by their index, a gap or an index past the last level refused, never silently dropped.
/// Russian is in Resources/Infrastructure/PlanFormReader.ru.resx.
/// </summary>
public sealed partial class PlanFormReader(IStringLocalizer<PlanFormReader> t, RuleMessages rules)
{
    private const int SpareLevelBoxes = 3;

    private const int FewestLevelBoxes = 7;

    /// <summary>Fills the fields from a plan, written in the reader's culture.</summary>
    public static void Fill(PlanFields fields, CommissionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(plan);
        var culture = CultureInfo.CurrentCulture;
        fields.PersonalPercent = TypedNumber.Format(plan.PersonalPercent, culture);
        fields.Levels = [.. plan.Levels.Select(l => (string?)TypedNumber.Format(l, culture))];
        fields.Compression = plan.Compression;
        fields.MinPersonalVolume = TypedNumber.Format(plan.MinPersonalVolume, culture);
        fields.MinCustomerShare = plan.MinCustomerShare is { } share ? TypedNumber.Format(share, culture) : null;
        fields.ForfeitBelowCustomerShare = plan.ForfeitBelowCustomerShare;
    }

    /// <summary>Adds empty level boxes after the filled ones, up to the plan's maximum.</summary>
    public static void PadLevels(PlanFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        // A blank form offers as many boxes as a copied plan of a few levels does (a fresh user's 4-level draft met only 3).
        var boxes = Math.Min(CommissionPlan.MaxLevels, Math.Max(FewestLevelBoxes, Math.Max(fields.Levels.Count, fields.Levels.Count(l => !string.IsNullOrEmpty(l)) + SpareLevelBoxes)));
        while (fields.Levels.Count < boxes)
        {
            fields.Levels.Add(null);
        }
    }

    /// <summary>
    /// The numbers typed, or null with the errors added to <paramref name="state"/>: every box is
    /// checked (a number, a percent from 0 to 100 with at most two decimals), each refusal named by
    /// the box's label. Refusals of the plan as a whole (a gap in the levels, too much in total)
    /// are thrown by the domain for the caller to show.
    /// </summary>
    public PlanNumbers? Read(PlanFields fields, IFormCollection form, ModelStateDictionary state)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(state);
        var levels = ReadLevels(fields, form, state);
        if (!state.IsValid || levels is null)
        {
            return null;
        }

        // Every box is read and checked, each refusal named by its label in the reader's language
        // ("Level 2 must be between 0 and 100."), all of them at once rather than one per submit.
        var culture = CultureInfo.CurrentCulture;
        var refused = false;
        T Checked<T>(Func<T> read)
        {
            try
            {
                return read();
            }
            catch (DomainRuleException e)
            {
                state.AddModelError(string.Empty, rules.Text(e));
                refused = true;
                return default!;
            }
        }

        var personal = Checked(() => Percent.FromValue(TypedNumber.Parse(fields.PersonalPercent, culture, "personalPercent", t["Personal percent"]), "personalPercent", t["Personal percent"]).Value);
        var parsed = levels.Select((text, i) => Checked(() => Percent.FromValue(TypedNumber.Parse(text, culture, "levels", t["Level {0}", i + 1]), "levels", t["Level {0}", i + 1]).Value)).ToList();
        var minimum = string.IsNullOrWhiteSpace(fields.MinPersonalVolume) ? 0m : Checked(() => TypedNumber.Parse(fields.MinPersonalVolume, culture, "minPersonalVolume", t["Minimum personal volume"]));
        decimal? share = string.IsNullOrWhiteSpace(fields.MinCustomerShare) ? null : Checked<decimal?>(() => Percent.FromValue(TypedNumber.Parse(fields.MinCustomerShare, culture, "minCustomerShare", t["Minimum customer share"]), "minCustomerShare", t["Minimum customer share"]).Value);
        if (refused)
        {
            return null;
        }

        return new PlanNumbers(personal, parsed, fields.Compression, minimum, share, fields.ForfeitBelowCustomerShare);
    }

    /// <summary>The plan the numbers make, as a draft (checked by the same rules as a version).</summary>
    public static CommissionPlan Draft(PlanNumbers numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        return CommissionPlan.Draft(
            Percent.FromValue(numbers.PersonalPercent, "personalPercent"),
            [.. numbers.Levels.Select((l, i) => Percent.FromValue(l, $"levels[{i}]"))],
            numbers.Compression,
            Money.FromAmount(numbers.MinPersonalVolume, "minPersonalVolume"),
            MlmNetwork.Infrastructure.Plans.CommissionPlans.CustomerShare(numbers.MinCustomerShare, numbers.ForfeitBelowCustomerShare));
    }

    private List<string?>? ReadLevels(PlanFields fields, IFormCollection form, ModelStateDictionary state)
    {
        var posted = new SortedDictionary<int, string>();
        foreach (var (key, value) in form)
        {
            if (LevelKey().Match(key) is not { Success: true } match)
            {
                continue;
            }

            if (!int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                state.AddModelError(string.Empty, t["'{0}' is not a level number; the level boxes are numbered from 1 to {1}.", match.Groups[1].Value, CommissionPlan.MaxLevels]);
                return null;
            }

            if (index >= CommissionPlan.MaxLevels)
            {
                state.AddModelError(string.Empty, t["A plan has at most {0} levels.", CommissionPlan.MaxLevels]);
                return null;
            }

            posted[index] = value.ToString().Trim();
        }

        var last = posted.Where(p => p.Value.Length > 0).Select(p => p.Key).DefaultIfEmpty(-1).Max();
        var levels = new List<string?>();
        for (var i = 0; i <= last; i++)
        {
            if (!posted.TryGetValue(i, out var text) || text.Length == 0)
            {
                state.AddModelError(string.Empty, t["Level {0} is empty: fill the level boxes from level 1 without gaps (use 0 for a level that pays nothing).", i + 1]);
                return null;
            }

            levels.Add(text);
        }

        fields.Levels = [.. levels];
        return levels;
    }

    [GeneratedRegex(@"^Input\.Levels\[([^\]]*)\]$")]
    private static partial Regex LevelKey();
}
