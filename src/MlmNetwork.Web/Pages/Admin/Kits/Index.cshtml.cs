using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Onboarding;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Kits;

/// <summary>The starter kits: what each holds, its price, whether recruits are offered it, and how many were ordered.</summary>
public sealed class IndexModel(MlmDbContext db, BusinessClock clock, RuleMessages rules, IStringLocalizer<IndexModel> text) : PageModel
{
    public IReadOnlyList<StarterKit> Kits { get; private set; } = [];

    public IReadOnlyDictionary<long, Product> Products { get; private set; } = new Dictionary<long, Product>();

    public IReadOnlyDictionary<long, int> Orders { get; private set; } = new Dictionary<long, int>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        (Kits, Products) = await StarterKits.AllAsync(db, ct);
        Orders = await db.Sales.AsNoTracking()
            .Where(s => s.StarterKitId != null)
            .GroupBy(s => s.StarterKitId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }

    public Task<IActionResult> OnPostDeactivateAsync(long id, CancellationToken ct) => SetActiveAsync(id, false, ct);

    public Task<IActionResult> OnPostActivateAsync(long id, CancellationToken ct) => SetActiveAsync(id, true, ct);

    private async Task<IActionResult> SetActiveAsync(long id, bool active, CancellationToken ct)
    {
        try
        {
            var kit = await StarterKits.SetActiveAsync(db, id, active, User.Actor(), clock.UtcNow, ct);
            TempData["Flash"] = active
                ? text["{0} is offered to recruits again.", kit.Name].Value
                : text["{0} is no longer offered to recruits.", kit.Name].Value;
        }
        catch (DomainRuleException e) when (e.Breach == RuleBreach.NotFound)
        {
            return NotFound();
        }
        catch (DomainRuleException e)
        {
            TempData["Flash"] = rules.Text(e);
        }

        return RedirectToPage();
    }
}
