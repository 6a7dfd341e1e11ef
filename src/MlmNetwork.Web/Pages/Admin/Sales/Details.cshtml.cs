using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Sales;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Sales;

/// <summary>A sale with its lines and refunds; a refund, whole or of chosen quantities, is reviewed before it is made.</summary>
public sealed class DetailsModel(MlmDbContext db, RefundService refunds, RuleMessages rules, IStringLocalizer<DetailsModel> t) : PageModel
{
    public string RefundKey { get; private set; } = Guid.NewGuid().ToString("N");

    public Sale Sale { get; private set; } = null!;

    public IReadOnlyDictionary<long, string> Names { get; private set; } = new Dictionary<long, string>();

    /// <summary>The refund under review, waiting for confirmation; null otherwise.</summary>
    public RefundPlan? Review { get; private set; }

    /// <summary>The quantities to refund per SKU, as typed (a blank or 0 refunds none of it).</summary>
    [BindProperty]
    public Dictionary<string, string?> Quantities { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Refund everything that is left of the sale, whatever the quantity boxes say.</summary>
    [BindProperty]
    public bool All { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var sale = await db.Sales.AsNoTracking().Include(s => s.Lines).Include(s => s.Commissions).Include(s => s.Unpaid).Include(s => s.Refunds).AsSplitQuery().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (sale is null)
        {
            return NotFound();
        }

        Sale = sale;
        var ids = sale.Commissions.Select(c => c.BeneficiaryId).Concat(sale.Unpaid.Select(u => u.DistributorId)).Append(sale.DistributorId).Distinct().ToList();
        Names = await db.Distributors.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        CustomerName = sale.CustomerId is { } customer ? await db.Customers.AsNoTracking().Where(c => c.Id == customer).Select(c => c.Name).FirstOrDefaultAsync(ct) : null;
        return Page();
    }

    /// <summary>The name of the customer the sale was made to; null for personal use.</summary>
    public string? CustomerName { get; private set; }

    /// <summary>Shows what the refund would reverse, line by line, before anything is written.</summary>
    public async Task<IActionResult> OnPostReviewAsync(long id, CancellationToken ct)
    {
        try
        {
            var (_, plan) = await refunds.PlanAsync(id, Parts(), ct);
            Review = plan;
        }
        catch (DomainRuleException e) when (e.Breach == RuleBreach.NotFound)
        {
            return NotFound();
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(string.Empty, rules.Text(e));
        }

        return await OnGetAsync(id, ct);
    }

    /// <summary>Makes the reviewed refund; the form's key makes a double click refund once.</summary>
    public async Task<IActionResult> OnPostRefundAsync(long id, string? refundKey, CancellationToken ct)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(refundKey))
            {
                throw DomainRuleException.Invalid($"This refund form has no key (it may be from an old page): review the refund again.", "refundKey");
            }

            var refunded = await refunds.RefundAsync(id, $"admin:{id}:{refundKey}", Parts(), User.Actor(), Reason, ct);
            TempData["Flash"] = (refunded.Refund.Completes
                ? t["Refunded {0} of sale #{1}: {2} reversing lines written; the sale is now refunded in full.", refunded.Refund.Description, id, refunded.Reversals.Count]
                : t["Refunded {0} of sale #{1}: {2} reversing lines written.", refunded.Refund.Description, id, refunded.Reversals.Count]).Value;
            return RedirectToPage(new { id });
        }
        catch (DomainRuleException e) when (e.Breach == RuleBreach.NotFound)
        {
            return NotFound();
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(string.Empty, rules.Text(e));
            return await OnGetAsync(id, ct);
        }
    }

    /// <summary>Why an upline member was passed over, in the reader's language.</summary>
    public string Why(UnpaidReason reason) => reason switch
    {
        UnpaidReason.NotActiveLevelLost => t["not Active: the level was not paid (no compression)"],
        UnpaidReason.SkippedByCompression => t["not Active: skipped by compression, the level passed up"],
    };

    /// <summary>The quantities typed per SKU, or null for everything that is left.</summary>
    private List<RefundPart>? Parts()
    {
        if (All)
        {
            return null;
        }

        var parts = new List<RefundPart>();
        foreach (var (sku, text) in Quantities)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var quantity))
            {
                throw DomainRuleException.Invalid($"The quantity of {sku} to refund is a whole number (0 for none).", "lines");
            }

            if (quantity > 0)
            {
                parts.Add(new RefundPart(sku, quantity));
            }
        }

        return parts.Count == 0 ? throw DomainRuleException.Invalid($"Enter a quantity to refund for at least one product, or refund everything that is left.", "lines") : parts;
    }
}
