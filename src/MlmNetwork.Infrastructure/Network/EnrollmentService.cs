using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Notifications;

namespace MlmNetwork.Infrastructure.Network;

public sealed record Enrolment(string Name, string Email, string? SponsorReferralCode, long? StarterKitProductId = null);

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
    /// given, in one transaction. Signing up pays nobody (rule 9).
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

        if (enrolment.StarterKitProductId is { } kitId
            && !await db.Products.AnyAsync(p => p.Id == kitId && p.IsStarterKit && p.IsActive, ct))
        {
            throw DomainRuleException.Invalid($"That starter kit is not offered.", "starterKitProductId");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var distributor = Distributor.Join(sponsor, name, email, await NewReferralCodeAsync(ct), clock.UtcNow, enrolment.StarterKitProductId);
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

        await NetworkSql.CountRecruitAsync(db, sponsor.Id, ct);
        // Tells the upline and welcomes the recruit (with the e-mail confirmation link), after this commits.
        db.NotificationEvents.Add(NotificationEvent.Enrolled(distributor.Id, clock.UtcNow));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Enrolled distributor {DistributorId} under sponsor {SponsorId}", distributor.Id, sponsor.Id);
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
