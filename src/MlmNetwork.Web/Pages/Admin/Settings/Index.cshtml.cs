using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Payouts;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Settings;

/// <summary>The company's settings: the minimum payout.</summary>
public sealed class IndexModel(MlmDbContext db, PayoutRuns runs) : PageModel
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
            var amount = TypedNumber.ParseMoney(MinimumPayout, CultureInfo.CurrentCulture, "Minimum payout");
            await runs.SetMinimumPayoutAsync(amount, User.Actor(), ct);
            TempData["Flash"] = $"The minimum payout is now {amount}.";
            return Redirect("/Admin/Settings");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(nameof(MinimumPayout), e.Message);
            return Page();
        }
    }
}
