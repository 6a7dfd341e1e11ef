using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Security;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.ApiKeys;

public sealed class IndexModel(MlmDbContext db, BusinessClock clock) : PageModel
{
    [BindProperty, Required, StringLength(100)]
    public string? Name { get; set; }

    public string? NewSecret { get; private set; }

    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var now = clock.UtcNow;
        var secret = ApiKey.NewSecret();
        var key = ApiKey.For(Name!.Trim(), secret, User.Actor(), now);
        db.ApiKeys.Add(key);
        db.Audit(User.Actor(), "apikey.create", $"api key {key.Hint}", key.Name, now);
        await db.SaveChangesAsync(ct);
        NewSecret = secret;
        Name = null;
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return NotFound();
        }

        var now = clock.UtcNow;
        key.RevokedAt ??= now;
        db.Audit(User.Actor(), "apikey.revoke", $"api key {key.Hint}", key.Name, now);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"Revoked key '{key.Name}'. Calls with it are refused from now on.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Keys = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(ct);
    }
}
