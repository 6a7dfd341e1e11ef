using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Network;

/// <summary>
/// The history of the sponsor tree and the statuses (<see cref="DistributorChange"/>): written in
/// the transaction of every status change and sponsor move, so the tree as it stood at any moment
/// since the history began can be rebuilt from the tree as it stands (ADR 016).
/// </summary>
public static class TreeHistory
{
    /// <summary>
    /// Marks when the history began, once: from the beginning when no sale has been posted yet (a
    /// new company), otherwise from now (an upgrade: earlier changes were not recorded).
    /// </summary>
    public static async Task EnsureStartedAsync(MlmDbContext db, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.DistributorChanges.AnyAsync(c => c.Kind == DistributorChangeKind.HistoryStarted, ct))
        {
            return;
        }

        var since = await db.Sales.AnyAsync(ct) ? now : Period.Of(new DateTime(Period.FirstYear, 1, 1, 0, 0, 0, DateTimeKind.Utc)).StartsAt;
        db.DistributorChanges.Add(DistributorChange.HistoryStarted(since));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Since when the history is complete; null when it never began (the app was not started since the upgrade).</summary>
    public static async Task<DateTime?> StartedAtAsync(MlmDbContext db, CancellationToken ct) =>
        await db.DistributorChanges.AsNoTracking().Where(c => c.Kind == DistributorChangeKind.HistoryStarted).OrderBy(c => c.At).Select(c => (DateTime?)c.At).FirstOrDefaultAsync(ct);

    /// <summary>Every status change and sponsor move at or after <paramref name="from"/>, in the order they happened.</summary>
    public static async Task<IReadOnlyList<DistributorChange>> SinceAsync(MlmDbContext db, DateTime from, CancellationToken ct) =>
        await db.DistributorChanges.AsNoTracking()
            .Where(c => c.Kind != DistributorChangeKind.HistoryStarted && c.At >= from)
            .OrderBy(c => c.At).ThenBy(c => c.Id)
            .ToListAsync(ct);
}
