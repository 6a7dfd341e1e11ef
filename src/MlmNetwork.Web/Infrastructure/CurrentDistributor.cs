using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Infrastructure;

public static class CurrentDistributor
{
    /// <summary>The distributor the logged-in user is; null for admins and anonymous users.</summary>
    public static Task<Distributor?> ForAsync(this MlmDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var userId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        return userId is null
            ? Task.FromResult<Distributor?>(null)
            : db.Distributors.AsNoTracking().FirstOrDefaultAsync(d => d.UserId == userId, ct);
    }

    public static string Actor(this ClaimsPrincipal user) => user?.Identity?.Name ?? "anonymous";
}
