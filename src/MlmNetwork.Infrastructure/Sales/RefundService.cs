using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Network;

namespace MlmNetwork.Infrastructure.Sales;

/// <summary>The refunded sale and its reversing lines; <see cref="Replayed"/> when the key had already refunded it.</summary>
public sealed record RefundedSale(Sale Sale, IReadOnlyList<CommissionLine> Reversals, bool Replayed);

/// <summary>
/// Refunds a sale once (rule 7): reversing lines for every line the sale produced, the seller's
/// volume taken back, all in one transaction, in the period open now. The same key replays the
/// first answer; another key on a refunded sale is a conflict. The audit log records who
/// refunded, what it reversed and why, in the same transaction, whichever way it came in.
/// </summary>
public sealed class RefundService(IDbContextFactory<MlmDbContext> contexts, BusinessClock clock, ILogger<RefundService> logger)
{
    public Task<RefundedSale> RefundAsync(long saleId, string idempotencyKey, string actor, string? reason, CancellationToken ct) =>
        Retrying.RunAsync(contexts, logger, "refund", async db =>
        {
            try
            {
                return await RefundOnceAsync(db, saleId, idempotencyKey, actor, reason, ct);
            }
            catch (Exception e) when (e is DbUpdateConcurrencyException || db.IsUniqueViolation(e))
            {
                // Another refund of this sale (or with this key) committed first.
                await using var fresh = await contexts.CreateDbContextAsync(ct);
                return await ReplayAsync(fresh, saleId, idempotencyKey, ct) ?? throw DomainRuleException.Conflict($"Sale {saleId} was already refunded.");
            }
        }, ct);

    private async Task<RefundedSale> RefundOnceAsync(MlmDbContext db, long saleId, string key, string actor, string? reason, CancellationToken ct)
    {
        var replay = await ReplayAsync(db, saleId, key, ct);
        if (replay is not null)
        {
            return replay;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sale = await db.Sales.Include(s => s.Commissions).FirstOrDefaultAsync(s => s.Id == saleId, ct)
            ?? throw DomainRuleException.NotFound($"No sale has id {saleId}.");
        var now = clock.UtcNow;
        now = new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
        var reversals = sale.Refund(key, now);
        db.Audit(actor, "sale.refund", $"sale {sale.Id}", $"seller {sale.DistributorId}, total {sale.Total}, base {sale.Base}, {reversals.Count} reversing lines of {-Money.Sum(reversals.Select(l => l.Amount))} in all: {AuditLog.Reason(reason)}", now);
        await db.SaveChangesAsync(ct);
        await Counters.CountRefundAsync(db, sale, Period.Of(now).Key, reversals, ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Refunded sale {SaleId} with {LineCount} reversing lines", sale.Id, reversals.Count);
        return new RefundedSale(sale, reversals, Replayed: false);
    }

    /// <summary>The first answer when this key already refunded this sale; null when the key is unused.</summary>
    private static async Task<RefundedSale?> ReplayAsync(MlmDbContext db, long saleId, string key, CancellationToken ct)
    {
        var refunded = await db.Sales.AsNoTracking().Include(s => s.Commissions).FirstOrDefaultAsync(s => s.RefundIdempotencyKey == key, ct);
        if (refunded is null)
        {
            return null;
        }

        if (refunded.Id != saleId)
        {
            throw DomainRuleException.Invalid("This Idempotency-Key was already used to refund another sale.", "Idempotency-Key");
        }

        var reversals = refunded.Commissions.Where(c => c.Kind == CommissionLineKind.Reversal && c.CreatedAt == refunded.RefundedAt).OrderBy(c => c.Id).ToList();
        return new RefundedSale(refunded, reversals, Replayed: true);
    }
}
