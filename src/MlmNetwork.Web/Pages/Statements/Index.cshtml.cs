using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Ledger;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Statements;

public sealed class IndexModel(MlmDbContext db) : PageModel
{
    public IReadOnlyList<Statement> Rows { get; private set; } = [];

    public IReadOnlyList<Payout> Payouts { get; private set; } = [];

    public Balance Balance { get; private set; } = new(Money.Zero, Money.Zero);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await db.ForAsync(HttpContext, ct);
        if (me is null)
        {
            return Forbid();
        }

        Rows = await db.Statements.AsNoTracking().Where(s => s.DistributorId == me.Id).OrderByDescending(s => s.PeriodKey).Take(36).ToListAsync(ct);
        Payouts = await db.Payouts.AsNoTracking().Where(p => p.DistributorId == me.Id).OrderByDescending(p => p.Id).Take(36).ToListAsync(ct);
        Balance = await Balance.OfAsync(db, me.Id, ct);
        return Page();
    }
}
