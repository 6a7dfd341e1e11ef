using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Dashboard;

/// <summary>
/// A distributor's dashboard. Everything on it comes from counters kept as sales post
/// (month stats, earnings per level, downline counts) plus a few newest rows by index: the
/// cost of a request does not grow with the size of the downline.
/// </summary>
public sealed class IndexModel(MlmDbContext db, BusinessClock clock, PublicLinks links) : PageModel
{
    public Distributor Me { get; private set; } = null!;

    public Period ThisPeriod { get; private set; }

    public DashboardMonth ThisMonth { get; private set; } = new(0, 0, Money.Zero, Money.Zero, 0, Money.Zero);

    public Money Balance { get; private set; }

    public Money EarnedThisMonth { get; private set; }

    public IReadOnlyList<LevelRow> ByLevel { get; private set; } = [];

    public IReadOnlyList<MonthRow> ByMonth { get; private set; } = [];

    public IReadOnlyList<DashboardRecruit> Recruits { get; private set; } = [];

    public IReadOnlyList<DashboardLine> LatestLines { get; private set; } = [];

    public string ReferralLink { get; private set; } = string.Empty;

    // --- recruits (issue 9): the sponsor card and the getting-started checklist ---
    public MlmNetwork.Infrastructure.Onboarding.SponsorCard? Sponsor { get; private set; }

    public MlmNetwork.Web.Pages.Shared.GettingStartedPanel? GettingStarted { get; private set; }
    // --- end recruits ---

    /// <summary>The statement of the last closed month, with what was paid against it.</summary>
    public Statement? LatestStatement { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await db.ForAsync(HttpContext, ct);
        if (me is null)
        {
            return Forbid();
        }

        Me = me;
        ThisPeriod = Period.Of(clock.UtcNow);
        var data = await DashboardQuery.LoadAsync(db, me.Id, ct);
        var months = data.Months;
        var earnings = data.Earnings;
        ThisMonth = months.FirstOrDefault(m => m.PeriodKey == ThisPeriod.Key) ?? ThisMonth;
        Balance = data.Balance.Amount;
        EarnedThisMonth = Money.Sum(earnings.Where(e => e.PeriodKey == ThisPeriod.Key).Select(e => e.Amount));
        ByLevel = [.. earnings.GroupBy(e => e.Level).OrderBy(g => g.Key).Select(g => new LevelRow(
            g.Key,
            Money.Sum(g.Where(e => e.PeriodKey == ThisPeriod.Key).Select(e => e.Amount)),
            Money.Sum(g.Select(e => e.Amount))))];
        ByMonth = [.. months.Select(m => m.PeriodKey).Union(earnings.Select(e => e.PeriodKey)).OrderDescending().Take(12).Select(key => new MonthRow(
            Period.FromKey(key),
            months.FirstOrDefault(m => m.PeriodKey == key)?.PersonalSalesTotal ?? Money.Zero,
            months.FirstOrDefault(m => m.PeriodKey == key)?.TeamVolume ?? Money.Zero,
            Money.Sum(earnings.Where(e => e.PeriodKey == key).Select(e => e.Amount))))];
        Recruits = data.Recruits;
        LatestLines = data.LatestLines;
        ReferralLink = links.JoinLink(Request, me.ReferralCode);
        LatestStatement = data.LatestStatement;
        // --- recruits (issue 9) ---
        Sponsor = await MlmNetwork.Infrastructure.Onboarding.SponsorCard.ForAsync(db, me, ct);
        GettingStarted = new(await MlmNetwork.Infrastructure.Onboarding.GettingStartedQuery.ForAsync(db, me, ct), me.ReferralCode);
        // --- end recruits ---
        return Page();
    }

    public sealed record LevelRow(int Level, Money ThisMonth, Money AllTime);

    public sealed record MonthRow(Period Period, Money PersonalSales, Money TeamVolume, Money Earned);
}
