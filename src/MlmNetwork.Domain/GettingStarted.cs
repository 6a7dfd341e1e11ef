namespace MlmNetwork.Domain;

/// <summary>The steps a new distributor is guided through, in the order they are shown.</summary>
public enum GettingStartedStep
{
    ConfirmEmail = 0,
    CompleteProfile = 1,
    FinishTraining = 2,
    ShareReferralLink = 3,
    FirstSale = 4,
}

/// <summary>What is known about a distributor that the getting-started steps depend on.</summary>
/// <param name="PublishedModules">Training modules published now.</param>
/// <param name="ModulesDone">Of those, how many the distributor marked done.</param>
/// <param name="ReferralLinkShared">They copied their link or took its QR code.</param>
/// <param name="DirectRecruits">People who joined through their link.</param>
/// <param name="MadeFirstSale">They recorded a sale (a starter kit order is not one).</param>
public sealed record GettingStartedFacts(
    bool EmailConfirmed,
    bool ProfileComplete,
    int PublishedModules,
    int ModulesDone,
    bool ReferralLinkShared,
    int DirectRecruits,
    bool MadeFirstSale);

/// <summary>One step of the checklist and whether it is done.</summary>
public sealed record GettingStartedItem(GettingStartedStep Step, bool Done);

/// <summary>
/// The getting-started checklist of a distributor: confirm the e-mail address, complete the
/// profile (phone and address), finish the training (every published module done; left out
/// while no module is published), share the referral link (done too once somebody joined
/// through it), and make a first sale (a starter kit order does not count). Its progress is the
/// share of steps done, in whole percent rounded down, so it reads 100 only when all are.
/// </summary>
public sealed class GettingStarted
{
    private GettingStarted(IReadOnlyList<GettingStartedItem> items, GettingStartedFacts facts)
    {
        Items = items;
        Facts = facts;
    }

    public IReadOnlyList<GettingStartedItem> Items { get; }

    public GettingStartedFacts Facts { get; }

    public int Done => Items.Count(i => i.Done);

    public int Total => Items.Count;

    public int Percent => Total == 0 ? 100 : Done * 100 / Total;

    public bool IsComplete => Done == Total;

    /// <summary>The first step not done yet, or null when all are.</summary>
    public GettingStartedStep? Next => Items.FirstOrDefault(i => !i.Done)?.Step;

    public static GettingStarted From(GettingStartedFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var items = new List<GettingStartedItem>
        {
            new(GettingStartedStep.ConfirmEmail, facts.EmailConfirmed),
            new(GettingStartedStep.CompleteProfile, facts.ProfileComplete),
        };
        if (facts.PublishedModules > 0)
        {
            items.Add(new(GettingStartedStep.FinishTraining, facts.ModulesDone >= facts.PublishedModules));
        }

        items.Add(new(GettingStartedStep.ShareReferralLink, facts.ReferralLinkShared || facts.DirectRecruits > 0));
        items.Add(new(GettingStartedStep.FirstSale, facts.MadeFirstSale));
        return new GettingStarted(items, facts);
    }
}
