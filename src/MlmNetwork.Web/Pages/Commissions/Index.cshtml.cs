using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Commissions;

public sealed class IndexModel(MlmDbContext db) : PageModel
{
    public IReadOnlyList<CommissionLine> Lines { get; private set; } = [];

    public Money Balance { get; private set; }

    public Pager Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        var me = await db.ForAsync(HttpContext, ct);
        if (me is null)
        {
            return Forbid();
        }

        Balance = (await MlmNetwork.Infrastructure.Ledger.Balance.OfAsync(db, me.Id, ct)).Amount;
        (Lines, Pager) = await Pager.ReadAsync(
            db.CommissionLines.AsNoTracking().Where(l => l.BeneficiaryId == me.Id).OrderByDescending(l => l.Id),
            Request,
            pageNumber,
            ct);
        return Page();
    }
}
