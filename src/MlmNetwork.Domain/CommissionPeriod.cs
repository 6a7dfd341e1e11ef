namespace MlmNetwork.Domain;

/// <summary>
/// A closed commission period. Closing computes qualification, locks the month (lines written
/// later count in the open period) and produces the statements.
/// </summary>
public sealed class CommissionPeriod
{
    private CommissionPeriod()
    {
        ClosedBy = string.Empty;
    }

    /// <summary>The period key (yyyyMM).</summary>
    public int Key { get; private set; }

    public DateTime ClosedAt { get; private set; }

    public string ClosedBy { get; private set; }

    /// <summary>The plan version in force at the end of the period, whose minimum personal volume was applied.</summary>
    public int PlanVersion { get; private set; }

    public Money MinPersonalVolume { get; private set; }

    public Period Period => Period.FromKey(Key);

    /// <summary>A period can be closed once, and only after it has ended (UTC).</summary>
    public static CommissionPeriod Close(Period period, CommissionPlan plan, DateTime now, string actor)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (now < period.EndsAt)
        {
            throw DomainRuleException.Invalid($"{period} has not ended yet; it can be closed from {period.EndsAt:yyyy-MM-dd} UTC.", "period");
        }

        return new CommissionPeriod
        {
            Key = period.Key,
            ClosedAt = now,
            ClosedBy = actor,
            PlanVersion = plan.Version,
            MinPersonalVolume = plan.MinPersonalVolume,
        };
    }

    /// <summary>Qualification: a beneficiary keeps the period's earnings when their personal volume reaches the minimum.</summary>
    public bool Qualifies(Money personalVolume) => personalVolume >= MinPersonalVolume;
}

/// <summary>A distributor's statement for a closed period: opening balance, earned, reversed, forfeited, paid, closing balance.</summary>
public sealed class Statement
{
    private Statement()
    {
    }

    public long Id { get; private set; }

    public int PeriodKey { get; private set; }

    public long DistributorId { get; private set; }

    /// <summary>The balance before the period: earlier lines minus payouts recorded against earlier statements when the period closed.</summary>
    public Money Opening { get; private set; }

    public Money Earned { get; private set; }

    public Money Reversed { get; private set; }

    public Money Forfeited { get; private set; }

    public Money PersonalVolume { get; private set; }

    public bool Qualified { get; private set; }

    /// <summary>What was payable when the period closed.</summary>
    public Money ClosingAtClose => Opening + Earned + Reversed + Forfeited;

    public static Statement For(Period period, long distributorId, Money opening, Money earned, Money reversed, Money forfeited, Money personalVolume, bool qualified) => new()
    {
        PeriodKey = period.Key,
        DistributorId = distributorId,
        Opening = opening,
        Earned = earned,
        Reversed = reversed,
        Forfeited = forfeited,
        PersonalVolume = personalVolume,
        Qualified = qualified,
    };
}

/// <summary>Money paid to a distributor against a statement.</summary>
public sealed class Payout
{
    public const int ReferenceMaxLength = 100;

    private Payout()
    {
        Reference = string.Empty;
        RecordedBy = string.Empty;
    }

    public long Id { get; private set; }

    public long StatementId { get; private set; }

    public long DistributorId { get; private set; }

    public Money Amount { get; private set; }

    public DateOnly PaidOn { get; private set; }

    public string Reference { get; private set; }

    public DateTime RecordedAt { get; private set; }

    public string RecordedBy { get; private set; }

    /// <summary>Records a payment against a statement: a positive amount, a date and a reference (the bank transfer's, say).</summary>
    public static Payout Record(Statement statement, Money amount, DateOnly paidOn, string reference, DateTime now, string actor)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (amount <= Money.Zero)
        {
            throw DomainRuleException.Invalid("A payout is a positive amount.", "amount");
        }

        var cleanReference = (reference ?? string.Empty).Trim();
        if (cleanReference.Length == 0 || cleanReference.Length > ReferenceMaxLength)
        {
            throw DomainRuleException.Invalid($"A reference of 1 to {ReferenceMaxLength} characters is required.", "reference");
        }

        if (paidOn > DateOnly.FromDateTime(now).AddDays(1))
        {
            throw DomainRuleException.Invalid("A payout cannot be dated in the future.", "paidOn");
        }

        return new Payout
        {
            StatementId = statement.Id,
            DistributorId = statement.DistributorId,
            Amount = amount,
            PaidOn = paidOn,
            Reference = cleanReference,
            RecordedAt = now,
            RecordedBy = actor,
        };
    }
}
