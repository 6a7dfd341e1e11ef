using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Plans;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Plan;

/// <summary>
/// The plan editor: percents typed in the admin's culture are shown as read, with an example
/// sale's lines under the version in force and the new one, before the new version is saved
/// (in force from then on, or from the start of a chosen later day; history is kept).
/// </summary>
public sealed class IndexModel(MlmDbContext db, BusinessClock clock, Display show, RuleMessages rules, PlanFormReader reader, IStringLocalizer<IndexModel> t) : PageModel
{
    private static readonly Money ExampleSaleBase = new(10_000);

    /// <summary>The commission base of the example sale in the preview.</summary>
    public Money ExampleBase => ExampleSaleBase;

    [BindProperty]
    public PlanForm Input { get; set; } = new();

    /// <summary>The version in force now.</summary>
    public CommissionPlan? Current { get; private set; }

    public DateTime Now { get; private set; }

    public IReadOnlyList<CommissionPlan> History { get; private set; } = [];

    /// <summary>The new version as read from the form, shown for confirmation; null until previewed.</summary>
    public CommissionPlan? Draft { get; private set; }

    public IReadOnlyList<PreviewRow> Preview { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Current is not null)
        {
            PlanFormReader.Fill(Input, Current);
        }

        Input.BaseVersion = Newest;
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

    /// <summary>Saves the previewed version, unless another was saved since the form was opened (two admins at once).</summary>
    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Input.BaseVersion is { } seen && seen != Newest)
        {
            // Never a silent overwrite: the admin reads what the other saved (it is in the history), then decides.
            ModelState.AddModelError(string.Empty, t["Plan version {0} was saved by somebody else after you opened this form. Read it in the history below, then make your change again.", Newest]);
            Input.BaseVersion = Newest;
            PadLevels();
            return Page();
        }

        if (await ReadAsync(ct) is { } draft)
        {
            try
            {
                var plan = await CommissionPlans.SaveAsync(db, draft, User.Actor(), clock.UtcNow, ct);
                TempData["Flash"] = (plan.IsScheduledAt(clock.UtcNow)
                    ? t["Plan version {0} is scheduled: in force from {1} UTC.", plan.Version, show.DateTime(plan.EffectiveFrom)]
                    : t["Plan version {0} is in force from now.", plan.Version]).Value;
                return RedirectToPage();
            }
            catch (DomainRuleException e)
            {
                ModelState.AddModelError(string.Empty, rules.Text(e));
            }
        }

        PadLevels();
        return Page();
    }

    private async Task<CommissionPlan?> ReadAsync(CancellationToken ct)
    {
        var effectiveFrom = ReadEffectiveFrom();
        try
        {
            if (reader.Read(Input, Request.Form, ModelState) is not { } numbers || !ModelState.IsValid)
            {
                return null;
            }

            return await CommissionPlans.DraftAsync(db, numbers.PersonalPercent, numbers.Levels, numbers.Compression, numbers.MinPersonalVolume, numbers.MinCustomerShare, numbers.ForfeitBelowCustomerShare, effectiveFrom, User.Actor(), clock.UtcNow, ct);
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(string.Empty, rules.Text(e));
            return null;
        }
    }

    /// <summary>Withdraws the newest version while it is only scheduled.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(int version, string? reason, CancellationToken ct)
    {
        try
        {
            var withdrawn = await CommissionPlans.WithdrawScheduledAsync(db, version, User.Actor(), reason, clock.UtcNow, ct);
            TempData["Flash"] = t["Scheduled version {0} is withdrawn; it never paid anything.", withdrawn.Version].Value;
            return RedirectToPage();
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(string.Empty, rules.Text(e));
            await OnGetAsync(ct);
            return Page();
        }
    }

    /// <summary>"In force from" as typed: a day (yyyy-MM-dd, as a date box sends it) meaning 00:00 UTC of that day; blank is now.</summary>
    private DateTime? ReadEffectiveFrom()
    {
        var text = Input.EffectiveFrom?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day))
        {
            // Today means from now: midnight has passed already.
            return day.Date == clock.UtcNow.Date ? null : DateTime.SpecifyKind(day, DateTimeKind.Utc);
        }

        ModelState.AddModelError("Input.EffectiveFrom", t["In force from: '{0}' is not a date; choose a day, or leave it blank for now.", text]);
        return null;
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
        Now = clock.UtcNow;
        History = await db.CommissionPlans.AsNoTracking().OrderByDescending(p => p.Version).ToListAsync(ct);
        Current = await CommissionPlans.InForceAtAsync(db, Now, ct);
    }

    private void PadLevels() => PlanFormReader.PadLevels(Input);

    /// <summary>The newest version saved (in force or scheduled); 0 before the first.</summary>
    private int Newest => History.Count == 0 ? 0 : History.Max(p => p.Version);

    public sealed record PreviewRow(int Level, Percent? OldPercent, Money OldAmount, Percent? NewPercent, Money NewAmount);

    public sealed class PlanForm : PlanFields
    {
        /// <summary>A day (yyyy-MM-dd): the version is in force from 00:00 UTC of it; blank for now.</summary>
        [StringLength(24, ErrorMessage = "The field {0} must be a string with a maximum length of {1}."), Display(Name = "In force from")]
        public string? EffectiveFrom { get; set; }

        /// <summary>The newest version when the form was opened; a save after another admin's is refused (a browser always sends it).</summary>
        public int? BaseVersion { get; set; }
    }
}
