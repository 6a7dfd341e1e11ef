using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Infrastructure.Notifications;
using MlmNetwork.Infrastructure.Plans;

namespace MlmNetwork.Infrastructure.Sales;

public sealed record SaleRequestLine(string Sku, int Quantity);

/// <summary>A customer typed in with a sale, created in the sale's own transaction.</summary>
public sealed record NewCustomer(string Name, string? Email, string? Phone, bool Consent);

/// <summary>
/// A sale to post. Its kind: to the customer <see cref="CustomerId"/>, to a <see cref="NewCustomer"/>
/// or, with neither, for the seller's personal use; <see cref="CustomerOrderId"/> when it is the
/// payment of a customer's shop order (the order is marked paid in the same transaction).
/// </summary>
public sealed record SaleRequest(long DistributorId, IReadOnlyList<SaleRequestLine> Lines, string? ExternalId, string IdempotencyKey, long? CustomerId = null, NewCustomer? NewCustomer = null, long? CustomerOrderId = null)
{
    /// <summary>A fingerprint of what is asked, so a replay can be told from another request under the same key.</summary>
    public string Fingerprint()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{DistributorId}|{ExternalId?.Trim()}|");
        foreach (var line in Lines)
        {
            text.Append(CultureInfo.InvariantCulture, $"{line.Sku.Trim().ToUpperInvariant()}:{line.Quantity};");
        }

