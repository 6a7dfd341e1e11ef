using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Lines;

/// <summary>
/// Explains one ledger line: the sale and its base, the level, percent and plan version, who
/// up the chain was paid or passed over and why, and any reversal or forfeit of it. A
/// distributor sees only their own lines (another's answers 404), and only the amounts that
/// are theirs; admins see everything.
/// </summary>
public sealed class IndexModel(MlmDbContext db, IStringLocalizer<IndexModel> text, Display show) : PageModel
{
    private Dictionary<long, string> names = [];

    private Dictionary<int, Money> minimums = [];

    private Dictionary<int, Money> volumes = [];

    private Dictionary<int, Percent?> shareMinimums = [];

    private Dictionary<int, MonthVolume> monthVolumes = [];

    public CommissionLine Line { get; private set; } = null!;

    public Sale Sale { get; private set; } = null!;

    public IReadOnlyList<CommissionLine> Cancellations { get; private set; } = [];

    public IReadOnlyList<ChainStep> Chain { get; private set; } = [];

    /// <summary>The share before rounding, to the last digit.</summary>
    public string Exact => (Sale.Base.Amount * Line.Percent.Value / 100m).ToString("0.######", CultureInfo.CurrentCulture);

    /// <summary>Why a member up the chain was not paid, in English: the key of its translation (see <see cref="Unpaid"/>).</summary>
    public static string Explain(UnpaidReason reason) => reason switch
    {
        UnpaidReason.NotActiveLevelLost => "not Active: the level was not paid (no compression)",
        UnpaidReason.SkippedByCompression => "not Active: skipped by compression, the level passed up",
    };

    /// <summary>Why a member up the chain was not paid, in the reader's language.</summary>
    public string Unpaid(UnpaidReason reason) => text[Explain(reason)];

    public string Name(long id) => names.GetValueOrDefault(id, $"#{id}");

    /// <summary>
    /// Why a reversal or forfeit was written, in the reader's language, from the refund or the
    /// closed month it belongs to (the stored English reason when those are not there).
    /// </summary>
    public string ReasonOf(CommissionLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        switch (line.Kind)
        {
            case CommissionLineKind.Reversal:
                var refund = Sale.Refunds.FirstOrDefault(r => r.Id == line.SaleRefundId);
                if (refund is null)
                {
                    return line.Reason is null || line.Reason.StartsWith("Refund of sale ", StringComparison.Ordinal)
                        ? text["Refund of sale #{0}", Sale.Id]
                        : line.Reason;
                }

                return refund.Completes && Sale.Refunds.Min(r => r.Id) == refund.Id
                    ? text["Refund of sale #{0}", Sale.Id]
                    : text["Refund of {0} of sale #{1}", refund.Description, Sale.Id];
            case CommissionLineKind.Forfeit when line.Reason?.StartsWith(MlmNetwork.Infrastructure.Periods.PeriodClosingService.CustomerShareReasonPrefix, StringComparison.Ordinal) == true
                && shareMinimums.GetValueOrDefault(line.PeriodKey) is { } shareMinimum:
                var month = monthVolumes.GetValueOrDefault(line.PeriodKey);
                return month.CustomerShare is { } share
                    ? text["{0} of the personal volume {1} in {2} went to customers, below the minimum {3} for downline commissions", show.Percent(share), show.Amount(month.Personal), show.Month(Period.FromKey(line.PeriodKey)), show.Percent(shareMinimum)]
                    : text["No personal volume in {0}, so no share sold to customers: below the minimum {1} for downline commissions", show.Month(Period.FromKey(line.PeriodKey)), show.Percent(shareMinimum)];
            case CommissionLineKind.Forfeit when minimums.TryGetValue(line.PeriodKey, out var minimum) && volumes.TryGetValue(line.PeriodKey, out var volume):
                return text["Personal volume {0} in {1} was below the minimum {2}", show.Amount(volume), show.Month(Period.FromKey(line.PeriodKey)), show.Amount(minimum)];
            default:
                return line.Reason ?? string.Empty;
        }
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var line = await db.CommissionLines.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        var isAdmin = User.IsInRole(Roles.Admin);
        var me = isAdmin ? null : await db.ForAsync(HttpContext, ct);
        if (line is null || (!isAdmin && line.BeneficiaryId != me?.Id))
        {
            return NotFound();
        }

        Line = line;
        Sale = await db.Sales.AsNoTracking().Include(s => s.Lines).Include(s => s.Commissions).Include(s => s.Unpaid).Include(s => s.Refunds).AsSplitQuery().SingleAsync(s => s.Id == line.SaleId, ct);
        Cancellations = Sale.Commissions.Where(c => c.ReversesLineId == line.Id).OrderBy(c => c.Id).ToList();
        var forfeitMonths = Cancellations.Append(line).Where(c => c.Kind == CommissionLineKind.Forfeit).Select(c => c.PeriodKey).Distinct().ToList();
        if (forfeitMonths.Count > 0)
        {
            minimums = await db.CommissionPeriods.AsNoTracking().Where(p => forfeitMonths.Contains(p.Key)).ToDictionaryAsync(p => p.Key, p => p.MinPersonalVolume, ct);
            shareMinimums = await db.CommissionPeriods.AsNoTracking().Where(p => forfeitMonths.Contains(p.Key)).ToDictionaryAsync(p => p.Key, p => p.MinCustomerShare, ct);
            monthVolumes = await db.DistributorMonthStats.AsNoTracking().Where(s => s.DistributorId == line.BeneficiaryId && forfeitMonths.Contains(s.PeriodKey)).ToDictionaryAsync(s => s.PeriodKey, s => new MonthVolume(s.PersonalVolume, s.CustomerVolume), ct);
            volumes = await db.Statements.AsNoTracking().Where(s => s.DistributorId == line.BeneficiaryId && forfeitMonths.Contains(s.PeriodKey)).ToDictionaryAsync(s => s.PeriodKey, s => s.PersonalVolume, ct);
        }

        var earned = Sale.Commissions.Where(c => c.Kind == CommissionLineKind.Commission).ToList();
        var ids = earned.Select(c => c.BeneficiaryId).Concat(Sale.Unpaid.Select(u => u.DistributorId)).Append(Sale.DistributorId).Distinct().ToList();
        names = await db.Distributors.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);

        var steps = earned.Select(c => new ChainStep(c.Distance, c.BeneficiaryId, Name(c.BeneficiaryId), c.Level,
                isAdmin || c.BeneficiaryId == line.BeneficiaryId ? text["paid {0}: {1}", show.Percent(c.Percent), show.Money(c.Amount)] : text["paid {0}", show.Percent(c.Percent)]))
            .Concat(Sale.Unpaid.Select(u => new ChainStep(u.Distance, u.DistributorId, Name(u.DistributorId), u.Level, Unpaid(u.Reason))))
            .OrderBy(s => s.Distance)
            .ToList();
        Chain = steps;
        return Page();
    }

    public sealed record ChainStep(int Distance, long DistributorId, string Name, int? Level, string Outcome);
}
