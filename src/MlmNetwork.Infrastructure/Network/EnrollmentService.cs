using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Notifications;
using MlmNetwork.Infrastructure.Onboarding;
using MlmNetwork.Infrastructure.Plans;

namespace MlmNetwork.Infrastructure.Network;

/// <summary>
/// Who joins, under which sponsor code, with which starter kit (ordered on joining), having
/// accepted which version of the terms (the version they were shown); <paramref name="JoinedAt"/>
/// back-dates the join (the demo network only), otherwise it is now.
/// </summary>
public sealed record Enrolment(string Name, string Email, string? SponsorReferralCode, long? StarterKitId = null, int? AcceptedTermsVersion = null, DateTime? JoinedAt = null);

/// <summary>Places new distributors in the sponsor tree and keeps the tree's counters.</summary>
public sealed class EnrollmentService(MlmDbContext db, UserManager<ApplicationUser> users, BusinessClock clock, ILogger<EnrollmentService> logger)
{
    /// <summary>
    /// The sponsor a referral code names; no code means the house account. A code that is
    /// malformed or unknown is refused (NotFound), so the caller can offer the house instead.
    /// </summary>
    public async Task<Distributor> SponsorForAsync(string? referralCode, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(referralCode))
        {
            return await db.Distributors.SingleAsync(d => d.IsHouse, ct);
        }

        return await Sponsors.ByReferralCodeAsync(db, referralCode, ct);
    }

    /// <summary>
    /// Enrols a distributor under the sponsor the code names, with a login when a password is
    /// given, in one transaction. Signing up pays nobody (rule 9). A person who signs up with a
    /// password must accept the terms in force (when the company has published any); the
    /// acceptance is recorded with the time. A chosen starter kit becomes the recruit's first
    /// order in the same transaction: a sale that pays nobody and counts for no volume.
    /// </summary>
    public async Task<Distributor> EnrollAsync(Enrolment enrolment, string? password, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        var email = Distributor.CleanEmail(enrolment.Email);
        var name = Distributor.CleanName(enrolment.Name);
        var sponsor = await SponsorForAsync(enrolment.SponsorReferralCode, ct);
        if (await db.Distributors.AnyAsync(d => d.Email == email, ct))
        {
            throw DomainRuleException.Conflict($"A distributor with that email already exists.", "email");
        }

        var now = enrolment.JoinedAt ?? clock.UtcNow;
        var terms = await db.TermsVersions.AsNoTracking().OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
        if (terms is not null && (password is not null || enrolment.AcceptedTermsVersion is not null))
        {
            // Checked before anything is written; recorded below once the distributor has an id.
            TermsAcceptance.Accept(0, terms, enrolment.AcceptedTermsVersion, now);
        }

        var (kit, kitProducts) = enrolment.StarterKitId is { } kitId ? await StarterKits.ForOrderAsync(db, kitId, ct) : (null, null);
        var plan = kit is null ? null : await CommissionPlans.InForceAtAsync(db, now, ct) ?? throw DomainRuleException.Invalid($"No commission plan has been set up yet.");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var distributor = Distributor.Join(sponsor, name, email, await NewReferralCodeAsync(ct), now, kit?.Id);
        if (password is not null)
        {
            // The address is confirmed by the link the welcome e-mail carries (ADR 010); logging in does not wait for it.
            var user = new ApplicationUser { UserName = email, Email = email, DisplayName = name, PreferredCulture = SignUpLanguage() };
            var created = await users.CreateAsync(user, password);
            if (created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName"))
            {
                throw DomainRuleException.Conflict($"An account with that email already exists.", "email");
            }

            if (!created.Succeeded)
            {
                throw new DomainRuleException(RuleBreach.Invalid, string.Join(" ", created.Errors.Select(e => e.Description)), "password");
            }

            await users.AddToRoleAsync(user, Roles.Distributor);
            distributor.LinkLogin(user.Id);
        }

        db.Distributors.Add(distributor);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            throw DomainRuleException.Conflict($"A distributor with that email already exists.", "email");
        }

        if (terms is not null && (password is not null || enrolment.AcceptedTermsVersion is not null))
        {
            db.TermsAcceptances.Add(TermsAcceptance.Accept(distributor.Id, terms, enrolment.AcceptedTermsVersion, now));
        }

        Sale? kitOrder = null;
        if (kit is not null)
        {
            kitOrder = Sale.RecordStarterKit(kit, kitProducts!, distributor, plan!.Version, BusinessClock.Microseconds(now));
            db.Sales.Add(kitOrder);
            // The company's sale in the network's month; nobody's volume (Counters knows).
            await Counters.CountSaleAsync(db, kitOrder, ct);
        }

        await NetworkSql.CountRecruitAsync(db, distributor, ct);
        await NetworkCounters.CountJoinAsync(db, distributor, ct);
        // Tells the upline and welcomes the recruit (with the e-mail confirmation link), after this commits.
        db.NotificationEvents.Add(NotificationEvent.Enrolled(distributor.Id, clock.UtcNow));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Enrolled distributor {DistributorId} under sponsor {SponsorId}", distributor.Id, sponsor.Id);
        if (kitOrder is not null)
        {
            logger.LogInformation("Starter kit {StarterKitId} ordered by distributor {DistributorId} as sale {SaleId}: no commission, no volume", kit!.Id, distributor.Id, kitOrder.Id);
        }
        return distributor;
    }

    /// <summary>Someone who signs up in Russian gets their e-mails in Russian; English, the default, needs no choice.</summary>
    private static string? SignUpLanguage() =>
        System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ru" ? "ru-RU" : null;

    private async Task<string> NewReferralCodeAsync(CancellationToken ct)
    {
        for (var i = 0; i < 10; i++)
        {
            var code = ReferralCode.New();
            if (!await db.Distributors.AnyAsync(d => d.ReferralCode == code, ct))
            {
                return code;
            }
        }

        throw new InvalidOperationException("Could not find a free referral code.");
    }
}
