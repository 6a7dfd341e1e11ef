using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Ledger;

/// <summary>A distributor's money position: everything earned (net of reversals and forfeits), what was paid out, and the balance.</summary>
public sealed record Balance(Money Earned, Money Paid)
{
    /// <summary>The sum of the distributor's lines minus payouts; negative after a refund of paid-out earnings, recovered from later ones.</summary>
    public Money Amount => Earned - Paid;

    public static async Task<Balance> OfAsync(MlmDbContext db, long distributorId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var earned = await db.DistributorEarnings.AsNoTracking().Where(e => e.DistributorId == distributorId).Select(e => e.Amount).ToListAsync(ct);
        var paid = await db.Payouts.AsNoTracking().Where(p => p.DistributorId == distributorId).Select(p => p.Amount).ToListAsync(ct);
        return new Balance(Money.Sum(earned), Money.Sum(paid));
    }
}
