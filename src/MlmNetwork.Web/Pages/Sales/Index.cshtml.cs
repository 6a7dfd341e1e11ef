using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Sales;

public sealed class IndexModel(MlmDbContext db) : PageModel
{
    public IReadOnlyList<Sale> SalesPage { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int page = 1, CancellationToken ct = default)
    {
        var me = await db.ForAsync(User, ct);
        if (me is null)
        {
            return Forbid();
        }

        var rows = await db.Sales.AsNoTracking().Include(s => s.Lines)
            .Where(s => s.DistributorId == me.Id)
            .OrderByDescending(s => s.Id)
            .Skip(Pager.Skip(page)).Take(Pager.Size + 1)
            .ToListAsync(ct);
        SalesPage = rows.Take(Pager.Size).ToList();
        Pager = new Pager(Request, Pager.Normalize(page), rows.Count > Pager.Size);
        return Page();
    }
}
