using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Payouts;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Payouts;

/// <summary>Payout runs: propose one up to a closed month, and the runs so far.</summary>
public sealed class IndexModel(MlmDbContext db, PayoutRuns runs, Display show, RuleMessages rules, IStringLocalizer<IndexModel> t) : PageModel
{
    public IReadOnlyList<PayoutRun> Runs { get; private set; } = [];

    public IReadOnlyList<Period> ClosedMonths { get; private set; } = [];

    public Money MinimumPayout { get; private set; }

    public Pager Pager { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public string? UpTo { get; set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        var keys = await db.CommissionPeriods.AsNoTracking().OrderByDescending(p => p.Key).Select(p => p.Key).Take(120).ToListAsync(ct);
        ClosedMonths = [.. keys.Select(Period.FromKey)];
        MinimumPayout = (await PayoutRuns.SettingsAsync(db, ct)).MinimumPayout;
        (Runs, Pager) = await Pager.ReadAsync(db.PayoutRuns.AsNoTracking().OrderByDescending(r => r.Id), Request, pageNumber, ct);
    }

    public async Task<IActionResult> OnPostProposeAsync(CancellationToken ct)
    {
        try
        {
            var run = await runs.ProposeAsync(Period.Parse(UpTo ?? string.Empty), User.Actor(), ct);
            TempData["Flash"] = t["Payout run #{0} proposed: {1} distributors, {2} in all. Export the file, pay it, then confirm it here.", run.Id, show.Number(run.ItemCount), show.Money(run.Total)].Value;
            return Redirect($"/Admin/Payouts/{run.Id}");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(string.Empty, rules.Text(e));
            await OnGetAsync(1, ct);
            return Page();
        }
    }
}
