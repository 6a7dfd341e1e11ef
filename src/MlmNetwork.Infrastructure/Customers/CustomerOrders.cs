using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Notifications;
using MlmNetwork.Infrastructure.Sales;

namespace MlmNetwork.Infrastructure.Customers;

/// <summary>What a customer asks for through a distributor's shop link; <paramref name="Culture"/> is the language they ordered in, for their confirmation e-mail.</summary>
public sealed record ShopOrder(string Name, string Email, string? Phone, bool Consent, IReadOnlyList<SaleRequestLine> Lines, string? Culture = null);

/// <summary>
/// Customer orders through a distributor's shop link (ADR 017). Placing one writes the order
/// (and the customer, found by e-mail among that distributor's customers or created) and the
/// distributor's notification, nothing to the ledger. Marking it paid posts it through the one
/// sale posting path as a retail sale to that customer, under the order's own idempotency key
/// and in the same transaction as the order's change, so two clicks or two admins at once post
/// one sale. Cancelling a placed order writes nothing; cancelling a paid one refunds its sale by
/// the refund rules (rule 7), then cancels it; a retry repeats neither.
/// </summary>
public sealed class CustomerOrders(
    IDbContextFactory<MlmDbContext> contexts,
    SalePostingService sales,
    RefundService refunds,
    BusinessClock clock,
    ILogger<CustomerOrders> logger)
{
    public async Task<CustomerOrder> PlaceAsync(string referralCode, ShopOrder request, CancellationToken ct)
    {
        try
        {
            return await PlaceOnceAsync(referralCode, request, ct);
        }
        catch (DbUpdateException)
        {
            // Most likely the same new customer ordered twice at once and the other order created
            // them first: once more, the customer is found by e-mail.
            return await PlaceOnceAsync(referralCode, request, ct);
        }
    }

    private async Task<CustomerOrder> PlaceOnceAsync(string referralCode, ShopOrder request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var code = ReferralCode.Normalize(referralCode);
        return await Retrying.RunAsync(contexts, logger, "customer order", async db =>
        {
            var seller = await db.Distributors.AsNoTracking().FirstOrDefaultAsync(d => d.ReferralCode == code && !d.IsHouse, ct)
                ?? throw DomainRuleException.NotFound($"No distributor has the referral code {referralCode}.", "code");
            var items = await SaleItems.LoadAsync(db, request.Lines, ct);
            var now = BusinessClock.Microseconds(clock.UtcNow);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var email = Distributor.CleanEmail(request.Email);
            var customer = await db.Customers.FirstOrDefaultAsync(c => c.DistributorId == seller.Id && c.Email == email, ct);
            if (customer is null)
            {
                customer = Customer.Create(seller.Id, request.Name, email, request.Phone, request.Consent, now);
                db.Customers.Add(customer);
            }

            // A returning customer's record stays as the distributor keeps it: the shop form is
            // anonymous, so whoever types a customer's e-mail cannot switch their consent on.
            // Saved in the transaction: when the domain refuses the order (a distributor who is not Active), nothing is committed.
            await db.SaveChangesAsync(ct);
            var order = CustomerOrder.Place(seller, customer, items, now);
            db.CustomerOrders.Add(order);
            await db.SaveChangesAsync(ct);
            db.NotificationEvents.Add(NotificationEvent.CustomerOrderPlaced(order.Id, request.Culture, now));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            logger.LogInformation("Customer order {OrderId} placed with distributor {DistributorId}: {LineCount} lines", order.Id, seller.Id, order.Lines.Count);
            return order;
        }, ct);
    }

    /// <summary>
    /// Marks the order paid: posts its retail sale (once, whoever clicks and however often) and
    /// answers the sale. An order paid already answers its sale; a cancelled one is refused.
    /// </summary>
    public async Task<Sale> MarkPaidAsync(long orderId, string actor, CancellationToken ct)
    {
        CustomerOrder order;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            order = await db.CustomerOrders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, ct)
                ?? throw DomainRuleException.NotFound($"No order has id {orderId}.");
        }

        if (order.State == CustomerOrderState.Cancelled)
        {
            throw DomainRuleException.Conflict($"Order {orderId} is cancelled; it cannot be paid.");
        }

        var request = new SaleRequest(
            order.DistributorId,
            [.. order.Lines.Select(l => new SaleRequestLine(l.Sku, l.Quantity))],
            null,
            order.SaleKey,
            CustomerId: order.CustomerId,
            CustomerOrderId: order.Id);
        var posted = await sales.PostAsync(request, ct);
        if (!posted.Replayed)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.Audit(actor, "customer-order.paid", $"order {order.Id}", $"seller {order.DistributorId}, customer {order.CustomerId}: sale {posted.Sale.Id}, total {posted.Sale.Total}", clock.UtcNow);
            await db.SaveChangesAsync(ct);
        }

        return posted.Sale;
    }

    /// <summary>Cancels the order; a paid one has its sale refunded first (whatever of it remains). Answers the refunded sale, if any.</summary>
    public async Task<long?> CancelAsync(long orderId, string actor, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var order = await db.CustomerOrders.FirstOrDefaultAsync(o => o.Id == orderId, ct)
            ?? throw DomainRuleException.NotFound($"No order has id {orderId}.");
        var paid = order.State == CustomerOrderState.Paid;
        if (paid && order.SaleId is { } saleId
            && await db.Sales.AsNoTracking().AnyAsync(s => s.Id == saleId && s.RefundedAt == null, ct))
        {
            await refunds.RefundAsync(saleId, CancelRefundKey(order.Id), actor, null, ct);
        }

        var now = BusinessClock.Microseconds(clock.UtcNow);
        order.Cancel(now);
        if (paid)
        {
            db.Audit(actor, "customer-order.cancel", $"order {order.Id}", $"seller {order.DistributorId}, customer {order.CustomerId}: sale {order.SaleId} refunded", now);
        }
        else
        {
            db.Audit(actor, "customer-order.cancel", $"order {order.Id}", $"seller {order.DistributorId}, customer {order.CustomerId}: nothing was posted", now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DomainRuleException.Conflict($"Order {order.Id} was changed by somebody else at the same moment; look at it again.");
        }

        logger.LogInformation("Customer order {OrderId} cancelled", order.Id);
        return paid ? order.SaleId : null;
    }

    /// <summary>The refund of a cancelled paid order: one per order.</summary>
    public static string CancelRefundKey(long orderId) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"customer-order-cancel:{orderId}");
}
