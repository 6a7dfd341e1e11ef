using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Sales;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Sales;

public sealed class DetailsModel(MlmDbContext db, RefundService refunds) : PageModel
{
    public string RefundKey { get; private set; } = Guid.NewGuid().ToString("N");

    public Sale Sale { get; private set; } = null!;

    public IReadOnlyDictionary<long, string> Names { get; private set; } = new Dictionary<long, string>();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var sale = await db.Sales.AsNoTracking().Include(s => s.Lines).Include(s => s.Commissions).Include(s => s.Unpaid).AsSplitQuery().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (sale is null)
        {
            return NotFound();
        }

        Sale = sale;
        var ids = sale.Commissions.Select(c => c.BeneficiaryId).Concat(sale.Unpaid.Select(u => u.DistributorId)).Append(sale.DistributorId).Distinct().ToList();
        Names = await db.Distributors.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return Page();
    }

    /// <summary>Refunds from the sale's page; the form's key makes a double click refund once.</summary>
    public async Task<IActionResult> OnPostRefundAsync(long id, string? refundKey, string? reason, CancellationToken ct)
    {
        try
        {
            var refunded = await refunds.RefundAsync(id, $"admin:{id}:{refundKey}", User.Actor(), reason, ct);
            TempData["Flash"] = $"Sale #{id} refunded: {refunded.Reversals.Count} reversing lines written.";
            return RedirectToPage(new { id });
        }
        catch (DomainRuleException e) when (e.Breach == RuleBreach.NotFound)
        {
            return NotFound();
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            return await OnGetAsync(id, ct);
        }
    }
}
