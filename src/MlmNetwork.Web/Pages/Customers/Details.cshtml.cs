using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Customers;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Customers;

/// <summary>One of the distributor's own customers: details to edit, their orders (to mark paid or cancel) and the sales to them. Anybody else's customer is a 404.</summary>
public sealed class DetailsModel(MlmDbContext db, BusinessClock clock, RuleMessages rules, CustomerOrderActions actions, IStringLocalizer<DetailsModel> t) : PageModel
{
    [BindProperty]
    public CustomerForm Input { get; set; } = new();

    public Customer Customer { get; private set; } = null!;

    public IReadOnlyList<CustomerOrderRow> Orders { get; private set; } = [];

    public IReadOnlyList<Sale> Sales { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await OwnAsync(id, ct) is not { } customer)
        {
            return NotFound();
        }

        Customer = customer;
        Input = new CustomerForm { Name = customer.Name, Email = customer.Email, Phone = customer.Phone, Consent = customer.ConsentToContact };
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await OwnAsync(id, ct) is not { } customer)
        {
            return NotFound();
        }

        Customer = customer;
        if (ModelState.IsValid)
        {
            try
            {
                await CustomerDirectory.UpdateAsync(db, customer, Input.Details(), clock.UtcNow, ct);
                TempData["Flash"] = t["{0}'s details are saved.", customer.Name].Value;
                return Redirect($"/Customers/{id}");
            }
            catch (DomainRuleException e)
            {
                ModelState.AddModelError(CustomerForm.FieldOf(e.Field, nameof(Input)), rules.Text(e));
                db.ChangeTracker.Clear();
                Customer = (await OwnAsync(id, ct))!;
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostPaidAsync(long id, long order, CancellationToken ct) => ChangeOrderAsync(id, order, paid: true, ct);

    public Task<IActionResult> OnPostCancelAsync(long id, long order, CancellationToken ct) => ChangeOrderAsync(id, order, paid: false, ct);

    private async Task<IActionResult> ChangeOrderAsync(long id, long order, bool paid, CancellationToken ct)
    {
        if (await OwnAsync(id, ct) is null || !await db.CustomerOrders.AnyAsync(o => o.Id == order && o.CustomerId == id, ct))
        {
            return NotFound();
        }

        TempData["Flash"] = paid ? await actions.MarkPaidAsync(order, User.Actor(), ct) : await actions.CancelAsync(order, User.Actor(), ct);
        return Redirect($"/Customers/{id}");
    }

    private async Task<Customer?> OwnAsync(long id, CancellationToken ct)
    {
        var me = await db.ForAsync(HttpContext, ct);
        return me is null ? null : await CustomerDirectory.FindOwnAsync(db, me.Id, id, ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Orders = await CustomerOrderQuery.WithLinesAsync(db, await CustomerOrderQuery.Rows(db, Customer.DistributorId, Customer.Id, null).Take(100).ToListAsync(ct), ct);
        Sales = await db.Sales.AsNoTracking().Include(s => s.Lines)
            .Where(s => s.CustomerId == Customer.Id && s.DistributorId == Customer.DistributorId)
            .OrderByDescending(s => s.Id).Take(100).ToListAsync(ct);
    }
}
