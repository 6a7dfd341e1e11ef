using System.Globalization;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Catalog;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Products;

public sealed class EditModel(MlmDbContext db, BusinessClock clock, RuleMessages rules, IStringLocalizer<EditModel> t, IStringLocalizer<SharedResource> shared) : PageModel
{
    [BindProperty]
    public ProductForm Input { get; set; } = new();

    public long? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        Id = id;
        if (id is null)
        {
            return Page();
        }

        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null)
        {
            return NotFound();
        }

        Input = new ProductForm
        {
            Sku = product.Sku,
            Name = product.Name,
            Price = TypedNumber.Format(product.Price, CultureInfo.CurrentCulture),
            CommissionBase = TypedNumber.Format(product.CommissionBase, CultureInfo.CurrentCulture),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        Id = id;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            // Typed in the admin's culture: 12,50 is twelve and a half, never 1250 (docs/rules.md rule 11).
            var details = new ProductDetails(
                Input.Sku ?? string.Empty,
                Input.Name ?? string.Empty,
                TypedNumber.ParseMoney(Input.Price, CultureInfo.CurrentCulture, "price", shared["Price"]).Amount,
                string.IsNullOrWhiteSpace(Input.CommissionBase) ? null : TypedNumber.ParseMoney(Input.CommissionBase, CultureInfo.CurrentCulture, "commissionBase", shared["Commission base"]).Amount);
            var product = id is { } existing
                ? await ProductCatalog.UpdateAsync(db, existing, details, User.Actor(), clock.UtcNow, ct)
                : await ProductCatalog.CreateAsync(db, details, User.Actor(), clock.UtcNow, ct);
            TempData["Flash"] = t["Saved {0}.", product.Sku].Value;
            return Redirect("/Admin/Products");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(FieldKey(e.Field), rules.Text(e));
            return Page();
        }
    }

    private static string FieldKey(string? field) => field switch
    {
        "sku" => "Input.Sku",
        "name" => "Input.Name",
        "price" => "Input.Price",
        "commissionBase" => "Input.CommissionBase",
        _ => string.Empty,
    };

    public sealed class ProductForm
    {
        [Required(ErrorMessage = "The {0} field is required."), StringLength(Product.SkuMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}."), Display(Name = "SKU")]
        public string? Sku { get; set; }

        [Required(ErrorMessage = "The {0} field is required."), StringLength(Product.NameMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}."), Display(Name = "Product name")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "The {0} field is required."), StringLength(24, ErrorMessage = "The field {0} must be a string with a maximum length of {1}."), Display(Name = "Price")]
        public string? Price { get; set; }

        [Display(Name = "Commission base"), StringLength(24, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        public string? CommissionBase { get; set; }
    }
}
