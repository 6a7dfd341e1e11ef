namespace MlmNetwork.Domain;

/// <summary>A product and quantity of a customer order, at the price shown when it was placed.</summary>
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

    internal static CustomerOrderLine For(Product product, int quantity)
    {
        // The same checks as a sale line: a product for sale, 1 to Sale.MaxQuantity of it.
        var line = SaleLine.For(product, quantity);
        return new CustomerOrderLine { ProductId = product.Id, Sku = line.Sku, ProductName = line.ProductName, Quantity = quantity, UnitPrice = line.UnitPrice };
    }
}
