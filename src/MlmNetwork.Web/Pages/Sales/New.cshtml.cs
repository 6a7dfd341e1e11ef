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
/// never a form field; the form carries an idempotency key so a double click posts once. Who
/// the sale is to is a required choice with no default: one of the distributor's customers, a
/// new customer typed in (created with the sale), or the distributor's own use.
/// </summary>
public sealed class NewModel(MlmDbContext db, SalePostingService sales, IStringLocalizer<NewModel> text, RuleMessages rules, Display show) : PageModel
{
    [BindProperty]
    public SaleForm Input { get; set; } = new();

    public IReadOnlyDictionary<string, Product> Products { get; private set; } = new Dictionary<string, Product>();

    /// <summary>The distributor's customers to choose from, most recent first.</summary>
    public IReadOnlyList<Customer> Customers { get; private set; } = [];

    public const int CustomersShown = 500;

    public async Task OnGetAsync([FromQuery] long? customer, CancellationToken ct)
    {
        await LoadProductsAsync(ct);
        Input = new SaleForm
        {
            Key = Guid.NewGuid().ToString("N"),
            Lines = [.. Products.Values.Select(p => new SaleForm.Line { Sku = p.Sku })],
        };
        if (customer is { } chosen && Customers.Any(c => c.Id == chosen))
        {
            (Input.Kind, Input.CustomerId) = (SaleForm.ToCustomer, chosen);
        }
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

        long? customerId = null;
        NewCustomer? newCustomer = null;
        switch (Input.Kind)
        {
            case SaleForm.ToCustomer when Input.CustomerId is { } id:
                customerId = id;
                break;
            case SaleForm.ToCustomer:
                ModelState.AddModelError("Input.CustomerId", text["Choose the customer."]);
                break;
            case SaleForm.ToNewCustomer when !string.IsNullOrWhiteSpace(Input.NewName):
                newCustomer = new NewCustomer(Input.NewName, Input.NewEmail, Input.NewPhone, Input.NewConsent);
                break;
            case SaleForm.ToNewCustomer:
                ModelState.AddModelError("Input.NewName", text["Enter the new customer's name."]);
                break;
            case SaleForm.PersonalUse:
                break;
            default:
                ModelState.AddModelError("Input.Kind", text["Choose who the sale is to: one of your customers, a new customer, or your own use."]);
                break;
        }

        if (!ModelState.IsValid || string.IsNullOrWhiteSpace(Input.Key))
        {
            Input.Key = string.IsNullOrWhiteSpace(Input.Key) ? Guid.NewGuid().ToString("N") : Input.Key;
            return Page();
        }

        try
        {
            // Another distributor's customer is "not found", as on every page.
            if (customerId is { } chosen && !await db.Customers.AnyAsync(c => c.Id == chosen && c.DistributorId == me.Id, ct))
            {
                throw DomainRuleException.NotFound($"No customer has id {chosen}.", "customerId");
            }

            var posted = await sales.PostAsync(new SaleRequest(me.Id, lines, Input.Reference, $"web:{me.Id}:{Input.Key}", customerId, newCustomer), ct);
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
            ModelState.AddModelError(e.Field switch
            {
                "customerId" => "Input.CustomerId",
                "customer" or "email" when Input.Kind == SaleForm.ToNewCustomer => "Input.NewEmail",
                "name" when Input.Kind == SaleForm.ToNewCustomer => "Input.NewName",
                "phone" when Input.Kind == SaleForm.ToNewCustomer => "Input.NewPhone",
                _ => string.Empty,
            }, rules.Text(e));
            return Page();
        }
    }

    private async Task LoadProductsAsync(CancellationToken ct)
    {
        Products = await db.Products.AsNoTracking()
            .Where(p => p.IsActive)
            .OrderBy(p => p.Name)
            .ToDictionaryAsync(p => p.Sku, ct);
        if (await db.ForAsync(HttpContext, ct) is { } me)
        {
            Customers = await db.Customers.AsNoTracking().Where(c => c.DistributorId == me.Id).OrderByDescending(c => c.Id).Take(CustomersShown).ToListAsync(ct);
        }
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

        public const string ToCustomer = "customer";
        public const string ToNewCustomer = "new";
        public const string PersonalUse = "personal";

        /// <summary>Who the sale is to: <see cref="ToCustomer"/>, <see cref="ToNewCustomer"/> or <see cref="PersonalUse"/>; no default.</summary>
        public string? Kind { get; set; }

        public long? CustomerId { get; set; }

        [StringLength(Distributor.NameMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Name")]
        public string? NewName { get; set; }

        [StringLength(Distributor.EmailMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Email")]
        public string? NewEmail { get; set; }

        [StringLength(Distributor.PhoneMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        [Display(Name = "Phone")]
        public string? NewPhone { get; set; }

        public bool NewConsent { get; set; }

        public sealed class Line
        {
            public string? Sku { get; set; }

            [Range(0, Sale.MaxQuantity, ErrorMessage = "The field {0} must be between {1} and {2}.")]
            [Display(Name = "Quantity")]
            public int? Quantity { get; set; } // empty until typed: "0" in the box made "02" of a typed 2
        }
    }
}
