using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Infrastructure.Plans;

namespace MlmNetwork.Infrastructure.Periods;

/// <summary>
/// Closes a calendar month: applies the qualification rules of the plan in force at the month's
/// end (<see cref="CloseRules"/>: below the minimum personal volume, a beneficiary's earned lines of
/// the month are forfeited; below the minimum customer share with the switch on, their downline
/// lines; each with its reason), locks the month, and writes every distributor's statement: the balance at the
/// start (earlier lines minus earlier payouts), the month's lines and payouts, the balance at the
/// end. One transaction.
/// </summary>
public sealed class PeriodClosingService(MlmDbContext db, BusinessClock clock, Ledger.LedgerPartitions partitions, ILogger<PeriodClosingService> logger)
{
    /// <summary>How the reason of a forfeit for the customer share begins (the line page shows it in the reader's language).</summary>
    public const string CustomerShareReasonPrefix = "Customer share";

    public async Task<CommissionPeriod> CloseAsync(Period period, string actor, CancellationToken ct)
    {
        var key = period.Key;
        if (await db.CommissionPeriods.AnyAsync(p => p.Key == key, ct))
        {
            throw DomainRuleException.Conflict($"{period} is already closed.");
        }

        var now = clock.UtcNow;
        var plan = await CommissionPlans.InForceAtAsync(db, period.LastInstant, ct)
            ?? throw DomainRuleException.Invalid($"No commission plan has been set up yet.");

        // The forfeits count in the month closed: its partition exists before the close's transaction.
        await partitions.EnsureAsync([key], ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var closed = CommissionPeriod.Close(period, plan, now, actor);
        db.CommissionPeriods.Add(closed);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            throw DomainRuleException.Conflict($"{period} is already closed.");
        }

        var volumes = await db.DistributorMonthStats.AsNoTracking()
            .Where(s => s.PeriodKey == key)
            .ToDictionaryAsync(s => s.DistributorId, s => new MonthVolume(s.PersonalVolume, s.CustomerVolume), ct);
        var forfeits = await ForfeitUnqualifiedAsync(closed, volumes, now, ct);
        await WriteStatementsAsync(closed, volumes.ToDictionary(v => v.Key, v => v.Value.Personal), ct);
        db.NotificationEvents.Add(Notifications.NotificationEvent.PeriodClosed(key, now)); // statements ready: told after this commits
        db.Audit(actor, "period.close", $"period {period}", $"plan v{plan.Version}, minimum PV {plan.MinPersonalVolume}, minimum customer share {CommissionPlans.AuditShare(plan.MinCustomerShare)}, forfeit below it {plan.ForfeitBelowCustomerShare}, {forfeits:N0} lines forfeited", now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Closed period {Period}: {ForfeitCount} lines forfeited", period.ToString(), forfeits);
        return closed;
    }

    private async Task<int> ForfeitUnqualifiedAsync(CommissionPeriod closed, Dictionary<long, MonthVolume> volumes, DateTime now, CancellationToken ct)
    {
        if (!closed.Rules.Forfeit)
        {
            return 0;
        }

        var key = closed.Key;
        var earned = await db.CommissionLines
            .Where(l => l.PeriodKey == key && l.Kind == CommissionLineKind.Commission)
            .ToListAsync(ct);
        // What remains of each line after partial refunds; a line refunded in full has nothing left to forfeit.
        var cancelled = (await db.CommissionLines.AsNoTracking()
            .Where(c => c.ReversesLineId != null && db.CommissionLines.Any(l => l.Id == c.ReversesLineId && l.PeriodKey == key && l.Kind == CommissionLineKind.Commission))
            .Select(c => new { Cancels = c.ReversesLineId!.Value, c.Amount })
            .ToListAsync(ct))
            .GroupBy(c => c.Cancels)
            .ToDictionary(g => g.Key, g => Money.Sum(g.Select(c => c.Amount)));
        var forfeits = new List<CommissionLine>();
        foreach (var line in earned)
        {
            var volume = volumes.GetValueOrDefault(line.BeneficiaryId);
            var forfeit = closed.Rules.ForfeitOf(line.Level, volume, line.Amount + cancelled.GetValueOrDefault(line.Id));
            switch (forfeit.Cause)
            {
                case ForfeitCause.PersonalVolume:
                    forfeits.Add(line.Forfeit(forfeit.Amount, $"Personal volume {volume.Personal} in {closed.Period} is below the minimum {closed.MinPersonalVolume}", now, closed.Period));
                    break;
                case ForfeitCause.CustomerShare:
                    forfeits.Add(line.Forfeit(forfeit.Amount, $"{CustomerShareReasonPrefix} {volume.CustomerShare?.ToString() ?? "none (no volume)"} of personal volume {volume.Personal} in {closed.Period} is below the minimum {closed.MinCustomerShare} for downline commissions", now, closed.Period));
                    break;
                case ForfeitCause.None:
                    break;
            }
        }

        db.CommissionLines.AddRange(forfeits);
        await db.SaveChangesAsync(ct);
        await Counters.CountLinesAsync(db, forfeits, ct);
        return forfeits.Count;
    }

    private async Task WriteStatementsAsync(CommissionPeriod closed, Dictionary<long, Money> volumes, CancellationToken ct)
    {
        var key = closed.Key;
        var ofPeriod = await RawSql.QueryAsync(
            db,
            "SELECT beneficiary_id, kind, SUM(amount_cents) FROM commission_lines WHERE period_key = @p GROUP BY beneficiary_id, kind",
            r => new { BeneficiaryId = r.Whole(0), Kind = (CommissionLineKind)r.Whole(1), Cents = r.Whole(2) },
            ct,
            ("p", key));
        var before = (await RawSql.QueryAsync(
            db,
            "SELECT distributor_id, SUM(amount_cents) FROM distributor_earnings WHERE period_key < @p GROUP BY distributor_id",
            r => (Id: r.Whole(0), Cents: r.Whole(1)),
            ct,
            ("p", key))).ToDictionary(r => r.Id, r => r.Cents);
        var paid = await RawSql.QueryAsync(
            db,
            "SELECT distributor_id, CASE WHEN period_key < @p THEN 0 ELSE 1 END, SUM(amount_cents) FROM payouts WHERE period_key <= @p GROUP BY distributor_id, CASE WHEN period_key < @p THEN 0 ELSE 1 END",
            r => (Id: r.Whole(0), InPeriod: r.Whole(1) == 1, Cents: r.Whole(2)),
            ct,
            ("p", key));
        var paidBefore = paid.Where(p => !p.InPeriod).ToDictionary(p => p.Id, p => p.Cents);
        var paidIn = paid.Where(p => p.InPeriod).ToDictionary(p => p.Id, p => p.Cents);

        var ids = ofPeriod.Select(l => l.BeneficiaryId).Concat(before.Keys).Concat(paidBefore.Keys).Concat(paidIn.Keys).Distinct();
        foreach (var id in ids)
        {
            Money Sum(CommissionLineKind kind) => new(ofPeriod.Where(l => l.BeneficiaryId == id && l.Kind == kind).Sum(l => l.Cents));
            var opening = new Money(before.GetValueOrDefault(id)) - new Money(paidBefore.GetValueOrDefault(id));
            var (earned, reversed, forfeited) = (Sum(CommissionLineKind.Commission), Sum(CommissionLineKind.Reversal), Sum(CommissionLineKind.Forfeit));
            var paidInPeriod = new Money(paidIn.GetValueOrDefault(id));
            if (opening == Money.Zero && earned == Money.Zero && reversed == Money.Zero && forfeited == Money.Zero && paidInPeriod == Money.Zero)
            {
                continue;
            }

            var volume = volumes.GetValueOrDefault(id);
            db.Statements.Add(Statement.For(closed.Period, id, opening, earned, reversed, forfeited, paidInPeriod, volume, closed.Qualifies(volume)));
        }
    }
}