        // Sales for personal use keep the fingerprint they had before sales had a kind.
        if (CustomerId is { } customer)
        {
            text.Append(CultureInfo.InvariantCulture, $"|customer:{customer}");
        }
        else if (NewCustomer is { } added)
        {
            text.Append(CultureInfo.InvariantCulture, $"|new-customer:{added.Name.Trim()}:{added.Email?.Trim().ToLowerInvariant()}");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

/// <summary>The posted sale with its lines and commissions; <see cref="Replayed"/> when the key had already posted it.</summary>
public sealed record PostedSale(Sale Sale, bool Replayed);

/// <summary>
/// Posts a sale and its commission lines in one transaction (rule 5), exactly once per
/// idempotency key (rule 6): the unique key in the database decides, so a retry, a duplicate
/// or a concurrent request with the same key gets the first answer back.
/// </summary>
public sealed class SalePostingService(IDbContextFactory<MlmDbContext> contexts, BusinessClock clock, Ledger.LedgerPartitions partitions, ILogger<SalePostingService> logger)
{
    public Task<PostedSale> PostAsync(SaleRequest request, CancellationToken ct) =>
        PostAtAsync(request, clock.UtcNow, ct);

    /// <summary>Posts as of <paramref name="at"/>; the demo seeder uses it to lay out past months.</summary>
    public async Task<PostedSale> PostAtAsync(SaleRequest request, DateTime at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Microseconds, as PostgreSQL stores them: the first answer and its replays then say the same time.
        at = BusinessClock.Microseconds(at);
        var fingerprint = request.Fingerprint();
        await partitions.EnsureForAsync([at], clock.UtcNow, ct);
        return await Retrying.RunAsync(contexts, logger, "sale posting", async db =>
        {
            try
            {
                return new PostedSale(await PostOnceAsync(db, request, fingerprint, at, ct), Replayed: false);
            }
            catch (Exception e) when (db.IsUniqueViolation(e) || e is DomainRuleException)
            {
                // A key posted before (or by a concurrent request that committed first) gets the
                // first answer, even if the seller or a product would be refused now; only a
                // new key is refused.
                await using var fresh = await contexts.CreateDbContextAsync(ct);
                if (await FindByKeyAsync(fresh, request.IdempotencyKey, ct) is { } first)
                {
                    return Replay(first, fingerprint);
                }

                if (e is DomainRuleException)
                {
                    throw;
                }

                // The one other unique key a sale can meet: the same new customer typed in two sales at once.
                if (request.NewCustomer is { Email: { Length: > 0 } email })
                {
                    throw AlreadyYourCustomer(email.Trim().ToLowerInvariant());
                }

                throw new InvalidOperationException("A unique violation on a sale without a stored sale.", e);
            }
        }, ct);
    }

    private async Task<Sale> PostOnceAsync(MlmDbContext db, SaleRequest request, string fingerprint, DateTime at, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A failed step fails the whole sale (the transaction rolls back), so the savepoint EF
        // would set around each save, two round trips each, buys nothing here.
        db.Database.AutoSavepointsEnabled = false;

        // Rule 12: only in an open month, under a plan in force, never after today. One round trip
        // on the usual path: the plan in force with the last closed month and the first plan's start.
        var usual = await CommissionPlans.InForceAt(db, at)
            .Select(p => new
            {
                Plan = p,
                LastClosed = db.CommissionPeriods.Max(k => (int?)k.Key),
                FirstPlanFrom = db.CommissionPlans.OrderBy(q => q.Version).Select(q => (DateTime?)q.EffectiveFrom).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        var lastClosed = usual is null ? await db.CommissionPeriods.Select(p => (int?)p.Key).MaxAsync(ct) : usual.LastClosed;
        var firstPlanFrom = usual is null ? await db.CommissionPlans.OrderBy(p => p.Version).Select(p => (DateTime?)p.EffectiveFrom).FirstOrDefaultAsync(ct) : usual.FirstPlanFrom;
        SaleDating.EnsureAllowed(at, clock.UtcNow, lastClosed is { } key ? Period.FromKey(key) : null, firstPlanFrom);
        var plan = usual?.Plan
            ?? await CommissionPlans.InForceAtAsync(db, at, ct)
            ?? throw DomainRuleException.Invalid($"No commission plan has been set up yet.");
        // A customer order's sale is at the prices the customer was quoted (its lines), not today's.
        var items = request.CustomerOrderId is null ? await SaleItems.LoadAsync(db, request.Lines, ct) : null;
        // The chain starts with the seller (distance 0): no row, no such distributor.
        var chain = await NetworkSql.ChainForAsync(db, request.DistributorId, plan, ct);
        if (chain.Count == 0)
        {
            throw DomainRuleException.NotFound($"No distributor has id {request.DistributorId}.", "distributorId");
        }

        var (customer, order) = await CustomerOfAsync(db, request, at, ct);
        items ??= await QuotedItemsAsync(db, order!, ct);
        var sale = Sale.Record(items, plan, chain, request.IdempotencyKey, fingerprint, request.ExternalId, at, customer, order);
        db.Sales.Add(sale);
        await db.SaveChangesAsync(ct);
        if (order is not null)
        {
            order.MarkPaid(sale.Id, at);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw DomainRuleException.Conflict($"Order {order.Id} was changed by somebody else at the same moment; look at it again.");
            }
        }

        // The beneficiaries who want each sale are told after this commits (imported batches come in the daily digest).
        db.NotificationEvents.Add(NotificationEvent.SalePosted(sale.Id, at));
        await db.SaveChangesAsync(ct);
        await Counters.CountSaleAsync(db, sale, ct);
        await transaction.CommitAsync(ct);

        logger.LogInformation(
            "Posted sale {SaleId} for distributor {DistributorId}: base {Base}, {LineCount} commission lines under plan {PlanVersion}",
            sale.Id, sale.DistributorId, sale.Base.ToString(), sale.Commissions.Count, sale.PlanVersion);
        return sale;
    }

    /// <summary>
    /// The customer the sale is to (null for personal use) and the shop order it pays, if any.
    /// A customer typed in with the sale is created here, in the sale's transaction, so a refused
    /// sale leaves no customer behind.
    /// </summary>
    private static async Task<(Customer? Customer, CustomerOrder? Order)> CustomerOfAsync(MlmDbContext db, SaleRequest request, DateTime at, CancellationToken ct)
    {
        if (request.CustomerOrderId is { } orderId)
        {
            var order = await db.CustomerOrders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, ct)
                ?? throw DomainRuleException.NotFound($"No order has id {orderId}.");
            return (await db.Customers.FirstAsync(c => c.Id == order.CustomerId, ct), order);
        }

        if (request.CustomerId is { } customerId)
        {
            var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, ct)
                ?? throw DomainRuleException.NotFound($"No customer has id {customerId}.", "customerId");
            return (customer, null);
        }

        if (request.NewCustomer is { } added)
        {
            var customer = Customer.Create(request.DistributorId, added.Name, added.Email, added.Phone, added.Consent, at);
            if (customer.Email is { } email && await db.Customers.AnyAsync(c => c.DistributorId == request.DistributorId && c.Email == email, ct))
            {
                throw AlreadyYourCustomer(email);
            }

            db.Customers.Add(customer);
            await db.SaveChangesAsync(ct);
            return (customer, null);
        }

        return (null, null);
    }

    private static DomainRuleException AlreadyYourCustomer(string email) =>
        DomainRuleException.Invalid($"You already have a customer with the e-mail {email}; choose them from your customers.", "customer");

    /// <summary>A customer order's lines as sale items at the prices it was placed at (ADR 017).</summary>
    private static async Task<List<SaleItem>> QuotedItemsAsync(MlmDbContext db, CustomerOrder order, CancellationToken ct)
    {
        var ids = order.Lines.Select(l => l.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return [.. order.Lines.Select(l => new SaleItem(products[l.ProductId], l.Quantity, l.Quote(products[l.ProductId])))];
    }

    private static Task<Sale?> FindByKeyAsync(MlmDbContext db, string key, CancellationToken ct) =>
        db.Sales.AsNoTracking()
            .Include(s => s.Lines)
            .Include(s => s.Commissions)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.IdempotencyKey == key, ct);

    private static PostedSale Replay(Sale existing, string fingerprint)
    {
        if (existing.RequestHash != fingerprint)
        {
            throw DomainRuleException.Invalid($"This Idempotency-Key was already used for a different sale.", "Idempotency-Key");
        }

        return new PostedSale(existing, Replayed: true);
    }
}
