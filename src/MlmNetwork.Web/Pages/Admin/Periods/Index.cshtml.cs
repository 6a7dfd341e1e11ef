using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Periods;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Periods;

public sealed class IndexModel(MlmDbContext db, PeriodClosingService closing, BusinessClock clock, Display show, RuleMessages rules, IStringLocalizer<IndexModel> t) : PageModel
{
    public IReadOnlyList<PeriodRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.UtcNow;
        var current = Period.Of(now);
        var closed = await db.CommissionPeriods.AsNoTracking().ToDictionaryAsync(p => p.Key, ct);
        var firstSale = await db.Sales.MinAsync(s => (int?)s.PeriodKey, ct) ?? current.Key;
        var rows = new List<PeriodRow>();
        for (var period = current; period.Key >= Math.Min(firstSale, closed.Keys.DefaultIfEmpty(current.Key).Min()) && rows.Count < 120; period = period.Previous())
        {
            rows.Add(new PeriodRow(period, closed.GetValueOrDefault(period.Key), now >= period.EndsAt));
        }

        Rows = rows;
    }

    public async Task<IActionResult> OnPostCloseAsync(string period, CancellationToken ct)
    {
        try
        {
            var closed = await closing.CloseAsync(Period.Parse(period), User.Actor(), ct);
            TempData["Flash"] = t["{0} is closed; statements are ready.", show.Month(closed.Period)].Value;
            return Redirect($"/Admin/Periods/Details/{closed.Key}");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(string.Empty, rules.Text(e));
            await OnGetAsync(ct);
            return Page();
        }
    }

    public sealed record PeriodRow(Period Period, CommissionPeriod? Closed, bool Ended);
}
