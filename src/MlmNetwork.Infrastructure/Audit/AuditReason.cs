namespace MlmNetwork.Infrastructure;

/// <summary>The reason an admin typed for an action (shown as typed), or none given (said in the reader's language).</summary>
public readonly record struct AuditReason(string? Typed)
{
    public override string ToString() => Typed ?? "no reason given";
}
