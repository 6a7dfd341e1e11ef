using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Customers;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Customers;

/// <summary>A distributor's own customers, newest first, and the form to add one.</summary>
public sealed class IndexModel(MlmDbContext db, BusinessClock clock, RuleMessages rules, IStringLocalizer<IndexModel> t) : PageModel
{
    [BindProperty]
    public CustomerForm Input { get; set; } = new();

    public IReadOnlyList<Customer> Customers { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    /// <summary>Customer orders waiting for payment, for the link to them.</summary>
    public int Waiting { get; private set; }

    public string ShopLink { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        var me = await db.ForAsync(HttpContext, ct);
        if (me is null)
        {
            return Forbid();
        }

        await LoadAsync(me, pageNumber, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var me = await db.ForAsync(HttpContext, ct);
        if (me is null)
        {
            return Forbid();
        }

        if (ModelState.IsValid)
        {
            try
            {
                var customer = await CustomerDirectory.CreateAsync(db, me.Id, Input.Details(), clock.UtcNow, ct);
                TempData["Flash"] = t["{0} is now one of your customers.", customer.Name].Value;
                return Redirect($"/Customers/{customer.Id}");
            }
            catch (DomainRuleException e)
            {
                ModelState.AddModelError(CustomerForm.FieldOf(e.Field, nameof(Input)), rules.Text(e));
            }
        }

        await LoadAsync(me, 1, ct);
        return Page();
    }

    private async Task LoadAsync(Distributor me, int pageNumber, CancellationToken ct)
    {
        (Customers, Pager) = await Pager.ReadAsync(db.Customers.AsNoTracking().Where(c => c.DistributorId == me.Id).OrderByDescending(c => c.Id), Request, pageNumber, ct);
        Waiting = await db.CustomerOrders.CountAsync(o => o.DistributorId == me.Id && o.State == CustomerOrderState.Placed, ct);
        ShopLink = $"{Request.Scheme}://{Request.Host}/shop/{me.ReferralCode}";
    }
}
