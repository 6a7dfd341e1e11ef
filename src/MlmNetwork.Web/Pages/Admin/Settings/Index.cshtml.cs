using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Payouts;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Settings;

/// <summary>The company's settings: the minimum payout; and the installation's currency, shown (it is set by configuration).</summary>
public sealed class IndexModel(MlmDbContext db, PayoutRuns runs, Display show, RuleMessages rules, IStringLocalizer<IndexModel> t) : PageModel
{
    [BindProperty]
    public string? MinimumPayout { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var settings = await PayoutRuns.SettingsAsync(db, ct);
        MinimumPayout = TypedNumber.Format(settings.MinimumPayout, CultureInfo.CurrentCulture);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var amount = TypedNumber.ParseMoney(MinimumPayout, CultureInfo.CurrentCulture, "minimumPayout", t["Minimum payout"]);
            await runs.SetMinimumPayoutAsync(amount, User.Actor(), ct);
            TempData["Flash"] = t["The minimum payout is now {0}.", show.Money(amount)].Value;
            return Redirect("/Admin/Settings");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(nameof(MinimumPayout), rules.Text(e));
            return Page();
        }
    }
}
