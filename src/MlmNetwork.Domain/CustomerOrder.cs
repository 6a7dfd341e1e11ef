using System.Globalization;

namespace MlmNetwork.Domain;

/// <summary>
/// An order a customer placed through a distributor's shop link (ADR 017). Placed, it writes
/// nothing to the ledger; marked Paid, it is posted once as a retail sale of the distributor to
/// that customer (the sale's idempotency key is the order's, <see cref="SaleKey"/>); cancelled
/// after payment, its sale is refunded by the refund rules (rule 7).
/// </summary>
public sealed class CustomerOrder
{
    /// <summary>What every customer order's sale key starts with, and no other sale's may.</summary>
    public const string SaleKeyPrefix = "customer-order:";

    private readonly List<CustomerOrderLine> lines = [];

    private CustomerOrder()
    {
    }

    public long Id { get; private set; }

    public long DistributorId { get; private set; }

    public long CustomerId { get; private set; }

    /// <summary>The state; a concurrency token, so of two changes at once only one is written.</summary>
    public CustomerOrderState State { get; private set; }

    public DateTime PlacedAt { get; private set; }

    public DateTime? PaidAt { get; private set; }

    public DateTime? CancelledAt { get; private set; }

    /// <summary>The retail sale it was posted as, once paid.</summary>
    public long? SaleId { get; private set; }

    /// <summary>The order's total at the prices of when it was placed.</summary>
    public Money Total { get; private set; }

    public IReadOnlyList<CustomerOrderLine> Lines => lines;

    /// <summary>The idempotency key of the order's sale: the order is posted once, however often it is marked paid.</summary>
    public string SaleKey => SaleKeyOf(Id);

    public static string SaleKeyOf(long orderId) => string.Create(CultureInfo.InvariantCulture, $"{SaleKeyPrefix}{orderId}");

    /// <summary>
    /// A customer's order of <paramref name="items"/> from <paramref name="seller"/>'s shop: only an
    /// Active distributor takes orders, the customer is the seller's own, and the lines follow the
    /// same limits as a sale's.
    /// </summary>
    public static CustomerOrder Place(Distributor seller, Customer customer, IReadOnlyList<SaleItem> items, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(seller);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(items);
        if (seller.IsHouse || seller.Status != DistributorStatus.Active)
        {
            throw DomainRuleException.Invalid($"This distributor cannot take orders at the moment.", "code");
        }

        customer.EnsureBelongsTo(seller.Id);
        if (items.Count == 0)
        {
            throw DomainRuleException.Invalid($"Enter a quantity for at least one product.", "lines");
        }

        if (items.Count > Sale.MaxLines)
        {
            throw DomainRuleException.Invalid($"A sale has at most {Sale.MaxLines} lines.", "lines");
        }

        Sale.EnsureQuantities(items);
        var order = new CustomerOrder { DistributorId = seller.Id, CustomerId = customer.Id, State = CustomerOrderState.Placed, PlacedAt = now };
        foreach (var item in items)
        {
            order.lines.Add(CustomerOrderLine.For(item.Product, item.Quantity));
        }

        order.Total = Money.Sum(order.lines.Select(l => l.UnitPrice * l.Quantity));
        return order;
    }

    /// <summary>Records that the order's sale <paramref name="saleId"/> was posted; only a Placed order can be paid.</summary>
    public void MarkPaid(long saleId, DateTime now)
    {
        if (State != CustomerOrderState.Placed)
        {
            throw DomainRuleException.Conflict($"Order {Id} is no longer waiting for payment.");
        }

        State = CustomerOrderState.Paid;
        SaleId = saleId;
        PaidAt = now;
    }

    /// <summary>Cancels the order; a paid one must have had its sale refunded first (the caller does it, by the refund rules).</summary>
    public void Cancel(DateTime now)
    {
        if (State == CustomerOrderState.Cancelled)
        {
            throw DomainRuleException.Conflict($"Order {Id} is already cancelled.");
        }

        State = CustomerOrderState.Cancelled;
        CancelledAt = now;
    }
}
