namespace MlmNetwork.Domain;

public enum SimulationStatus
{
    Queued = 0,
    Running = 1,
    Done = 2,
    Failed = 3,
}

/// <summary>What a replay found, over the range's sales: each plan's lines as earned, reversed and forfeited (signed as in the ledger).</summary>
public sealed record SimulationTotals(
    long SaleCount,
    Money Sales,
    Money CurrentEarned,
    Money CurrentReversed,
    Money CurrentForfeited,
    Money DraftEarned,
    Money DraftReversed,
    Money DraftForfeited,
    long Distributors,
    string PlanVersions,
    DateTime? ApproximateBefore,
    PayHistogram Histogram);

/// <summary>
/// One replay of a range of closed months' sales under a draft plan (the plan simulator): queued
/// by an admin, run in the background one at a time, its progress kept here. It copies the
/// draft's fields, so editing or deleting the draft later leaves the run as it was. It never
/// writes a ledger line.
/// </summary>
public sealed class SimulationRun
{
    /// <summary>The longest range one replay takes, in months.</summary>
    public const int MaxMonths = 12;

    public const int ErrorMaxLength = 500;

    private List<Percent> levels = [];

    private SimulationRun()
    {
        DraftName = string.Empty;
        RequestedBy = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>The draft it ran; null once that draft is deleted.</summary>
    public long? DraftId { get; private set; }

    public string DraftName { get; private set; }

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

    public int FromKey { get; private set; }

    public int ToKey { get; private set; }

    public SimulationStatus Status { get; private set; }

    /// <summary>1 while the run is queued or running, null after: unique, so only one replay is ever waiting or running.</summary>
    public int? ActiveSlot { get; private set; }

    public DateTime RequestedAt { get; private set; }

    public string RequestedBy { get; private set; }

    public DateTime? StartedAt { get; private set; }

    public DateTime? FinishedAt { get; private set; }

    public long SalesToReplay { get; private set; }

    public long SalesReplayed { get; private set; }

    public string? Error { get; private set; }

    public Money Sales { get; private set; }

    public Money CurrentEarned { get; private set; }

    public Money CurrentReversed { get; private set; }

    public Money CurrentForfeited { get; private set; }

    public Money DraftEarned { get; private set; }

    public Money DraftReversed { get; private set; }

    public Money DraftForfeited { get; private set; }

    public long Distributors { get; private set; }

    /// <summary>The plan versions the real lines were paid under ("3", or "2, 3" when a range spans two).</summary>
    public string? PlanVersions { get; private set; }

    /// <summary>When set, sales before this moment were replayed on the tree as it stood then as far as the history kept tells (see ADR 016).</summary>
    public DateTime? ApproximateBefore { get; private set; }

    public string? HistogramText { get; private set; }

    public Period From => Period.FromKey(FromKey);

    public Period To => Period.FromKey(ToKey);

    public bool IsFinished => Status is SimulationStatus.Done or SimulationStatus.Failed;

    public CommissionPlan Plan => CommissionPlan.Draft(PersonalPercent, Levels, Compression, MinPersonalVolume, new CustomerShareRule(MinCustomerShare, ForfeitBelowCustomerShare));

    public Money CurrentNet => CurrentEarned + CurrentReversed + CurrentForfeited;

    public Money DraftNet => DraftEarned + DraftReversed + DraftForfeited;

    public PayHistogram Histogram => PayHistogram.Parse(HistogramText);

    /// <summary>
    /// Queues a replay of <paramref name="draft"/> on the sales of <paramref name="from"/> to
    /// <paramref name="to"/>. Refused: a range that ends before it starts, is longer than
    /// <see cref="MaxMonths"/>, or holds a month that is not closed (its sales and forfeits are not final).
    /// </summary>
    public static SimulationRun Queue(PlanDraft draft, Period from, Period to, IReadOnlyCollection<Period> closedPeriods, string actor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(closedPeriods);
        if (to < from)
        {
            throw DomainRuleException.Invalid($"The range ends ({to}) before it starts ({from}).", "to");
        }

        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month + 1;
        if (months > MaxMonths)
        {
            throw DomainRuleException.Invalid($"A replay covers at most {MaxMonths} months; {from} to {to} is {months}.", "to");
        }

        for (var month = from; month <= to; month = Period.Of(month.EndsAt))
        {
            if (!closedPeriods.Contains(month))
            {
                throw DomainRuleException.Invalid($"{month} is not closed; only closed months can be replayed.", "from");
            }
        }

        return new SimulationRun
        {
            DraftId = draft.Id,
            DraftName = draft.Name,
            PersonalPercent = draft.PersonalPercent,
            Levels = draft.Levels,
            Compression = draft.Compression,
            MinPersonalVolume = draft.MinPersonalVolume,
            MinCustomerShare = draft.MinCustomerShare,
            ForfeitBelowCustomerShare = draft.ForfeitBelowCustomerShare,
            FromKey = from.Key,
            ToKey = to.Key,
            Status = SimulationStatus.Queued,
            ActiveSlot = 1,
            RequestedAt = now,
            RequestedBy = string.IsNullOrWhiteSpace(actor) ? "system" : actor,
        };
    }

    public void Start(long salesToReplay, DateTime now)
    {
        if (Status != SimulationStatus.Queued)
        {
            throw DomainRuleException.Conflict($"Run {Id} is {Status}; only a queued run starts.");
        }

        Status = SimulationStatus.Running;
        StartedAt = now;
        SalesToReplay = salesToReplay;
    }

    public void Complete(SimulationTotals totals, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(totals);
        if (Status != SimulationStatus.Running)
        {
            throw DomainRuleException.Conflict($"Run {Id} is {Status}; only a running run completes.");
        }

        Status = SimulationStatus.Done;
        ActiveSlot = null;
        FinishedAt = now;
        SalesToReplay = SalesReplayed = totals.SaleCount;
        Sales = totals.Sales;
        (CurrentEarned, CurrentReversed, CurrentForfeited) = (totals.CurrentEarned, totals.CurrentReversed, totals.CurrentForfeited);
        (DraftEarned, DraftReversed, DraftForfeited) = (totals.DraftEarned, totals.DraftReversed, totals.DraftForfeited);
        Distributors = totals.Distributors;
        PlanVersions = totals.PlanVersions;
        ApproximateBefore = totals.ApproximateBefore;
        HistogramText = totals.Histogram.Format();
    }

    /// <summary>Ends the run without results (an error, or the app stopped while it ran); another can then start.</summary>
    public void Fail(string error, DateTime now)
    {
        Status = SimulationStatus.Failed;
        ActiveSlot = null;
        FinishedAt = now;
        var text = string.IsNullOrWhiteSpace(error) ? "failed" : error.Trim();
        Error = text.Length > ErrorMaxLength ? text[..ErrorMaxLength] : text;
    }

    /// <summary>The payout ratio: net commissions as a share of net sales (null when nothing was sold).</summary>
    public static decimal? PayoutRatio(Money commissions, Money sales) =>
        sales > Money.Zero ? Math.Round((decimal)commissions.Cents / sales.Cents, 4) : null;
}
