using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Plans;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Plan;

/// <summary>
/// The plan editor: percents typed in the admin's culture are shown as read, with an example
/// sale's lines under the version in force and the new one, before the new version is saved
/// (in force from then on; history is kept).
/// </summary>
public sealed partial class IndexModel(MlmDbContext db, BusinessClock clock) : PageModel
{
    private const int SpareLevelBoxes = 3;

    private static readonly Money ExampleSaleBase = new(10_000);

    /// <summary>The commission base of the example sale in the preview.</summary>
    public Money ExampleBase => ExampleSaleBase;

    [BindProperty]
    public PlanForm Input { get; set; } = new();

    public CommissionPlan? Current { get; private set; }

    public IReadOnlyList<CommissionPlan> History { get; private set; } = [];

    /// <summary>The new version as read from the form, shown for confirmation; null until previewed.</summary>
    public CommissionPlan? Draft { get; private set; }

    public IReadOnlyList<PreviewRow> Preview { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Current is not null)
        {
            var culture = CultureInfo.CurrentCulture;
            Input = new PlanForm
            {
                PersonalPercent = TypedNumber.Format(Current.PersonalPercent, culture),
                Levels = [.. Current.Levels.Select(l => (string?)TypedNumber.Format(l, culture))],
                Compression = Current.Compression,
                MinPersonalVolume = TypedNumber.Format(Current.MinPersonalVolume, culture),
            };
        }

        PadLevels();
    }

    /// <summary>Reads the form and shows what it means: the percents as read and an example sale under both versions.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (await ReadAsync(ct) is { } draft)
        {
            Draft = draft;
            Preview = PreviewRows(Current, draft);
        }

        PadLevels();
        return Page();
    }

    /// <summary>Saves the previewed version.</summary>
    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (await ReadAsync(ct) is { } draft)
        {
            try
            {
                var plan = await CommissionPlans.SaveNewVersionAsync(
                    db, draft.PersonalPercent.Value, [.. draft.Levels.Select(l => l.Value)], draft.Compression, draft.MinPersonalVolume.Amount, User.Actor(), clock.UtcNow, ct);
                TempData["Flash"] = $"Plan version {plan.Version} is in force from now.";
                return RedirectToPage();
            }
            catch (DomainRuleException e)
            {
                ModelState.AddModelError(string.Empty, e.Message);
            }
        }

        PadLevels();
        return Page();
    }

    private async Task<CommissionPlan?> ReadAsync(CancellationToken ct)
    {
        var levels = ReadLevels();
        if (!ModelState.IsValid || levels is null)
        {
            return null;
        }

        try
        {
            var culture = CultureInfo.CurrentCulture;
            var personal = TypedNumber.Parse(Input.PersonalPercent, culture, "Personal percent");
            var parsed = levels.Select((text, i) => TypedNumber.Parse(text, culture, $"Level {i + 1}")).ToList();
            var minimum = string.IsNullOrWhiteSpace(Input.MinPersonalVolume) ? 0m : TypedNumber.Parse(Input.MinPersonalVolume, culture, "Minimum personal volume");
            return await CommissionPlans.DraftAsync(db, personal, parsed, Input.Compression, minimum, User.Actor(), clock.UtcNow, ct);
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            return null;
        }
    }

    /// <summary>
    /// The level boxes as posted, by their index: a gap (level 3 filled, level 2 empty) or an
    /// index past the last level is refused, never silently dropped.
    /// </summary>
    private List<string?>? ReadLevels()
    {
        var posted = new SortedDictionary<int, string>();
        foreach (var (key, value) in Request.Form)
        {
            if (LevelKey().Match(key) is not { Success: true } match)
            {
                continue;
            }

            if (!int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= CommissionPlan.MaxLevels)
            {
                ModelState.AddModelError(string.Empty, $"A plan has at most {CommissionPlan.MaxLevels} levels.");
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
                ModelState.AddModelError(string.Empty, $"Level {i + 1} is empty: fill the level boxes from level 1 without gaps (use 0 for a level that pays nothing).");
                return null;
            }

            levels.Add(text);
        }

        Input.Levels = [.. levels];
        return levels;
    }

    private static List<PreviewRow> PreviewRows(CommissionPlan? current, CommissionPlan draft)
    {
        var depth = Math.Max(current?.LevelCount ?? 0, draft.LevelCount);
        var chain = Enumerable.Range(0, depth + 1).Select(d => new UplineMember(d + 1, d, false, DistributorStatus.Active)).ToList();
        var before = current?.SharesFor(ExampleSaleBase, chain).ToDictionary(s => s.Level) ?? [];
        var after = draft.SharesFor(ExampleSaleBase, chain).ToDictionary(s => s.Level);
        return [.. Enumerable.Range(0, depth + 1).Select(level => new PreviewRow(
            level,
            level == 0 ? current?.PersonalPercent : current is not null && level <= current.LevelCount ? current.Levels[level - 1] : null,
            before.GetValueOrDefault(level)?.Amount ?? Money.Zero,
            level == 0 ? draft.PersonalPercent : level <= draft.LevelCount ? draft.Levels[level - 1] : null,
            after.GetValueOrDefault(level)?.Amount ?? Money.Zero))];
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        History = await db.CommissionPlans.AsNoTracking().OrderByDescending(p => p.Version).ToListAsync(ct);
        Current = History.Count > 0 ? History[0] : null;
    }

    private void PadLevels()
    {
        var boxes = Math.Min(CommissionPlan.MaxLevels, Math.Max(Input.Levels.Count, Input.Levels.Count(l => !string.IsNullOrEmpty(l)) + SpareLevelBoxes));
        while (Input.Levels.Count < boxes)
        {
            Input.Levels.Add(null);
        }
    }

    [GeneratedRegex(@"^Input\.Levels\[([^\]]*)\]$")]
    private static partial Regex LevelKey();

    public sealed record PreviewRow(int Level, Percent? OldPercent, Money OldAmount, Percent? NewPercent, Money NewAmount);

    public sealed class PlanForm
    {
        [Required, StringLength(24), Display(Name = "Personal percent")]
        public string? PersonalPercent { get; set; }

        public List<string?> Levels { get; set; } = [];

        public bool Compression { get; set; }

        [StringLength(24), Display(Name = "Minimum personal volume")]
        public string? MinPersonalVolume { get; set; }
    }
}
