using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Customers;
using MlmNetwork.Infrastructure.Sales;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Shop;

/// <summary>
/// A distributor's shop link, /shop/{code}: a customer orders products from that distributor.
/// The order is recorded as placed, with no payment: the distributor arranges payment and marks
/// it paid (ADR 017). Rate-limited like sign-up; a distributor who is not Active takes no orders.
/// </summary>
[EnableRateLimiting(Policies.SignUpLimit)]
public sealed class IndexModel(MlmDbContext db, CustomerOrders orders, RuleMessages rules, Display show, IStringLocalizer<IndexModel> t) : PageModel
{
    [BindProperty]
    public ShopInput Input { get; set; } = new();

    public Distributor Seller { get; private set; } = null!;

    public IReadOnlyDictionary<string, Product> Products { get; private set; } = new Dictionary<string, Product>();

    public bool TakesOrders => Seller.Status == DistributorStatus.Active;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        Input = new ShopInput { Lines = [.. Products.Values.Select(p => new ShopInput.Line { Sku = p.Sku })] };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        Input.Lines = [.. Input.Lines.Where(l => Products.ContainsKey(l.Sku ?? string.Empty))];
        var lines = Input.Lines.Where(l => l.Quantity > 0).Select(l => new SaleRequestLine(l.Sku!, l.Quantity)).ToList();
        if (lines.Count == 0)
        {
            ModelState.AddModelError(string.Empty, t["Enter a quantity for at least one product."]);
        }

        if (!TakesOrders || !ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var order = await orders.PlaceAsync(code, new ShopOrder(Input.Name, Input.Email, Input.Phone, Input.Consent, lines, System.Globalization.CultureInfo.CurrentUICulture.Name), ct);
            TempData["Flash"] = t["Thank you! Your order #{0} of {1} is placed with {2}, who will contact you about payment and delivery. A confirmation is on its way to {3}.", order.Id, show.Money(order.Total), Seller.Name, Input.Email.Trim()].Value;
            return Redirect($"/shop/{Seller.ReferralCode}");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(e.Field switch
            {
                "email" => "Input.Email",
                "name" => "Input.Name",
                "phone" => "Input.Phone",
                _ => string.Empty,
            }, rules.Text(e));
            return Page();
        }
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        var normalized = ReferralCode.Normalize(code);
        var seller = normalized is null ? null : await db.Distributors.AsNoTracking().FirstOrDefaultAsync(d => d.ReferralCode == normalized && !d.IsHouse, ct);
        if (seller is null)
        {
            return false;
        }

        Seller = seller;
        Products = await db.Products.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Name).ToDictionaryAsync(p => p.Sku, ct);
        return true;
    }

    public sealed class ShopInput
    {
        [Required(ErrorMessage = "Enter your name."), StringLength(Distributor.NameMaxLength, ErrorMessage = "{0} is at most {1} characters long.")]
        [Display(Name = "Your name")]
        public string Name { get; set; } = string.Empty;

        [Required(ErrorMessage = "The {0} field is required."), EmailAddress(ErrorMessage = "The {0} field is not a valid e-mail address."), StringLength(Distributor.EmailMaxLength, ErrorMessage = "{0} is at most {1} characters long.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        [StringLength(Distributor.PhoneMaxLength, ErrorMessage = "{0} is at most {1} characters long.")]
        [Display(Name = "Phone")]
        public string? Phone { get; set; }

        public bool Consent { get; set; }

        public List<Line> Lines { get; set; } = [];

        public sealed class Line
        {
            public string? Sku { get; set; }

            [Range(0, Sale.MaxQuantity, ErrorMessage = "The field {0} must be between {1} and {2}.")]
            [Display(Name = "Quantity")]
            public int Quantity { get; set; }
        }
    }
}
