using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Onboarding;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Terms;

/// <summary>
/// Where a distributor is sent when the company has published terms they have not accepted
/// (<see cref="TermsGate"/>): the text in force and a button to accept it, then back to where they were.
/// </summary>
public sealed class AcceptModel(MlmDbContext db, BusinessClock clock, RuleMessages rules, IStringLocalizer<AcceptModel> text) : PageModel
{
    public TermsVersion? InForce { get; private set; }

    /// <summary>When the distributor accepted the version in force; null when they have not yet.</summary>
    public DateTime? AcceptedAt { get; private set; }

    public string ReturnUrl { get; private set; } = "/Dashboard";

    /// <summary>The gate refused a form the distributor sent (a sale, say): it was not recorded, and the page says so.</summary>
    public bool Unsent { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl, bool unsent, CancellationToken ct)
    {
        Unsent = unsent;
        var me = await db.ForAsync(HttpContext, ct);
        if (me is null)
        {
            return Forbid();
        }

        await LoadAsync(me.Id, returnUrl, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? version, string? returnUrl, CancellationToken ct)
    {
        var me = await db.ForAsync(HttpContext, ct);
        if (me is null)
        {
            return Forbid();
        }

        try
        {
            var accepted = await TermsStore.AcceptAsync(db, me.Id, version, clock.UtcNow, ct);
            TempData["Flash"] = text["Thank you: you accepted version {0} of the terms and policies.", accepted.Version].Value;
            return LocalRedirect(Safe(returnUrl));
        }
        catch (DomainRuleException e) when (e.Breach == RuleBreach.NotFound)
        {
            return NotFound();
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(string.Empty, rules.Text(e));
            await LoadAsync(me.Id, returnUrl, ct);
            return Page();
        }
    }

    private async Task LoadAsync(long distributorId, string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = Safe(returnUrl);
        InForce = await TermsStore.InForceAsync(db, ct);
        if (InForce is not null)
        {
            var version = InForce.Version;
            AcceptedAt = await db.TermsAcceptances.AsNoTracking()
                .Where(a => a.DistributorId == distributorId && a.Version == version)
                .Select(a => (DateTime?)a.AcceptedAt)
                .FirstOrDefaultAsync(ct);
        }
    }

    private string Safe(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) && !returnUrl.StartsWith("/Terms/Accept", StringComparison.OrdinalIgnoreCase) ? returnUrl : "/Dashboard";
}
