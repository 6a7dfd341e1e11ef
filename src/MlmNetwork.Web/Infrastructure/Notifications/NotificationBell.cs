using Microsoft.EntityFrameworkCore;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Infrastructure.Notifications;

/// <summary>The layout's bell: a distributor's unread notifications, counted up to 100 on the unread index (shown as 99+).</summary>
public sealed class NotificationBell(MlmDbContext db)
{
    public const int CountLimit = 100;

    /// <summary>Unread in-app notifications of the logged-in distributor; 0 for anybody else.</summary>
    public async Task<int> UnreadAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.User.IsInRole(Roles.Distributor) || await db.ForAsync(http, http.RequestAborted) is not { } me)
        {
            return 0;
        }

        // On a page read, the count the sign-in check read with the session (nothing has changed it since).
        if ((HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) && http.SessionFactsFor(me.Id) is { } facts)
        {
            return facts.Unread;
        }

        return await db.Notifications.Where(n => n.DistributorId == me.Id && n.InApp && n.ReadAt == null).OrderBy(n => n.Id).Take(CountLimit).CountAsync(http.RequestAborted);
    }
}
