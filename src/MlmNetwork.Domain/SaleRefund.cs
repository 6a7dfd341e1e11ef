namespace MlmNetwork.Domain;

/// <summary>
/// One refund of a sale, whole or partial: its idempotency key (the same key replays it), what it
/// took back and the reversing lines it wrote. Never changed once written.
/// </summary>
public sealed class SaleRefund
{
    public const int DescriptionMaxLength = 500;

    private readonly List<CommissionLine> reversals = [];

    private SaleRefund()
    {
        IdempotencyKey = string.Empty;
        RequestHash = string.Empty;
        Description = string.Empty;
    }

    public long Id { get; private set; }

    public long SaleId { get; private set; }

    /// <summary>Unique: the same key never refunds twice.</summary>
    public string IdempotencyKey { get; private set; }

    /// <summary>A fingerprint of what was asked, to tell a replay from another refund under a used key.</summary>
    public string RequestHash { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public Money Total { get; private set; }

    public Money Base { get; private set; }

    /// <summary>True when this refund took back the last of the sale.</summary>
    public bool Completes { get; private set; }

    /// <summary>What was taken back, such as "2 x VIT-C".</summary>
    public string Description { get; private set; }

    public IReadOnlyList<CommissionLine> Reversals => reversals;

    internal static SaleRefund For(Sale sale, string idempotencyKey, string requestHash, RefundPlan plan, string description, DateTime now) => new()
    {
        SaleId = sale.Id,
        IdempotencyKey = idempotencyKey,
        RequestHash = requestHash,
        CreatedAt = now,
        Total = plan.Total,
        Base = plan.Base,
        Completes = plan.Completes,
        Description = description.Length > DescriptionMaxLength ? description[..DescriptionMaxLength] : description,
    };

    internal void Add(CommissionLine reversal) => reversals.Add(reversal);
}
