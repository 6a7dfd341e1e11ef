namespace MlmNetwork.Domain;

/// <summary>One member of a seller's chain as the commission rules see it: the seller at distance 0, the sponsor at 1, and so on.</summary>
public sealed record UplineMember(long DistributorId, int Distance, bool IsHouse, DistributorStatus Status)
{
    public bool CanEarn => !IsHouse && Status == DistributorStatus.Active;
}

/// <summary>What one beneficiary earns from one sale, before it is written as a ledger line; <paramref name="Distance"/> is how far up the chain they stand.</summary>
public sealed record CommissionShare(long BeneficiaryId, int Level, Percent Percent, Money Amount, int Distance = 0);

/// <summary>Why a member of the chain was not paid.</summary>
public enum UnpaidReason
{
    /// <summary>Not Active, without compression: their level is used up and not paid.</summary>
    NotActiveLevelLost = 0,
    /// <summary>Not Active, with compression: skipped; the next earning ancestor takes the level.</summary>
    SkippedByCompression = 1,
}

/// <summary>A member of the chain the plan reached but did not pay, recorded so every line can explain itself.</summary>
public sealed record UnpaidMember(long DistributorId, int Distance, int? Level, DistributorStatus Status, UnpaidReason Reason);

/// <summary>The outcome of the rules for one sale: who is paid, and who was passed over and why.</summary>
public sealed record CommissionBreakdown(IReadOnlyList<CommissionShare> Shares, IReadOnlyList<UnpaidMember> Unpaid);

/// <summary>
/// A version of the commission plan: the seller's personal percent (level 0) and one percent
/// per upline level. Versions are immutable; saving a plan creates the next version.
/// </summary>
public sealed class CommissionPlan
{
    public const int MaxLevels = 20;

    private List<Percent> levels = [];

    private CommissionPlan()
    {
        CreatedBy = string.Empty;
    }

    public int Version { get; private set; }

    public Percent PersonalPercent { get; private set; }

    public IReadOnlyList<Percent> Levels
    {
        get => levels;
        private set => levels = [.. value];
    }

    /// <summary>With compression, ancestors who cannot earn are skipped and do not use up a level.</summary>
    public bool Compression { get; private set; }

    /// <summary>Personal volume a beneficiary needs in a period to keep that period's lines (applied at period close).</summary>
    public Money MinPersonalVolume { get; private set; }

    /// <summary>The least share of personal volume sold to customers to qualify for downline commissions; null for none (docs/rules.md, "customer share").</summary>
    public Percent? MinCustomerShare { get; private set; }

    /// <summary>Whether the month's close forfeits the downline lines of those below <see cref="MinCustomerShare"/>; otherwise they are only flagged.</summary>
    public bool ForfeitBelowCustomerShare { get; private set; }

    /// <summary>The customer share rule of this version.</summary>
    public CustomerShareRule CustomerShare => new(MinCustomerShare, ForfeitBelowCustomerShare);

    public DateTime EffectiveFrom { get; private set; }

    public string CreatedBy { get; private set; }

    public int LevelCount => levels.Count;

    /// <summary>
    /// Creates a plan version. Refused: more than <see cref="MaxLevels"/> levels, or percents
    /// that add up to more than 100% of the base (the company would pay out more than it earns).
    /// </summary>
    public static CommissionPlan Create(int version, Percent personalPercent, IReadOnlyList<Percent> levels, bool compression, Money minPersonalVolume, DateTime effectiveFrom, string createdBy, CustomerShareRule customerShare = default)
    {
        if (version < 1)
        {
            throw DomainRuleException.Invalid($"A plan version starts at 1.", "version");
        }

        return Build(version, personalPercent, levels, compression, minPersonalVolume, effectiveFrom, createdBy, customerShare);
    }

    /// <summary>
    /// A plan that is not in force and never will be, for the simulator: the same fields and the
    /// same refusals as a version (see <see cref="Create"/>), with version number 0.
    /// </summary>
    public static CommissionPlan Draft(Percent personalPercent, IReadOnlyList<Percent> levels, bool compression, Money minPersonalVolume, CustomerShareRule customerShare = default) =>
        Build(0, personalPercent, levels, compression, minPersonalVolume, DateTime.MinValue, "draft", customerShare);

