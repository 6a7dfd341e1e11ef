using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// The session check's one query (<see cref="CurrentDistributor.SessionStandsAsync"/>), compiled
/// once: EF otherwise turns its LINQ into SQL on every request, a seventh of the dashboard's
/// processor time (docs/PERFORMANCE.md). One per app, a singleton, never a static field: a
/// compiled query keeps what it compiled for the first context it ran with, and one process can
/// host several apps on different databases (the tests run SQLite and PostgreSQL hosts side by side).
/// In the same round trip, what every distributor page asks next: the terms version they have yet
/// to accept (TermsStore.PendingForAsync) and their unread notifications (NotificationBell).
/// </summary>
public sealed class SessionQuery
{
    private readonly Func<MlmDbContext, string, CancellationToken, Task<SessionRow?>> _rowOf = EF.CompileAsyncQuery(
        (MlmDbContext db, string userId, CancellationToken ct) => (
            from u in db.Users.AsNoTracking().Where(u => u.Id == userId)
            join d in db.Distributors.AsNoTracking() on u.Id equals d.UserId into ds
            from d in ds.DefaultIfEmpty()
            select new SessionRow(
                u.SecurityStamp,
                d,
                d == null ? null : db.TermsVersions.OrderByDescending(t => t.Version).Take(1)
                    .Where(t => !db.TermsAcceptances.Any(a => a.DistributorId == d.Id && a.Version == t.Version))
                    .Select(t => (int?)t.Version).FirstOrDefault(),
                d == null ? 0 : db.Notifications.Where(n => n.DistributorId == d.Id && n.InApp && n.ReadAt == null)
                    .OrderBy(n => n.Id).Take(Notifications.NotificationBell.CountLimit).Count())).FirstOrDefault());

    public Task<SessionRow?> RowOfAsync(MlmDbContext db, string userId, CancellationToken ct) => _rowOf(db, userId, ct);
}

/// <summary>What the session check reads: the user's security stamp, their distributor row and its <see cref="SessionFacts"/>.</summary>
public sealed record SessionRow(string? SecurityStamp, Distributor? Distributor, int? PendingTerms, int Unread);
