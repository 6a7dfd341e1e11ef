using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Infrastructure;

public static class CurrentDistributor
{
    private const string ItemKey = "mlm.current-distributor";

    private const string FactsKey = "mlm.session-facts";

    /// <summary>
    /// The distributor the logged-in user is; null for admins and anonymous users. The row the
    /// sign-in check of this request already read (<see cref="SessionStandsAsync"/>) is used again.
    /// </summary>
    public static Task<Distributor?> ForAsync(this MlmDbContext db, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(http);
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return Task.FromResult<Distributor?>(null);
        }

        return http.Items.TryGetValue(ItemKey, out var known) && known is Distributor d && d.UserId == userId
            ? Task.FromResult<Distributor?>(d)
            : db.Distributors.AsNoTracking().FirstOrDefaultAsync(x => x.UserId == userId, ct);
    }

    /// <summary>
    /// Whether a session cookie still stands, read once per request: the user exists, the
    /// cookie's security stamp is the user's current one (logging out changes it), and the user
    /// is not a terminated distributor. The distributor row is kept for the page.
    /// </summary>
    public static async Task<bool> SessionStandsAsync(this MlmDbContext db, HttpContext http, string userId, string? stamp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(http);
        var row = await http.RequestServices.GetRequiredService<SessionQuery>().RowOfAsync(db, userId, ct);
        if (row is null || stamp is null || !string.Equals(row.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            return false;
        }

        if (row.Distributor is not null)
        {
            http.Items[ItemKey] = row.Distributor;
            http.Items[FactsKey] = new SessionFacts(row.Distributor.Id, row.PendingTerms, row.Unread);
        }

        return row.Distributor is not { Status: DistributorStatus.Terminated };
    }

    /// <summary>
    /// What the sign-in check of this request read along with the distributor (see
    /// <see cref="SessionStandsAsync"/>); null when it did not run (or for someone else).
    /// Read at the start of the request: a handler that changes them reads them afresh.
    /// </summary>
    public static SessionFacts? SessionFactsFor(this HttpContext http, long distributorId) =>
        http is not null && http.Items.TryGetValue(FactsKey, out var known) && known is SessionFacts facts && facts.DistributorId == distributorId ? facts : null;

    public static string Actor(this ClaimsPrincipal user) => user?.Identity?.Name ?? "anonymous";
}

/// <summary>A distributor's terms version still to accept (null: none) and unread notifications (up to <see cref="Notifications.NotificationBell.CountLimit"/>), as the request began.</summary>
public sealed record SessionFacts(long DistributorId, int? PendingTerms, int Unread);
