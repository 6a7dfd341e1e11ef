using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Dashboard;

/// <summary>
/// A distributor's dashboard. Everything on it comes from counters kept as sales post and as
/// the tree changes (month stats, earnings per month and level, downline counts, team growth per
/// month) plus a few newest rows by index, read in one round trip (<see cref="DashboardQuery"/>):
/// the cost of a request does not grow with the size of the downline.
/// </summary>
public sealed class IndexModel(MlmDbContext db, ReadDb reads, BusinessClock clock, PublicLinks links) : PageModel
{
    public Distributor Me { get; private set; } = null!;

    public Period ThisPeriod { get; private set; }

    public DashboardMonth ThisMonth { get; private set; } = new(0, 0, Money.Zero, Money.Zero, 0, Money.Zero);

    public Money Balance { get; private set; }

    public Money EarnedThisMonth { get; private set; }

    /// <summary>This month's earnings from the distributor's own sales (level 0).</summary>
    public Money OwnThisMonth { get; private set; }

    /// <summary>This month's earnings from the sales of the downline (levels 1 and up).</summary>
    public Money TeamThisMonth { get; private set; }

    /// <summary>The last twelve months, oldest first, this month last.</summary>
    public IReadOnlyList<Period> Months { get; private set; } = [];

    /// <summary>Net earnings of each of <see cref="Months"/>.</summary>
    public IReadOnlyList<Money> EarnedByMonth { get; private set; } = [];

    /// <summary>People who joined the downline in each of <see cref="Months"/>.</summary>
    public IReadOnlyList<long> JoinedByMonth { get; private set; } = [];

    public IReadOnlyList<LevelRow> ByLevel { get; private set; } = [];

    /// <summary>Where the distributor stands against this month's minimum personal volume; null when the plan asks for none.</summary>
    public VolumeProgress? Volume { get; private set; }

    /// <summary>The plan's customer share rule for this month (none when the plan sets no minimum).</summary>
    public CustomerShareRule CustomerShare { get; private set; }

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
        if (await db.ForAsync(HttpContext, ct) is not { } me)
        {
            return Forbid();
        }

        Me = me;
        ThisPeriod = Period.Of(clock.UtcNow);
        var data = await DashboardQuery.LoadAsync(reads.Context, me.Id, ThisPeriod, ct);
        var earnings = data.Earnings;
        ThisMonth = data.Months.FirstOrDefault(m => m.PeriodKey == ThisPeriod.Key) ?? ThisMonth;
        Balance = data.Balance.Amount;
        var thisMonth = earnings.Where(e => e.PeriodKey == ThisPeriod.Key).ToList();
        EarnedThisMonth = Money.Sum(thisMonth.Select(e => e.Amount));
        OwnThisMonth = Money.Sum(thisMonth.Where(e => e.Level == 0).Select(e => e.Amount));
        TeamThisMonth = EarnedThisMonth - OwnThisMonth;
        Months = [.. Enumerable.Range(0, DashboardQuery.GrowthMonths).Select(i => Period.Of(ThisPeriod.StartsAt.AddMonths(i + 1 - DashboardQuery.GrowthMonths)))];
        EarnedByMonth = [.. Months.Select(p => Money.Sum(earnings.Where(e => e.PeriodKey == p.Key).Select(e => e.Amount)))];
        JoinedByMonth = [.. Months.Select(p => data.Growth.FirstOrDefault(g => g.PeriodKey == p.Key)?.Joined ?? 0)];
        ByLevel = [.. earnings.GroupBy(e => e.Level).OrderBy(g => g.Key).Select(g => new LevelRow(
            g.Key,
            Money.Sum(g.Where(e => e.PeriodKey == ThisPeriod.Key).Select(e => e.Amount)),
            Money.Sum(g.Select(e => e.Amount))))];
        CustomerShare = data.CustomerShare;
        Volume = data.Minimum.Applies ? data.Minimum.Progress(ThisMonth.PersonalVolume, data.OutstandingThisMonth) : null;
        Recruits = data.Recruits;
        LatestLines = data.LatestLines;
        ReferralLink = links.JoinLink(Request, me.ReferralCode);
        LatestStatement = data.LatestStatement;
        // --- recruits (issue 9) ---
        // Read in the dashboard's own batch (one round trip for the whole page's figures).
        Sponsor = data.Sponsor;
        GettingStarted = new(MlmNetwork.Infrastructure.Onboarding.GettingStartedQuery.From(me, data.GettingStarted, System.Globalization.CultureInfo.CurrentUICulture.Name), me.ReferralCode);
        // --- end recruits ---
        return Page();
    }

    public sealed record LevelRow(int Level, Money ThisMonth, Money AllTime);
}
