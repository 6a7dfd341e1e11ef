using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Sales;

/// <summary>The sale, the refund and its reversing lines; <see cref="Replayed"/> when the key had already made this refund.</summary>
public sealed record RefundedSale(Sale Sale, SaleRefund Refund, IReadOnlyList<CommissionLine> Reversals, bool Replayed);

/// <summary>
/// Refunds a sale, whole or in parts (docs/rules.md rule 7): reversing lines as the domain works
/// them out, the seller's volume taken back by the refunded base, all in one transaction, in the
/// period open now. The same key with the same request replays the first answer; the same key
/// for another refund is refused; two refunds of one sale at the same moment cannot both be
/// written (the sale's refund count). The audit log records who refunded, what and why.
/// </summary>
public sealed class RefundService(IDbContextFactory<MlmDbContext> contexts, BusinessClock clock, Ledger.LedgerPartitions partitions, ILogger<RefundService> logger)
{
    public Task<RefundedSale> RefundAsync(long saleId, string idempotencyKey, string actor, string? reason, CancellationToken ct) =>
        RefundAsync(saleId, idempotencyKey, null, actor, reason, ct);

    public async Task<RefundedSale> RefundAsync(long saleId, string idempotencyKey, IReadOnlyList<RefundPart>? parts, string actor, string? reason, CancellationToken ct)
    {
        var hash = RequestHash(parts);
        // The reversing lines count in the month open now.
        await partitions.EnsureForAsync([clock.UtcNow], clock.UtcNow, ct);
        return await Retrying.RunAsync(contexts, logger, "refund", async db =>
        {
            try
            {
                return await RefundOnceAsync(db, saleId, idempotencyKey, hash, parts, actor, reason, ct);
            }
            catch (Exception e) when (e is DbUpdateConcurrencyException || db.IsUniqueViolation(e))
            {
                // Another refund of this sale (or with this key) committed first.
                await using var fresh = await contexts.CreateDbContextAsync(ct);
                return await ReplayAsync(fresh, saleId, idempotencyKey, hash, ct)
                    ?? throw DomainRuleException.Conflict($"Another refund of sale {saleId} was recorded at the same moment; look at the sale again before refunding more.");
            }
        }, ct);
    }

    /// <summary>What refunding would reverse, worked out on the sale as it stands, for an admin to confirm.</summary>
    public async Task<(Sale Sale, RefundPlan Plan)> PlanAsync(long saleId, IReadOnlyList<RefundPart>? parts, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sale = await LoadAsync(db, saleId, ct);
        return (sale, sale.PlanRefund(parts));
    }

    private async Task<RefundedSale> RefundOnceAsync(MlmDbContext db, long saleId, string key, string hash, IReadOnlyList<RefundPart>? parts, string actor, string? reason, CancellationToken ct)
    {
        var replay = await ReplayAsync(db, saleId, key, hash, ct);
        if (replay is not null)
        {
            return replay;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sale = await LoadAsync(db, saleId, ct);
        var now = clock.UtcNow;
        now = BusinessClock.Microseconds(now);
        var refund = sale.Refund(key, hash, parts, now);
        var reversed = -Money.Sum(refund.Reversals.Select(l => l.Amount));
        if (refund.Completes)
        {
            db.Audit(actor, "sale.refund", $"sale {sale.Id}", $"seller {sale.DistributorId}, completing refund of {refund.Description}: total {refund.Total}, base {refund.Base}, {refund.Reversals.Count:N0} reversing lines of {reversed} in all: {AuditLog.Reason(reason)}", now);
        }
        else
        {
            db.Audit(actor, "sale.refund", $"sale {sale.Id}", $"seller {sale.DistributorId}, partial refund of {refund.Description}: total {refund.Total}, base {refund.Base}, {refund.Reversals.Count:N0} reversing lines of {reversed} in all: {AuditLog.Reason(reason)}", now);
        }
        await db.SaveChangesAsync(ct);
        await Counters.CountRefundAsync(db, sale, refund, Period.Of(now).Key, ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Refunded {Description} of sale {SaleId} with {LineCount} reversing lines", refund.Description, sale.Id, refund.Reversals.Count);
        return new RefundedSale(sale, refund, refund.Reversals, Replayed: false);
    }

    private static async Task<Sale> LoadAsync(MlmDbContext db, long saleId, CancellationToken ct) =>
        await db.Sales.Include(s => s.Lines).Include(s => s.Commissions).Include(s => s.Refunds).AsSplitQuery().FirstOrDefaultAsync(s => s.Id == saleId, ct)
            ?? throw DomainRuleException.NotFound($"No sale has id {saleId}.");

    /// <summary>The first answer when this key already made this refund; null when the key is unused.</summary>
    private static async Task<RefundedSale?> ReplayAsync(MlmDbContext db, long saleId, string key, string hash, CancellationToken ct)
    {
        var refund = await db.Set<SaleRefund>().AsNoTracking().Include(r => r.Reversals).FirstOrDefaultAsync(r => r.IdempotencyKey == key, ct);
        if (refund is null)
        {
            return null;
        }

        if (refund.SaleId != saleId)
        {
            throw DomainRuleException.Invalid($"This Idempotency-Key was already used to refund another sale.", "Idempotency-Key");
        }

        if (refund.RequestHash.Length > 0 && refund.RequestHash != hash)
        {
            throw DomainRuleException.Invalid($"This Idempotency-Key was already used for a different refund of this sale.", "Idempotency-Key");
        }

        var sale = await db.Sales.AsNoTracking().FirstAsync(s => s.Id == saleId, ct);
        return new RefundedSale(sale, refund, [.. refund.Reversals.OrderBy(c => c.Id)], Replayed: true);
    }

    /// <summary>A fingerprint of what a refund asks for: everything, or quantities per SKU.</summary>
    public static string RequestHash(IReadOnlyList<RefundPart>? parts)
    {
        var text = parts is null || parts.Count == 0
            ? "all"
            : string.Join(";", parts.GroupBy(p => (p.Sku ?? string.Empty).Trim().ToUpperInvariant()).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}:{g.Sum(p => (long)p.Quantity)}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
