using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Periods;

/// <summary>A statement with what has been paid against it so far.</summary>
public sealed record StatementView(Statement Statement, Money Paid)
{
    public Money Closing => Statement.ClosingAtClose - Paid;

    /// <summary>What is still to pay on this statement (nothing when the balance is negative).</summary>
    public Money Due => Closing > Money.Zero ? Closing : Money.Zero;
}

public static class StatementQueries
{
    /// <summary>The statements with the payouts recorded against each.</summary>
    public static async Task<IReadOnlyList<StatementView>> WithPaymentsAsync(MlmDbContext db, IReadOnlyList<Statement> statements, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(statements);
        var ids = statements.Select(s => s.Id).ToList();
        var payouts = await db.Payouts.AsNoTracking().Where(p => ids.Contains(p.StatementId)).Select(p => new { p.StatementId, p.Amount }).ToListAsync(ct);
        var paid = payouts.GroupBy(p => p.StatementId).ToDictionary(g => g.Key, g => Money.Sum(g.Select(p => p.Amount)));
        return [.. statements.Select(s => new StatementView(s, paid.GetValueOrDefault(s.Id)))];
    }
}
