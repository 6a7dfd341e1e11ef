namespace MlmNetwork.Domain;

/// <summary>
/// A product and quantity of a customer order, at the price shown when it was placed and the
/// commission base of that moment: the order's sale is posted at them, whatever the product costs,
/// or whether it is still sold, when the order is paid (<see cref="Quote"/>).
/// </summary>
public sealed class CustomerOrderLine
{
    private CustomerOrderLine()
    {
        Sku = string.Empty;
        ProductName = string.Empty;
    }

    public long Id { get; private set; }

    public long CustomerOrderId { get; private set; }

    public long ProductId { get; private set; }

    public string Sku { get; private set; }

    public string ProductName { get; private set; }

    public int Quantity { get; private set; }

    public Money UnitPrice { get; private set; }

    /// <summary>The commission base per unit when the order was placed; null for orders placed before it was kept (then the product's base when paid).</summary>
    public long? UnitCommissionBaseCents { get; private set; }

    /// <summary>The prices the order's sale is posted at.</summary>
    public SaleQuote Quote(Product product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return new SaleQuote(UnitPrice, UnitCommissionBaseCents is { } cents ? new Money(cents) : product.CommissionBase);
    }

    internal static CustomerOrderLine For(Product product, int quantity)
    {
        // The same checks as a sale line: a product for sale, 1 to Sale.MaxQuantity of it.
        var line = SaleLine.For(product, quantity);
        return new CustomerOrderLine { ProductId = product.Id, Sku = line.Sku, ProductName = line.ProductName, Quantity = quantity, UnitPrice = line.UnitPrice, UnitCommissionBaseCents = line.UnitCommissionBase.Cents };
    }
}
