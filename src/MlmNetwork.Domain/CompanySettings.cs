namespace MlmNetwork.Domain;

/// <summary>The company's settings that admins change in the app: one row.</summary>
public sealed class CompanySettings
{
    public const int SingletonId = 1;

    /// <summary>The default minimum payout: below it a balance carries over to a later run.</summary>
    public static readonly Money DefaultMinimumPayout = new(1_000);

    private CompanySettings()
    {
    }

    public int Id { get; private set; }

    /// <summary>A payout run pays a distributor only when their payable balance reaches this amount.</summary>
    public Money MinimumPayout { get; private set; }

    public static CompanySettings Defaults() => new() { Id = SingletonId, MinimumPayout = DefaultMinimumPayout };

    public void SetMinimumPayout(Money amount)
    {
        if (amount < Money.Zero)
        {
            throw DomainRuleException.Invalid($"The minimum payout cannot be negative.", "minimumPayout");
        }

        MinimumPayout = amount;
    }
}
