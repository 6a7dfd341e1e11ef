namespace MlmNetwork.Domain;

/// <summary>Part of a sale to refund: a quantity of one of its products.</summary>
public sealed record RefundPart(string Sku, int Quantity);
