using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Catalog;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Products;

public sealed class EditModel(MlmDbContext db, BusinessClock clock) : PageModel
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
            Price = product.Price.Amount,
            CommissionBase = product.CommissionBase.Amount,
            IsStarterKit = product.IsStarterKit,
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

        var details = new ProductDetails(Input.Sku ?? string.Empty, Input.Name ?? string.Empty, Input.Price!.Value, Input.CommissionBase, Input.IsStarterKit);
        try
        {
            var product = id is { } existing
                ? await ProductCatalog.UpdateAsync(db, existing, details, User.Actor(), clock.UtcNow, ct)
                : await ProductCatalog.CreateAsync(db, details, User.Actor(), clock.UtcNow, ct);
            TempData["Flash"] = $"Saved {product.Sku}.";
            return Redirect("/Admin/Products");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(FieldKey(e.Field), e.Message);
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
        [Required, StringLength(Product.SkuMaxLength)]
        public string? Sku { get; set; }

        [Required, StringLength(Product.NameMaxLength)]
        public string? Name { get; set; }

        [Required, Range(typeof(decimal), "0.01", "1000000")]
        public decimal? Price { get; set; }

        [Display(Name = "Commission base"), Range(typeof(decimal), "0", "1000000")]
        public decimal? CommissionBase { get; set; }

        [Display(Name = "Starter kit")]
        public bool IsStarterKit { get; set; }
    }
}
