using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Infrastructure;

public static class CurrentDistributor
{
    private const string ItemKey = "mlm.current-distributor";

    /// <summary>
    /// The distributor the logged-in user is; null for admins and anonymous users. The row the
    /// sign-in check of this request already read (<see cref="RememberAsync"/>) is used again.
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

    /// <summary>Reads the distributor a signing-in user is, once per request, and keeps it for the page.</summary>
    public static async Task<Distributor?> RememberAsync(this MlmDbContext db, HttpContext http, string userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(http);
        var distributor = await db.Distributors.AsNoTracking().FirstOrDefaultAsync(d => d.UserId == userId, ct);
        if (distributor is not null)
        {
            http.Items[ItemKey] = distributor;
        }

        return distributor;
    }

    public static string Actor(this ClaimsPrincipal user) => user?.Identity?.Name ?? "anonymous";
}
