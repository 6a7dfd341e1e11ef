using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Security;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.ApiKeys;

public sealed class IndexModel(MlmDbContext db, BusinessClock clock, IStringLocalizer<IndexModel> t) : PageModel
{
    [BindProperty, Required(ErrorMessage = "The {0} field is required."), StringLength(100, ErrorMessage = "The field {0} must be a string with a maximum length of {1}."), Display(Name = "Key name")]
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
        TempData["Flash"] = t["Revoked key '{0}'. Calls with it are refused from now on.", key.Name].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Keys = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(ct);
    }
}
