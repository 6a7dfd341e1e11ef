using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
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
public sealed class IndexModel(MlmDbContext db) : PageModel
{
    private Dictionary<long, string> names = [];

    public CommissionLine Line { get; private set; } = null!;

    public Sale Sale { get; private set; } = null!;

    public IReadOnlyList<CommissionLine> Cancellations { get; private set; } = [];

    public IReadOnlyList<ChainStep> Chain { get; private set; } = [];

    /// <summary>The share before rounding, to the last digit.</summary>
    public string Exact => (Sale.Base.Amount * Line.Percent.Value / 100m).ToString("0.######", CultureInfo.InvariantCulture);

    public static string Explain(UnpaidReason reason) => reason switch
    {
        UnpaidReason.NotActiveLevelLost => "not Active: the level was not paid (no compression)",
        UnpaidReason.SkippedByCompression => "not Active: skipped by compression, the level passed up",
    };

    public string Name(long id) => names.GetValueOrDefault(id, $"#{id}");

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
        Sale = await db.Sales.AsNoTracking().Include(s => s.Lines).Include(s => s.Commissions).Include(s => s.Unpaid).AsSplitQuery().SingleAsync(s => s.Id == line.SaleId, ct);
        Cancellations = Sale.Commissions.Where(c => c.ReversesLineId == line.Id).OrderBy(c => c.Id).ToList();
        var earned = Sale.Commissions.Where(c => c.Kind == CommissionLineKind.Commission).ToList();
        var ids = earned.Select(c => c.BeneficiaryId).Concat(Sale.Unpaid.Select(u => u.DistributorId)).Append(Sale.DistributorId).Distinct().ToList();
        names = await db.Distributors.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);

        var steps = earned.Select(c => new ChainStep(c.Distance, c.BeneficiaryId, Name(c.BeneficiaryId), c.Level,
                isAdmin || c.BeneficiaryId == line.BeneficiaryId ? $"paid {c.Percent}: {c.Amount}" : $"paid {c.Percent}"))
            .Concat(Sale.Unpaid.Select(u => new ChainStep(u.Distance, u.DistributorId, Name(u.DistributorId), u.Level, Explain(u.Reason))))
            .OrderBy(s => s.Distance)
            .ToList();
        Chain = steps;
        return Page();
    }

    public sealed record ChainStep(int Distance, long DistributorId, string Name, int? Level, string Outcome);
}
