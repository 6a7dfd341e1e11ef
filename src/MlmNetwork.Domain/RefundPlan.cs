namespace MlmNetwork.Domain;

/// <summary>A quantity of one sale line taken back by a refund.</summary>
public sealed record RefundedQuantity(SaleLine Line, int Quantity);

/// <summary>
/// What a refund would do, worked out before it is done (and shown to an admin for confirmation):
/// the quantities, their total and base, whether it completes the sale, and each earned line's
/// reversed amount.
/// </summary>
public sealed record RefundPlan(
    IReadOnlyList<RefundedQuantity> Quantities,
    Money Total,
    Money Base,
    bool Completes,
    IReadOnlyList<(CommissionLine Line, Money Amount)> Reversals);
