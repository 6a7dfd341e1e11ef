namespace MlmNetwork.Domain;

/// <summary>What a payout run proposes to pay one distributor.</summary>
public sealed class PayoutRunItem
{
    private PayoutRunItem()
    {
    }

    internal PayoutRunItem(long distributorId, Money amount)
    {
        DistributorId = distributorId;
        Amount = amount;
    }

    public long Id { get; private set; }

    public long PayoutRunId { get; private set; }

    public long DistributorId { get; private set; }

    public Money Amount { get; private set; }
}
