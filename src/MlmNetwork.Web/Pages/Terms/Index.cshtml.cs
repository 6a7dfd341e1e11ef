using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Pages.Terms;

/// <summary>The terms and policies anybody can read: the version in force, or an older version by its number.</summary>
public sealed class IndexModel(MlmDbContext db) : PageModel
{
    public TermsVersion? Shown { get; private set; }

    public int? InForce { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? version, CancellationToken ct)
    {
        InForce = await db.TermsVersions.AsNoTracking().MaxAsync(t => (int?)t.Version, ct);
        var wanted = version ?? InForce;
        if (wanted is null)
        {
            return Page();
        }

        Shown = await db.TermsVersions.AsNoTracking().FirstOrDefaultAsync(t => t.Version == wanted, ct);
        return Shown is null ? NotFound() : Page();
    }
}
