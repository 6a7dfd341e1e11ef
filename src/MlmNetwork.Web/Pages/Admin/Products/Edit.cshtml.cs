using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
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

        var now = clock.UtcNow;
        try
        {
            var price = Money.FromAmount(Input.Price!.Value, "price");
            Money? basis = Input.CommissionBase is { } b ? Money.FromAmount(b, "commissionBase") : null;
            Product product;
            if (id is null)
            {
                product = Product.Create(Input.Sku ?? string.Empty, Input.Name ?? string.Empty, price, basis, now, Input.IsStarterKit);
                if (await db.Products.AnyAsync(p => p.Sku == product.Sku, ct))
                {
                    throw DomainRuleException.Conflict($"A product with SKU {product.Sku} already exists.", "sku");
                }

                db.Products.Add(product);
            }
            else
            {
                product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw DomainRuleException.NotFound("That product no longer exists.");
                product.Update(Input.Name ?? string.Empty, price, basis, Input.IsStarterKit);
            }

            db.Audit(User.Actor(), id is null ? "product.create" : "product.update", $"product {product.Sku}", $"name {product.Name}, price {product.Price}, base {product.CommissionBase}, starter kit {product.IsStarterKit}", now);
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = $"Saved {product.Sku}.";
            return Redirect("/Admin/Products");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(FieldKey(e.Field), e.Message);
            return Page();
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            ModelState.AddModelError("Input.Sku", "A product with that SKU already exists.");
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
