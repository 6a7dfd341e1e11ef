using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Network;

/// <summary>
/// Searching distributors by <see cref="Distributor.SearchKey"/>: the pattern a search compares
/// with, and the backfill of keys saved before they existed (the databases' own SQL folds case
/// differently, so folding is done here).
/// </summary>
public static class SearchKeys
{
    private const int BatchSize = 5_000;

    /// <summary>
    /// A LIKE pattern (escape character <c>\</c>) that finds <paramref name="term"/> anywhere in a
    /// search key: folded the same way, its own wildcards taken literally.
    /// </summary>
    public static string ContainsPattern(string term) =>
        "%" + Distributor.Fold((term ?? string.Empty).Trim())
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";

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
