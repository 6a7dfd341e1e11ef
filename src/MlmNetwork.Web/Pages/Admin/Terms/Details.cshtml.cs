using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Terms;

/// <summary>One version of the terms: its text and who accepted it when, newest first.</summary>
public sealed class DetailsModel(MlmDbContext db) : PageModel
{
    public TermsVersion Terms { get; private set; } = null!;

    public IReadOnlyList<AcceptanceRow> Acceptances { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int version, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        var terms = await db.TermsVersions.AsNoTracking().FirstOrDefaultAsync(t => t.Version == version, ct);
        if (terms is null)
        {
            return NotFound();
        }

        Terms = terms;
        (Acceptances, Pager) = await Pager.ReadAsync(
            db.TermsAcceptances.AsNoTracking()
                .Where(a => a.Version == version)
                .OrderByDescending(a => a.Id)
                .Join(db.Distributors, a => a.DistributorId, d => d.Id, (a, d) => new AcceptanceRow(d.Id, d.Name, d.Email, a.AcceptedAt)),
            Request,
            pageNumber,
            ct);
        return Page();
    }

    public sealed record AcceptanceRow(long DistributorId, string Name, string Email, DateTime AcceptedAt);
}
