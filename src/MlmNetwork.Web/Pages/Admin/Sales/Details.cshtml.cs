using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Sales;

public sealed class DetailsModel(MlmDbContext db) : PageModel
{
    public Sale Sale { get; private set; } = null!;

    public IReadOnlyDictionary<long, string> Names { get; private set; } = new Dictionary<long, string>();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var sale = await db.Sales.AsNoTracking().Include(s => s.Lines).Include(s => s.Commissions).AsSplitQuery().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (sale is null)
        {
            return NotFound();
        }

        Sale = sale;
        var ids = sale.Commissions.Select(c => c.BeneficiaryId).Append(sale.DistributorId).Distinct().ToList();
        Names = await db.Distributors.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return Page();
    }
}