    /// <summary>Whether another plan pays exactly as this one: the same percents, compression and minimum.</summary>
    public bool PaysAs(CommissionPlan other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return PersonalPercent == other.PersonalPercent && levels.SequenceEqual(other.levels) && Compression == other.Compression && MinPersonalVolume == other.MinPersonalVolume && CustomerShare == other.CustomerShare;
    }

    private static CommissionPlan Build(int version, Percent personalPercent, IReadOnlyList<Percent> levels, bool compression, Money minPersonalVolume, DateTime effectiveFrom, string createdBy, CustomerShareRule customerShare)
    {
        ArgumentNullException.ThrowIfNull(levels);
        if (levels.Count > MaxLevels)
        {
            throw DomainRuleException.Invalid($"A plan has at most {MaxLevels} levels.", "levels");
        }

        var total = personalPercent.BasisPoints + levels.Sum(l => l.BasisPoints);
        if (total > 10_000)
        {
            throw DomainRuleException.Invalid($"The personal and level percents add up to more than 100%.", "levels");
        }

        if (minPersonalVolume < Money.Zero)
        {
            throw DomainRuleException.Invalid($"Minimum personal volume cannot be negative.", "minPersonalVolume");
        }

        if (customerShare.ForfeitAtClose && !customerShare.Applies)
        {
            throw DomainRuleException.Invalid($"Set a minimum customer share to forfeit downline commissions below it.", "forfeitBelowCustomerShare");
        }

        return new CommissionPlan
        {
            Version = version,
            PersonalPercent = personalPercent,
            Levels = levels,
            Compression = compression,
            MinPersonalVolume = minPersonalVolume,
            MinCustomerShare = customerShare.Minimum,
            ForfeitBelowCustomerShare = customerShare.ForfeitAtClose,
            EffectiveFrom = effectiveFrom,
            CreatedBy = string.IsNullOrWhiteSpace(createdBy) ? "system" : createdBy,
        };
    }

    /// <summary>
    /// The version after <paramref name="latest"/>, in force from <paramref name="effectiveFrom"/>
    /// (a sale is paid under the version in force when it was made). Refused: a start before now
    /// (sales already posted keep the version they were paid under), a start inside a closed month
    /// (its lines and statements are final), and a start earlier than the latest version's, so that
    /// versions stay in order: a later version never starts before an earlier one.
    /// </summary>
    public static CommissionPlan CreateNext(
        CommissionPlan? latest,
        Percent personalPercent,
        IReadOnlyList<Percent> levels,
        bool compression,
        Money minPersonalVolume,
        DateTime effectiveFrom,
        DateTime now,
        IReadOnlyCollection<Period> closedPeriods,
        string createdBy,
        CustomerShareRule customerShare = default)
    {
        ArgumentNullException.ThrowIfNull(closedPeriods);
        if (effectiveFrom < now)
        {
            throw DomainRuleException.Invalid(
                $"A plan version cannot start in the past: {Shown(effectiveFrom)} UTC is before now ({Shown(now)} UTC). Choose now or a later moment.",
                "effectiveFrom");
        }

        if (effectiveFrom > now.AddDays(MaxDaysAhead))
        {
            throw DomainRuleException.Invalid(
                $"A plan version can be scheduled at most {MaxDaysAhead} days ahead (until {Shown(now.AddDays(MaxDaysAhead))} UTC); {Shown(effectiveFrom)} UTC is later.",
                "effectiveFrom");
        }

        if (closedPeriods.Contains(Period.Of(effectiveFrom)))
        {
            throw DomainRuleException.Invalid(
                $"{Period.Of(effectiveFrom)} is closed; a plan version cannot start inside a closed month.",
                "effectiveFrom");
        }

        if (latest is not null && effectiveFrom < latest.EffectiveFrom)
        {
            throw DomainRuleException.Invalid(
                $"Version {latest.Version} starts {Shown(latest.EffectiveFrom)} UTC; a new version cannot start before it, so that versions stay in order.",
                "effectiveFrom");
        }

        return Create((latest?.Version ?? 0) + 1, personalPercent, levels, compression, minPersonalVolume, effectiveFrom, createdBy, customerShare);
    }

