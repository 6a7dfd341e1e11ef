using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Infrastructure.Network;

/// <summary>Fills the search key of distributors saved before it existed (the databases' own SQL folds case differently, so it is done here).</summary>
public static class SearchKeys
{
    private const int BatchSize = 5_000;

    public static async Task<int> BackfillAsync(MlmDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var filled = 0;
        while (true)
        {
            var batch = await db.Distributors.Where(d => d.SearchKey == string.Empty).OrderBy(d => d.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return filled;
            }

            batch.ForEach(d => d.RefreshSearchKey());
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            filled += batch.Count;
        }
    }
}
