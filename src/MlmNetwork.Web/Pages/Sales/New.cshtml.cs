using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Sales;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Sales;

/// <summary>
/// A distributor records a sale of their own. The seller is always the logged-in distributor,
/// never a form field; the form carries an idempotency key so a double click posts once.
/// </summary>
public sealed class NewModel(MlmDbContext db, SalePostingService sales) : PageModel
{
    [BindProperty]
    public SaleForm Input { get; set; } = new();

    public IReadOnlyDictionary<string, Product> Products { get; private set; } = new Dictionary<string, Product>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadProductsAsync(ct);
        Input = new SaleForm
        {
            Key = Guid.NewGuid().ToString("N"),
            Lines = [.. Products.Values.Select(p => new SaleForm.Line { Sku = p.Sku })],
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var me = await db.ForAsync(HttpContext, ct);
        if (me is null)
        {
            return Forbid();
        }

        await LoadProductsAsync(ct);
        Input.Lines = [.. Input.Lines.Where(l => Products.ContainsKey(l.Sku ?? string.Empty))];
        var lines = Input.Lines.Where(l => l.Quantity > 0).Select(l => new SaleRequestLine(l.Sku!, l.Quantity)).ToList();
        if (lines.Count == 0)
        {
            ModelState.AddModelError(string.Empty, "Enter a quantity for at least one product.");
        }

        if (!ModelState.IsValid || string.IsNullOrWhiteSpace(Input.Key))
        {
            Input.Key = string.IsNullOrWhiteSpace(Input.Key) ? Guid.NewGuid().ToString("N") : Input.Key;
            return Page();
        }

        try
        {
            var posted = await sales.PostAsync(new SaleRequest(me.Id, lines, Input.Reference, $"web:{me.Id}:{Input.Key}"), ct);
            var mine = Money.Sum(posted.Sale.Commissions.Where(c => c.BeneficiaryId == me.Id).Select(c => c.Amount));
            TempData["Flash"] = $"Sale #{posted.Sale.Id} recorded: total {posted.Sale.Total}, volume {posted.Sale.Base}. You earned {mine}; {posted.Sale.Commissions.Count(c => c.BeneficiaryId != me.Id)} people in your upline earned too.";
            return Redirect("/Sales");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            return Page();
        }
    }

    private async Task LoadProductsAsync(CancellationToken ct)
    {
        Products = await db.Products.AsNoTracking()
            .Where(p => p.IsActive)
            .OrderBy(p => p.Name)
            .ToDictionaryAsync(p => p.Sku, ct);
    }

    public sealed class SaleForm
    {
        [StringLength(64)]
        public string? Key { get; set; }

        [StringLength(Sale.ExternalIdMaxLength)]
        public string? Reference { get; set; }

        public List<Line> Lines { get; set; } = [];

        public sealed class Line
        {
            public string? Sku { get; set; }

            [Range(0, Sale.MaxQuantity)]
            public int Quantity { get; set; }
        }
    }
}