    /// <summary>How far ahead a version can be scheduled: a typo in the year must not freeze the plan for decades.</summary>
    public const int MaxDaysAhead = 366;

    /// <summary>
    /// A scheduled version may be withdrawn before it starts (it has paid nothing yet); only the
    /// newest one, so that the versions left stay in order.
    /// </summary>
    public void EnsureWithdrawable(CommissionPlan newest, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(newest);
        if (!IsScheduledAt(now))
        {
            throw DomainRuleException.Conflict($"Version {Version} is in force since {Shown(EffectiveFrom)} UTC; a version that has started stays, and a new version replaces it.");
        }

        if (newest.Version != Version)
        {
            throw DomainRuleException.Conflict($"Withdraw version {newest.Version} first: versions are withdrawn newest first.");
        }
    }

    /// <summary>Whether this version is in force at <paramref name="at"/> or only scheduled for later.</summary>
    public bool IsScheduledAt(DateTime at) => EffectiveFrom > at;

    /// <summary>
    /// The commission shares of one sale (docs/rules.md, rules 2–4): the seller earns the personal
    /// percent of the base; the ancestor at level k earns levels[k-1]; each amount is rounded on
    /// its own, half away from zero. The house account and anybody who is not Active never earn.
    /// Without compression a non-earning ancestor uses up the level; with compression it is
    /// skipped and the next earning ancestor takes that level. Levels above the top of the chain
    /// are not paid. Shares that round to zero are not written.
    /// </summary>
    /// <param name="commissionBase">The sale's base.</param>
    /// <param name="chain">The seller (distance 0) and the ancestors in order, nearest first, as far as <see cref="NeedsMoreChain"/> says.</param>
    public IReadOnlyList<CommissionShare> SharesFor(Money commissionBase, IReadOnlyList<UplineMember> chain) =>
        Calculate(commissionBase, chain).Shares;

    /// <summary>The rules of <see cref="SharesFor"/>, with the members who were passed over and why.</summary>
    public CommissionBreakdown Calculate(Money commissionBase, IReadOnlyList<UplineMember> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Count == 0 || chain[0].Distance != 0)
        {
            throw new ArgumentException("The chain starts with the seller at distance 0.", nameof(chain));
        }

        for (var i = 1; i < chain.Count; i++)
        {
            if (chain[i].Distance != i)
            {
                throw new ArgumentException("The chain must list ancestors in order, without gaps.", nameof(chain));
            }
        }

        var shares = new List<CommissionShare>(levels.Count + 1);
        var unpaid = new List<UnpaidMember>();
        Pay(shares, unpaid, chain[0], 0, PersonalPercent, commissionBase);

        var level = 1;
        for (var i = 1; i < chain.Count && level <= levels.Count; i++)
        {
            var ancestor = chain[i];
            if (ancestor.IsHouse)
            {
                break;
            }

            if (!ancestor.CanEarn && Compression)
            {
                unpaid.Add(new UnpaidMember(ancestor.DistributorId, ancestor.Distance, null, ancestor.Status, UnpaidReason.SkippedByCompression));
                continue;
            }

            Pay(shares, unpaid, ancestor, level, levels[level - 1], commissionBase);
            level++;
        }

        return new CommissionBreakdown(shares, unpaid);
    }

    /// <summary>
    /// How far up the chain <see cref="SharesFor"/> needs to see: without compression, one
    /// ancestor per level; with compression, until as many earning ancestors have been seen.
    /// </summary>
    public bool NeedsMoreChain(int ancestorsSeen, int earningAncestorsSeen) =>
        Compression ? earningAncestorsSeen < levels.Count : ancestorsSeen < levels.Count;

    private static string Shown(DateTime utc) => utc.ToString(utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture);

    private static void Pay(List<CommissionShare> shares, List<UnpaidMember> unpaid, UplineMember member, int level, Percent percent, Money commissionBase)
    {
        if (!member.CanEarn)
        {
            unpaid.Add(new UnpaidMember(member.DistributorId, member.Distance, level, member.Status, UnpaidReason.NotActiveLevelLost));
            return;
        }

        var amount = commissionBase.PercentOf(percent);
        if (amount != Money.Zero)
        {
            shares.Add(new CommissionShare(member.DistributorId, level, percent, amount, member.Distance));
        }
    }
}
