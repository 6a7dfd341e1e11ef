using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Sales;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Sales;

/// <summary>
/// A distributor records a sale of their own. The seller is always the logged-in distributor,
/// never a form field; the form carries an idempotency key so a double click posts once.
/// </summary>
public sealed class NewModel(MlmDbContext db, SalePostingService sales, IStringLocalizer<NewModel> text, RuleMessages rules, Display show) : PageModel
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
        var lines = Input.Lines.Where(l => l.Quantity > 0).Select(l => new SaleRequestLine(l.Sku!, l.Quantity!.Value)).ToList();
        if (lines.Count == 0)
        {
            ModelState.AddModelError(string.Empty, text["Enter a quantity for at least one product."]);
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
            var upline = posted.Sale.Commissions.Count(c => c.BeneficiaryId != me.Id);
            TempData["Flash"] = text["Sale #{0} recorded: total {1}, volume {2}. You earned {3}.", posted.Sale.Id, show.Money(posted.Sale.Total), show.Amount(posted.Sale.Base), show.Money(mine)]
                + " " + (upline switch
                {
                    0 => text["Nobody in your upline earned from it."],
                    1 => text["1 person in your upline earned too."],
                    _ => text["{0} people in your upline earned too.", show.Number(upline)],
                });
            return Redirect("/Sales");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(string.Empty, rules.Text(e));
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
        [StringLength(64, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Form key")]
        public string? Key { get; set; }

        [StringLength(Sale.ExternalIdMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Your reference")]
        public string? Reference { get; set; }

        public List<Line> Lines { get; set; } = [];

        public sealed class Line
        {
            public string? Sku { get; set; }

            [Range(0, Sale.MaxQuantity, ErrorMessage = "The field {0} must be between {1} and {2}.")]
            [Display(Name = "Quantity")]
            public int? Quantity { get; set; } // empty until typed: "0" in the box made "02" of a typed 2
        }
    }
}
