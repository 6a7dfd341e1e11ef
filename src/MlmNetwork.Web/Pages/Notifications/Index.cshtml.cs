using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Notifications;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Notifications;

/// <summary>A distributor's notifications, newest first; opening one or marking them read. Only one's own: another's id is not found.</summary>
public sealed class IndexModel(MlmDbContext db, IStringLocalizer<IndexModel> l) : PageModel
{
    public IReadOnlyList<Notification> Items { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public int Unread { get; private set; }

    public async Task<IActionResult> OnGetAsync(int page, CancellationToken ct)
    {
        if (await db.ForAsync(HttpContext, ct) is not { } me)
        {
            return Forbid();
        }

        var mine = db.Notifications.AsNoTracking().Where(n => n.DistributorId == me.Id && n.InApp);
        (Items, Pager) = await Pager.ReadAsync(mine.OrderByDescending(n => n.Id), Request, page, ct);
        Unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        return Page();
    }

    /// <summary>Marks the notification read and goes to the page it is about.</summary>
    public async Task<IActionResult> OnPostOpenAsync(long id, CancellationToken ct)
    {
        if (await FindMineAsync(id, ct) is not { } notification)
        {
            return NotFound();
        }

        notification.ReadAt ??= DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        return LocalRedirect(notification.Link is { } link && Url.IsLocalUrl(link) ? link : "/Notifications");
    }

    public async Task<IActionResult> OnPostReadAsync(long id, CancellationToken ct)
    {
        if (await FindMineAsync(id, ct) is not { } notification)
        {
            return NotFound();
        }

        notification.ReadAt ??= DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        return Redirect("/Notifications");
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        if (await db.ForAsync(HttpContext, ct) is not { } me)
        {
            return Forbid();
        }

        var now = DateTime.UtcNow;
        var marked = await db.Notifications.Where(n => n.DistributorId == me.Id && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        TempData["Flash"] = l["{0} notifications marked as read.", marked].Value;
        return Redirect("/Notifications");
    }

    private async Task<Notification?> FindMineAsync(long id, CancellationToken ct) =>
        await db.ForAsync(HttpContext, ct) is { } me
            ? await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.DistributorId == me.Id && n.InApp, ct)
            : null;
}
