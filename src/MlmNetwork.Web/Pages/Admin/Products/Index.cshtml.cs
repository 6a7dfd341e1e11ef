using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Products;

public sealed class IndexModel(MlmDbContext db, BusinessClock clock, IStringLocalizer<IndexModel> t) : PageModel
{
    public IReadOnlyList<Product> Products { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Products = await db.Products.AsNoTracking().OrderBy(p => p.Sku).ToListAsync(ct);
    }

    public Task<IActionResult> OnPostDeactivateAsync(long id, CancellationToken ct) => SetActiveAsync(id, false, ct);

    public Task<IActionResult> OnPostActivateAsync(long id, CancellationToken ct) => SetActiveAsync(id, true, ct);

    private async Task<IActionResult> SetActiveAsync(long id, bool active, CancellationToken ct)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null)
        {
            return NotFound();
        }

        if (active)
        {
            product.Activate();
        }
        else
        {
            product.Deactivate();
        }

        db.Audit(User.Actor(), active ? "product.activate" : "product.deactivate", $"product {product.Sku}", string.Empty, clock.UtcNow);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = (active ? t["{0} is for sale again.", product.Sku] : t["{0} is no longer for sale.", product.Sku]).Value;
        return RedirectToPage();
    }
}
