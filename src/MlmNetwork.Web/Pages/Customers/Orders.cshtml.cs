using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Customers;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Customers;

/// <summary>The orders customers placed through the distributor's shop link: the distributor marks them paid (a retail sale) or cancels them.</summary>
public sealed class OrdersModel(MlmDbContext db, CustomerOrderActions actions) : PageModel
{
    public IReadOnlyList<CustomerOrderRow> Orders { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public CustomerOrderState? State { get; set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        var me = await db.ForAsync(HttpContext, ct);
        if (me is null)
        {
            return Forbid();
        }

        var (rows, pager) = await Pager.ReadAsync(CustomerOrderQuery.Rows(db, me.Id, null, State), Request, pageNumber, ct);
        (Orders, Pager) = (await CustomerOrderQuery.WithLinesAsync(db, rows, ct), pager);
        return Page();
    }

    public Task<IActionResult> OnPostPaidAsync(long order, CancellationToken ct) => ChangeAsync(order, paid: true, ct);

    public Task<IActionResult> OnPostCancelAsync(long order, CancellationToken ct) => ChangeAsync(order, paid: false, ct);

    private async Task<IActionResult> ChangeAsync(long order, bool paid, CancellationToken ct)
    {
        var me = await db.ForAsync(HttpContext, ct);
        if (me is null)
        {
            return Forbid();
        }

        if (!await db.CustomerOrders.AnyAsync(o => o.Id == order && o.DistributorId == me.Id, ct))
        {
            return NotFound();
        }

        TempData["Flash"] = paid ? await actions.MarkPaidAsync(order, User.Actor(), ct) : await actions.CancelAsync(order, User.Actor(), ct);
        return Redirect("/Customers/Orders");
    }
}
