using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Periods;

/// <summary>A closed month's statements: each distributor's balance at its start, the month's movements, and the balance at its end.</summary>
public sealed class DetailsModel(MlmDbContext db) : PageModel
{
    public CommissionPeriod Closed { get; private set; } = null!;

    public IReadOnlyList<Statement> Rows { get; private set; } = [];

    public IReadOnlyDictionary<long, string> Names { get; private set; } = new Dictionary<long, string>();

    public Pager Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int key, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        var closed = await db.CommissionPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, ct);
        if (closed is null)
        {
            return NotFound();
        }

        Closed = closed;
        (Rows, Pager) = await Pager.ReadAsync(db.Statements.AsNoTracking().Where(s => s.PeriodKey == key).OrderBy(s => s.DistributorId), Request, pageNumber, ct);
        var ids = Rows.Select(s => s.DistributorId).ToList();
        Names = await db.Distributors.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return Page();
    }
}
