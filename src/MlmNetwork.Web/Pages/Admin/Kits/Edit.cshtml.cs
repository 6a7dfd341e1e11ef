using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Onboarding;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Kits;

/// <summary>Creates or changes a starter kit: name, description, price, the products and quantities it holds, offered or not. Audited.</summary>
public sealed class EditModel(MlmDbContext db, BusinessClock clock, RuleMessages rules, IStringLocalizer<EditModel> text) : PageModel
{
    /// <summary>Empty product rows offered below the kit's own, to add products without script.</summary>
    public const int BlankRows = 3;

    [BindProperty]
    public KitForm Input { get; set; } = new();

    public long? Id { get; private set; }

    private bool showsSaved;

    /// <summary>The products that can go in a kit: those for sale, and any the kit already holds.</summary>
    public IReadOnlyList<Product> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        Id = id;
        if (id is not null && !await ShowSavedAsync(id.Value, ct))
        {
            return NotFound();
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        Id = id;
        if (id is not null && !await db.StarterKits.AnyAsync(k => k.Id == id, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        try
        {
            // Typed in the admin's culture: 12,50 is twelve and a half (docs/rules.md rule 11).
            var details = new StarterKitDetails(
                Input.Name ?? string.Empty,
                Input.Description,
                TypedNumber.ParseMoney(Input.Price, CultureInfo.CurrentCulture, "price", text["Price"]).Amount,
                Input.Active,
                [.. Items()]);
            var kit = id is { } existing
                ? await StarterKits.UpdateAsync(db, existing, Input.Version, details, User.Actor(), clock.UtcNow, ct)
                : await StarterKits.CreateAsync(db, details, User.Actor(), clock.UtcNow, ct);
            TempData["Flash"] = text["Saved the starter kit {0}.", kit.Name].Value;
            return Redirect("/Admin/Kits");
        }
        catch (DomainRuleException e) when (e.Breach == RuleBreach.NotFound)
        {
            return NotFound();
        }
        catch (DomainRuleException e) when (e.Field == "version" && id is { } changed)
        {
            // Another admin's change came first: the form shows the kit as it is now, to start again from.
            ModelState.Clear();
            if (!await ShowSavedAsync(changed, ct))
            {
                return NotFound();
            }

            ModelState.AddModelError(string.Empty, rules.Text(e));
            await LoadAsync(ct);
            return Page();
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(e.Field switch
            {
                "name" => "Input.Name",
                "description" => "Input.Description",
                "price" => "Input.Price",
                _ => string.Empty,
            }, rules.Text(e));
            await LoadAsync(ct);
            return Page();
        }
    }

    /// <summary>The rows with a product chosen; a quantity that is not a whole number is refused.</summary>
    private IEnumerable<(long ProductId, int Quantity)> Items()
    {
        foreach (var row in Input.Items.Where(r => r.ProductId is not null))
        {
            var typed = (row.Quantity ?? string.Empty).Trim();
            if (!int.TryParse(typed.Length == 0 ? "1" : typed, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity))
            {
                throw DomainRuleException.Invalid($"A quantity is a whole number from 1 to {StarterKit.MaxQuantity}.", "items");
            }

            yield return (row.ProductId!.Value, quantity);
        }
    }

    /// <summary>Fills the form with the kit as saved, and the version it is; false when there is no such kit.</summary>
    private async Task<bool> ShowSavedAsync(long id, CancellationToken ct)
    {
        var kit = await db.StarterKits.AsNoTracking().Include(k => k.Items).FirstOrDefaultAsync(k => k.Id == id, ct);
        if (kit is null)
        {
            return false;
        }

        Input = new KitForm
        {
            Name = kit.Name,
            Description = kit.Description,
            Price = TypedNumber.Format(kit.Price, CultureInfo.CurrentCulture),
            Active = kit.IsActive,
            Version = kit.Version,
            Items = [.. kit.Items.Select(i => new ItemForm { ProductId = i.ProductId, Quantity = i.Quantity.ToString(CultureInfo.CurrentCulture) })],
        };
        showsSaved = true;
        return true;
    }

    /// <summary>
    /// The product choices, and the rows: a kit as saved gets empty rows below its own to add
    /// products; a form posted back keeps the rows it had, so a refusal never adds one.
    /// </summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        var held = Input.Items.Where(i => i.ProductId is not null).Select(i => i.ProductId!.Value).ToList();
        Choices = await db.Products.AsNoTracking().Where(p => p.IsActive || held.Contains(p.Id)).OrderBy(p => p.Name).ToListAsync(ct);
        if (!showsSaved && Input.Items.Count > 0)
        {
            Input.Items = [.. Input.Items.Take(StarterKit.MaxItems + BlankRows)];
            return;
        }

        var filled = Input.Items.Where(i => i.ProductId is not null).Take(StarterKit.MaxItems).ToList();
        Input.Items = [.. filled, .. Enumerable.Range(0, Math.Min(BlankRows, StarterKit.MaxItems - filled.Count)).Select(_ => new ItemForm())];
    }

    public sealed class KitForm
    {
        [Required(ErrorMessage = "The {0} field is required."), StringLength(StarterKit.NameMaxLength, ErrorMessage = "{0} is at most {1} characters long.")]
        [Display(Name = "Kit name")]
        public string? Name { get; set; }

        [StringLength(StarterKit.DescriptionMaxLength, ErrorMessage = "{0} is at most {1} characters long.")]
        [Display(Name = "Description")]
        public string? Description { get; set; }

        [Required(ErrorMessage = "The {0} field is required."), StringLength(24, ErrorMessage = "{0} is at most {1} characters long.")]
        [Display(Name = "Price")]
        public string? Price { get; set; }

        public bool Active { get; set; } = true;

        /// <summary>The version of the kit the form was opened on: a save based on an older one is refused, never a lost change.</summary>
        public int? Version { get; set; }

        public List<ItemForm> Items { get; set; } = [];
    }

    public sealed class ItemForm
    {
        public long? ProductId { get; set; }

        [StringLength(6, ErrorMessage = "{0} is at most {1} characters long.")]
        [Display(Name = "Quantity")]
        public string? Quantity { get; set; }
    }
}
