using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Network;

/// <summary>Admin actions on a distributor: status changes and sponsor moves, each audited with its reason.</summary>
public sealed class DistributorAdministration(MlmDbContext db, UserManager<ApplicationUser> users, BusinessClock clock, ILogger<DistributorAdministration> logger)
{
    public const int ReasonMaxLength = AuditLog.ReasonMaxLength;

    /// <summary>
    /// Sets the status. Terminating also ends the distributor's sessions at once (their
    /// security stamp changes) and locks their login for good.
    /// </summary>
    public async Task<Distributor> ChangeStatusAsync(long id, DistributorStatus status, string? reason, string actor, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var distributor = await db.Distributors.FirstOrDefaultAsync(d => d.Id == id, ct)
            ?? throw DomainRuleException.NotFound($"No distributor has id {id}.");
        var before = distributor.Status;
        if (!distributor.ChangeStatus(status, clock.UtcNow))
        {
            return distributor;
        }

        db.NotificationEvents.Add(Notifications.NotificationEvent.StatusChanged(id, before, status, clock.UtcNow)); // told after this commits
        db.DistributorChanges.Add(DistributorChange.StatusChanged(id, before, status, clock.UtcNow));
        db.Audit(actor, "distributor.status", $"distributor {id}", $"{before} -> {status}: {AuditLog.Reason(reason)}", clock.UtcNow);
        await db.SaveChangesAsync(ct);
        await NetworkCounters.CountStatusChangeAsync(db, distributor.Depth, before, status, ct);
        await transaction.CommitAsync(ct);
        if (status == DistributorStatus.Terminated && distributor.UserId is not null && await users.FindByIdAsync(distributor.UserId) is { } user)
        {
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user);
        }

        logger.LogInformation("Distributor {DistributorId} is now {Status} (was {Before})", id, status, before);
        return distributor;
    }

    /// <summary>
    /// Moves a distributor, with their whole downline, under the sponsor a referral code names
    /// (rule 8): a cycle is refused; lines already posted are not touched, and the next sales
    /// follow the new upline. The tree's counters move with the subtree.
    /// </summary>
    public async Task<Distributor> MoveAsync(long id, string newSponsorReferralCode, string? reason, string actor, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var distributor = await db.Distributors.FirstOrDefaultAsync(d => d.Id == id, ct)
            ?? throw DomainRuleException.NotFound($"No distributor has id {id}.");
        var sponsor = await Sponsors.ByReferralCodeAsync(db, newSponsorReferralCode, ct);

        var oldSponsorId = distributor.SponsorId;
        if (oldSponsorId == sponsor.Id)
        {
            return distributor;
        }

        var sponsorUpline = await NetworkSql.FullUplineAsync(db, sponsor.Id, ct);
        var oldDepth = distributor.Depth;
        distributor.MoveTo(sponsor, sponsorUpline.Select(m => m.DistributorId));
        db.DistributorChanges.Add(DistributorChange.SponsorChanged(id, oldSponsorId, sponsor.Id, clock.UtcNow));
        db.Audit(actor, "distributor.move", $"distributor {id}", $"sponsor {oldSponsorId} -> {sponsor.Id}: {AuditLog.Reason(reason)}", clock.UtcNow);
        await db.SaveChangesAsync(ct);

        await NetworkSql.MoveTeamAsync(db, distributor, oldSponsorId!.Value, oldDepth, ct);
        await NetworkCounters.CountMoveAsync(db, distributor.Id, distributor.Depth - oldDepth, ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Moved distributor {DistributorId} and {DownlineCount} below from sponsor {OldSponsorId} to {SponsorId}", id, distributor.DownlineCount, oldSponsorId, sponsor.Id);
        return distributor;
    }
}
