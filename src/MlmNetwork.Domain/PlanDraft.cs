namespace MlmNetwork.Domain;

/// <summary>
/// A commission plan an admin drafts to try on past sales (the plan simulator): never in force,
/// never paying anybody. It holds the fields of a plan version and the same refusals
/// (<see cref="CommissionPlan.Draft"/>); it can be edited and deleted, unlike a version.
/// </summary>
public sealed class PlanDraft
{
    public const int NameMaxLength = 100;

    private List<Percent> levels = [];

    private PlanDraft()
    {
        Name = string.Empty;
        CreatedBy = string.Empty;
    }

    public long Id { get; private set; }

    public string Name { get; private set; }

    public Percent PersonalPercent { get; private set; }

    public IReadOnlyList<Percent> Levels
    {
        get => levels;
        private set => levels = [.. value];
    }

    public bool Compression { get; private set; }

    public Money MinPersonalVolume { get; private set; }

    /// <summary>The draft's minimum customer share (null for none).</summary>
    public Percent? MinCustomerShare { get; private set; }

    /// <summary>Whether the draft's close forfeits the downline lines of those below <see cref="MinCustomerShare"/>.</summary>
    public bool ForfeitBelowCustomerShare { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>The draft as a plan the commission rules can run.</summary>
    public CommissionPlan Plan => CommissionPlan.Draft(PersonalPercent, Levels, Compression, MinPersonalVolume, new CustomerShareRule(MinCustomerShare, ForfeitBelowCustomerShare));

    /// <summary>A draft named <paramref name="name"/> with the fields of <paramref name="plan"/> (already checked by <see cref="CommissionPlan.Draft"/> or a saved version).</summary>
    public static PlanDraft Create(string name, CommissionPlan plan, string actor, DateTime now)
    {
        var draft = new PlanDraft { CreatedAt = now, CreatedBy = string.IsNullOrWhiteSpace(actor) ? "system" : actor };
        draft.Update(name, plan, now);
        return draft;
    }

    /// <summary>Replaces the name and the fields; runs already made keep the plan they ran.</summary>
    public void Update(string name, CommissionPlan plan, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw DomainRuleException.Invalid($"A draft needs a name.", "name");
        }

        if (trimmed.Length > NameMaxLength)
        {
            throw DomainRuleException.Invalid($"A draft's name has at most {NameMaxLength} characters.", "name");
        }

        Name = trimmed;
        PersonalPercent = plan.PersonalPercent;
        Levels = plan.Levels;
        Compression = plan.Compression;
        MinPersonalVolume = plan.MinPersonalVolume;
        MinCustomerShare = plan.MinCustomerShare;
        ForfeitBelowCustomerShare = plan.ForfeitBelowCustomerShare;
        UpdatedAt = now;
    }
}
