using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Sales;

/// <summary>Where a sale stands with refunds.</summary>
public enum SaleRefundState
{
    NotRefunded,
    PartlyRefunded,
    Refunded,
}

/// <summary>Which sales to list: made from <see cref="From"/> (inclusive) until <see cref="Until"/> (exclusive), by some sellers, in a refund state; null is any.</summary>
public sealed record SaleFilter(DateTime? From = null, DateTime? Until = null, IReadOnlyList<long>? Sellers = null, SaleRefundState? State = null);

/// <summary>A sale as the lists show it, with its seller and what refunds have taken back so far.</summary>
public sealed record SaleListRow(long Id, DateTime CreatedAt, long DistributorId, string SellerName, string SellerEmail, Money Total, Money Base, int PlanVersion, string? ExternalId, int RefundCount, DateTime? RefundedAt, bool StarterKit = false, long? CustomerId = null)
{
    public Money Refunded { get; init; }

    public SaleRefundState State => RefundedAt is not null ? SaleRefundState.Refunded : RefundCount > 0 ? SaleRefundState.PartlyRefunded : SaleRefundState.NotRefunded;
}

/// <summary>One page of sales and the cursor of the next (null on the last page).</summary>
public sealed record SalePage(IReadOnlyList<SaleListRow> Rows, string? Next);

/// <summary>
/// The sales list of the admin page, its CSV and the API: newest first (by time, then id), one
/// page at a time from a cursor. Each filter is answered from an index: the time range and the
/// whole list from (created_at, id), refunded sales from a partial index of the refunded ones,
/// a seller's from (distributor_id, id).
/// </summary>
public static class SaleList
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>The page after <paramref name="after"/> (a cursor of an earlier page; null for the first), at most <paramref name="limit"/> rows.</summary>
    public static async Task<SalePage> PageAsync(MlmDbContext db, SaleFilter filter, string? after, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var sales = Filtered(db, filter);
        if (after is not null)
        {
            if (!IsCursor(after))
            {
                throw new ArgumentException("Not a cursor of this list.", nameof(after));
            }

            KeysetCursor.TryDecode(after, 2, out var keys);
            var at = new DateTime(keys[0], DateTimeKind.Utc);
            var id = keys[1];
            // "<= at" bounds the index scan; the OR only breaks ties within one instant.
            sales = sales.Where(s => s.CreatedAt <= at && (s.CreatedAt < at || s.Id < id));
        }

        var rows = await sales
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Take(limit + 1)
            .Join(db.Distributors, s => s.DistributorId, d => d.Id, (s, d) => new SaleListRow(s.Id, s.CreatedAt, s.DistributorId, d.Name, d.Email, s.Total, s.Base, s.PlanVersion, s.ExternalId, s.RefundCount, s.RefundedAt, s.StarterKitId != null, s.CustomerId))
            .ToListAsync(ct);
        // The join may come back in another order.
        rows = [.. rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(limit + 1)];
        var shown = await WithRefundsAsync(db, rows.Take(limit).ToList(), ct);
        var last = shown.Count > 0 ? shown[^1] : null;
        return new SalePage(shown, rows.Count > limit && last is not null ? KeysetCursor.Encode(DateTime.SpecifyKind(last.CreatedAt, DateTimeKind.Utc).Ticks, last.Id) : null);
    }

    /// <summary>Whether <paramref name="after"/> is a cursor this list gives (a time and an id).</summary>
    public static bool IsCursor(string? after) => KeysetCursor.TryDecode(after, 2, out var keys) && keys[0] <= DateTime.MaxValue.Ticks;

    /// <summary>Every sale the filter takes, page by page (for a CSV of any length without holding it in memory).</summary>
    public static async IAsyncEnumerable<SaleListRow> AllAsync(MlmDbContext db, SaleFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? after = null;
        do
        {
            var page = await PageAsync(db, filter, after, 1000, ct);
            foreach (var row in page.Rows)
            {
                yield return row;
            }

            after = page.Next;
        }
        while (after is not null);
    }

    private static IQueryable<Sale> Filtered(MlmDbContext db, SaleFilter filter)
    {
        var sales = db.Sales.AsNoTracking();
        if (filter.From is { } from)
        {
            sales = sales.Where(s => s.CreatedAt >= from);
        }

        if (filter.Until is { } until)
        {
            sales = sales.Where(s => s.CreatedAt < until);
        }

        if (filter.Sellers is { } sellers)
        {
            var ids = sellers.ToList();
            sales = sales.Where(s => ids.Contains(s.DistributorId));
        }

        // Refunded sales are read from the partial index of sales with a refund (refund_count > 0).
        return filter.State switch
        {
            SaleRefundState.NotRefunded => sales.Where(s => s.RefundCount == 0),
            SaleRefundState.PartlyRefunded => sales.Where(s => s.RefundCount > 0 && s.RefundedAt == null),
            SaleRefundState.Refunded => sales.Where(s => s.RefundCount > 0 && s.RefundedAt != null),
            null => sales,
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.State, "Unknown refund state."),
        };
    }

    private static async Task<List<SaleListRow>> WithRefundsAsync(MlmDbContext db, List<SaleListRow> rows, CancellationToken ct)
    {
        var refunded = rows.Where(r => r.RefundCount > 0).Select(r => r.Id).ToList();
        if (refunded.Count == 0)
        {
            return rows;
        }

        var refunds = (await db.Set<SaleRefund>().AsNoTracking().Where(r => refunded.Contains(r.SaleId)).Select(r => new { r.SaleId, r.Total }).ToListAsync(ct))
            .ToLookup(r => r.SaleId, r => r.Total);
        return [.. rows.Select(r => r.RefundCount == 0 ? r : r with { Refunded = Money.Sum(refunds[r.Id]) })];
    }
}
