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

    /// <summary>The minimum customer share of the plan version this close applied (null for none).</summary>
    public Percent? MinCustomerShare { get; private set; }

    /// <summary>Whether this close forfeited the downline lines of those below <see cref="MinCustomerShare"/>.</summary>
    public bool ForfeitBelowCustomerShare { get; private set; }

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
            MinCustomerShare = plan.MinCustomerShare,
            ForfeitBelowCustomerShare = plan.ForfeitBelowCustomerShare,
        };
    }

    /// <summary>The minimum personal volume this close applied (see <see cref="MinimumVolume"/>).</summary>
    public MinimumVolume Minimum => new(MinPersonalVolume);

    /// <summary>The customer share rule this close applied (see <see cref="CustomerShareRule"/>).</summary>
    public CustomerShareRule CustomerShare => new(MinCustomerShare, ForfeitBelowCustomerShare);

    /// <summary>Both qualification rules this close applied, in their order (see <see cref="CloseRules"/>).</summary>
    public CloseRules Rules => new(Minimum, CustomerShare);

    /// <summary>Qualification: a beneficiary keeps the period's earnings when their personal volume reaches the minimum.</summary>
    public bool Qualifies(Money personalVolume) => Minimum.Keeps(personalVolume);
}
