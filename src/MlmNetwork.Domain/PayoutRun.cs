namespace MlmNetwork.Domain;

/// <summary>
/// A payout run: everything earned up to a closed month that reaches the minimum payout,
/// proposed per distributor, exported, then confirmed as paid or cancelled as a whole
/// (docs/rules.md, "Payout run"). A confirmed run never changes, and what it paid is never
/// paid again: each confirmation checks every item against what is payable at that moment.
/// </summary>
public sealed class PayoutRun
{
    private readonly List<PayoutRunItem> items = [];

    private PayoutRun()
    {
        ProposedBy = string.Empty;
    }

    public long Id { get; private set; }

    public int UpToPeriodKey { get; private set; }

    public PayoutRunStatus Status { get; private set; }

    public Money MinimumPayout { get; private set; }

    public Money Total { get; private set; }

    public int ItemCount { get; private set; }

    public DateTime ProposedAt { get; private set; }

    public string ProposedBy { get; private set; }

    public DateOnly? PaidOn { get; private set; }

    public string? Reference { get; private set; }

    /// <summary>When it was confirmed or cancelled.</summary>
    public DateTime? ClosedAt { get; private set; }

    public string? ClosedBy { get; private set; }

    public IReadOnlyList<PayoutRunItem> Items => items;

    public Period UpTo => Period.FromKey(UpToPeriodKey);

    /// <summary>
    /// Proposes to pay every distributor whose payable balance up to <paramref name="upTo"/>
    /// reaches the minimum; the others carry over. The month must be closed.
    /// </summary>
    public static PayoutRun Propose(Period upTo, bool upToClosed, Money minimumPayout, IEnumerable<KeyValuePair<long, PayableBalance>> balances, DateTime now, string actor)
    {
        ArgumentNullException.ThrowIfNull(balances);
        if (!upToClosed)
        {
            throw DomainRuleException.Invalid($"{upTo} is not closed yet; a payout run pays months that are closed.", "upTo");
        }

        if (minimumPayout < Money.Zero)
        {
            throw DomainRuleException.Invalid($"The minimum payout cannot be negative.", "minimumPayout");
        }

        var run = new PayoutRun
        {
            UpToPeriodKey = upTo.Key,
            Status = PayoutRunStatus.Proposed,
            MinimumPayout = minimumPayout,
            ProposedAt = now,
            ProposedBy = actor,
        };
        foreach (var (distributorId, balance) in balances.OrderBy(b => b.Key))
        {
            var payable = balance.Payable;
            if (payable > Money.Zero && payable >= minimumPayout)
            {
                run.items.Add(new PayoutRunItem(distributorId, payable));
            }
        }

        if (run.items.Count == 0)
        {
            throw DomainRuleException.Invalid($"Nobody has a payable balance up to {upTo} that reaches the minimum payout of {minimumPayout}; there is nothing to pay.", "upTo");
        }

        run.Total = Money.Sum(run.items.Select(i => i.Amount));
        run.ItemCount = run.items.Count;
        return run;
    }

    /// <summary>
    /// Confirms the run as paid: one payout per item, each refused if it would pay more than the
    /// distributor's payable balance at this moment (<paramref name="balancesNow"/>, read in the
    /// same transaction). All or nothing.
    /// </summary>
    public IReadOnlyList<Payout> Confirm(DateOnly paidOn, string reference, IReadOnlyDictionary<long, PayableBalance> balancesNow, DateTime now, string actor)
    {
        ArgumentNullException.ThrowIfNull(balancesNow);
        EnsureOpen();
        var cleanReference = PaymentDetails.CheckReference(reference);
        PaymentDetails.CheckPaidOn(paidOn, UpTo, now);
        var payouts = items
            .Select(i => Payout.Record(i.DistributorId, i.Amount, balancesNow.GetValueOrDefault(i.DistributorId), UpTo, Id, paidOn, cleanReference, now, actor))
            .ToList();
        Status = PayoutRunStatus.Confirmed;
        PaidOn = paidOn;
        Reference = cleanReference;
        ClosedAt = now;
        ClosedBy = actor;
        return payouts;
    }

    /// <summary>Cancels the whole run: nothing was paid, and the balances stay to be paid by a later run.</summary>
    public void Cancel(DateTime now, string actor)
    {
        EnsureOpen();
        Status = PayoutRunStatus.Cancelled;
        ClosedAt = now;
        ClosedBy = actor;
    }

    private void EnsureOpen()
    {
        if (Status != PayoutRunStatus.Proposed)
        {
            throw DomainRuleException.Conflict($"Payout run #{Id} is already {Status}; it cannot change any more.");
        }
    }
}
