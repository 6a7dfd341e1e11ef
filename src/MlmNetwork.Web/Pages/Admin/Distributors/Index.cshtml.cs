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

    public async Task OnGetAsync(string? q, int page = 1, CancellationToken ct = default)
    {
        Query = q?.Trim();
        var query = db.Distributors.AsNoTracking();
        if (!string.IsNullOrEmpty(Query))
        {
            var pattern = "%" + Query.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            var code = Query.ToUpperInvariant();
            query = query.Where(d => EF.Functions.Like(d.Name.ToLower(), pattern, "\\") || EF.Functions.Like(d.Email, pattern, "\\") || d.ReferralCode == code);
        }

        var rows = await query.OrderByDescending(d => d.Id).Skip(Pager.Skip(page)).Take(Pager.Size + 1).ToListAsync(ct);
        Rows = rows.Take(Pager.Size).ToList();
        Pager = new Pager(Request, Pager.Normalize(page), rows.Count > Pager.Size);
    }
}
