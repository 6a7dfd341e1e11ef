using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Customers;

/// <summary>A customer order as the lists show it: who ordered from whom, what, and where it stands.</summary>
public sealed record CustomerOrderRow(
    long Id,
    DateTime PlacedAt,
    CustomerOrderState State,
    Money Total,
    long CustomerId,
    string CustomerName,
    string? CustomerEmail,
    string? CustomerPhone,
    long DistributorId,
    string SellerName,
    long? SaleId)
{
    /// <summary>The order's products ("2 × Vitamin C"), filled in for the rows shown.</summary>
    public IReadOnlyList<(int Quantity, string Product)> Lines { get; init; } = [];
}
