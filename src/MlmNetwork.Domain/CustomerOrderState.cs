namespace MlmNetwork.Domain;

/// <summary>Where a customer's order through a distributor's link stands.</summary>
public enum CustomerOrderState
{
    /// <summary>Placed by the customer; nothing in the ledger yet.</summary>
    Placed = 0,
    /// <summary>Marked paid: posted as a retail sale of the distributor.</summary>
    Paid = 1,
    /// <summary>Cancelled: when it had been paid, its sale was refunded.</summary>
    Cancelled = 2,
}
