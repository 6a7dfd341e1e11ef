using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Audit;

public sealed class IndexModel(MlmDbContext db) : PageModel
{
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(int page = 1, CancellationToken ct = default)
    {
        var rows = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Skip(Pager.Skip(page)).Take(Pager.Size + 1).ToListAsync(ct);
        Entries = rows.Take(Pager.Size).ToList();
        Pager = new Pager(Request, Pager.Normalize(page), rows.Count > Pager.Size);
    }
}
