using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Onboarding;

/// <summary>The terms and policies: the version in force, who accepted it, publishing a new version (audited).</summary>
public static class TermsStore
{
    public static Task<TermsVersion?> InForceAsync(MlmDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.TermsVersions.AsNoTracking().OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The version in force when <paramref name="distributorId"/> has not accepted it yet; null
    /// when they have, or when no terms are published. One indexed look-up (it runs on every
    /// page a distributor opens).
    /// </summary>
    public static async Task<int?> PendingForAsync(MlmDbContext db, long distributorId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var latest = await db.TermsVersions.AsNoTracking()
            .OrderByDescending(t => t.Version)
            .Select(t => new { t.Version, Accepted = db.TermsAcceptances.Any(a => a.DistributorId == distributorId && a.Version == t.Version) })
            .FirstOrDefaultAsync(ct);
        return latest is { Accepted: false } ? latest.Version : null;
    }

    /// <summary>Records that the distributor accepted the version they were shown (which must be the one in force); accepting twice records it once.</summary>
    public static async Task<TermsVersion> AcceptAsync(MlmDbContext db, long distributorId, int? shownVersion, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var inForce = await InForceAsync(db, ct) ?? throw DomainRuleException.NotFound($"No terms have been published yet.");
        var acceptance = TermsAcceptance.Accept(distributorId, inForce, shownVersion, now);
        if (await db.TermsAcceptances.AnyAsync(a => a.DistributorId == distributorId && a.Version == inForce.Version, ct))
        {
            return inForce;
        }

        db.TermsAcceptances.Add(acceptance);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear(); // accepted in another tab at the same moment: recorded once
        }

        return inForce;
    }

    /// <summary>
    /// Publishes the next version (English text, optional Russian text), in force from now, written
    /// by an admin who saw <paramref name="basedOnVersion"/> as the latest; every distributor is
    /// asked to accept it. Refused when another version was published since. Audited.
    /// </summary>
    public static async Task<TermsVersion> PublishAsync(MlmDbContext db, int? basedOnVersion, string body, string? russianBody, string? changeNote, string actor, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var latest = await InForceAsync(db, ct);
        var version = TermsVersion.Publish(latest, basedOnVersion, body, russianBody, changeNote, now, actor);
        db.TermsVersions.Add(version);
        if (version.ChangeNote is { } note)
        {
            db.Audit(actor, "terms.publish", $"terms v{version.Version}", $"{version.Body.Length} characters, Russian {version.RussianBody?.Length ?? 0}: {note}", now);
        }
        else
        {
            db.Audit(actor, "terms.publish", $"terms v{version.Version}", $"{version.Body.Length} characters, Russian {version.RussianBody?.Length ?? 0}", now);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            throw DomainRuleException.Conflict($"Another admin published version {version.Version} at the same moment; look at it before publishing yours.", "basedOn");
        }

        return version;
    }
}
