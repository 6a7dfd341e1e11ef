using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Distributors;

public sealed class IndexModel(MlmDbContext db) : PageModel
{
    public string? Query { get; private set; }

    public IReadOnlyList<Distributor> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(string? q, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        Query = q?.Trim();
        var query = db.Distributors.AsNoTracking();
        if (!string.IsNullOrEmpty(Query))
        {
            var pattern = "%" + Distributor.Fold(Query).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            var code = Query.ToUpperInvariant();
            query = query.Where(d => EF.Functions.Like(d.SearchKey, pattern, "\\") || d.ReferralCode == code);
        }

        (Rows, Pager) = await Pager.ReadAsync(query.OrderByDescending(d => d.Id), Request, pageNumber, ct);
    }
}
