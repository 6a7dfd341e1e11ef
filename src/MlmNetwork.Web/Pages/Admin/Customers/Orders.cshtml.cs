using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Customers;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Customers;

/// <summary>Every customer order, newest first, by distributor and state: an admin marks them paid or cancels them (audited).</summary>
public sealed class OrdersModel(MlmDbContext db, CustomerOrderActions actions) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Distributor { get; set; }

    [BindProperty(SupportsGet = true)]
    public CustomerOrderState? State { get; set; }

    public bool UnknownDistributor { get; private set; }

    public IReadOnlyList<CustomerOrderRow> Orders { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        (var seller, UnknownDistributor) = await DistributorFilter.FindAsync(db, Distributor, ct);
        var query = CustomerOrderQuery.Rows(db, UnknownDistributor ? -1 : seller?.Id, null, State);
        var (rows, pager) = await Pager.ReadAsync(query, Request, pageNumber, ct);
        (Orders, Pager) = (await CustomerOrderQuery.WithLinesAsync(db, rows, ct), pager);
    }

    public Task<IActionResult> OnPostPaidAsync(long order, CancellationToken ct) => ChangeAsync(order, paid: true, ct);

    public Task<IActionResult> OnPostCancelAsync(long order, CancellationToken ct) => ChangeAsync(order, paid: false, ct);

    private async Task<IActionResult> ChangeAsync(long order, bool paid, CancellationToken ct)
    {
        if (!await db.CustomerOrders.AnyAsync(o => o.Id == order, ct))
        {
            return NotFound();
        }

        TempData["Flash"] = paid ? await actions.MarkPaidAsync(order, User.Actor(), ct) : await actions.CancelAsync(order, User.Actor(), ct);
        return Redirect("/Admin/Customers/Orders");
    }
}
