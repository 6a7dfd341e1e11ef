using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Customers;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Customers;

/// <summary>
/// Any distributor's customer as an admin sees them: the number to use in a sales file, their
/// details and consent (read only: they are the distributor's to keep), their seller, their shop
/// orders (to mark paid or cancel, audited, as on the orders page) and the sales to them.
/// </summary>
public sealed class DetailsModel(MlmDbContext db, CustomerOrderActions actions) : PageModel
{
    public Customer Customer { get; private set; } = null!;

    public Distributor Seller { get; private set; } = null!;

    public IReadOnlyList<CustomerOrderRow> Orders { get; private set; } = [];

    public IReadOnlyList<Sale> Sales { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is not { } customer)
        {
            return NotFound();
        }

        Customer = customer;
        Seller = await db.Distributors.AsNoTracking().FirstAsync(d => d.Id == customer.DistributorId, ct);
        Orders = await CustomerOrderQuery.WithLinesAsync(db, await CustomerOrderQuery.Rows(db, customer.DistributorId, customer.Id, null).Take(100).ToListAsync(ct), ct);
        Sales = await db.Sales.AsNoTracking().Include(s => s.Lines)
            .Where(s => s.CustomerId == customer.Id)
            .OrderByDescending(s => s.Id).Take(100).ToListAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostPaidAsync(long id, long order, CancellationToken ct) => ChangeOrderAsync(id, order, paid: true, ct);

    public Task<IActionResult> OnPostCancelAsync(long id, long order, CancellationToken ct) => ChangeOrderAsync(id, order, paid: false, ct);

    private async Task<IActionResult> ChangeOrderAsync(long id, long order, bool paid, CancellationToken ct)
    {
        if (!await db.CustomerOrders.AnyAsync(o => o.Id == order && o.CustomerId == id, ct))
        {
            return NotFound();
        }

        TempData["Flash"] = paid ? await actions.MarkPaidAsync(order, User.Actor(), ct) : await actions.CancelAsync(order, User.Actor(), ct);
        return Redirect($"/Admin/Customers/{id}");
    }
}
