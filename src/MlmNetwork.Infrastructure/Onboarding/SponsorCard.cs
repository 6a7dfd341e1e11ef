using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Onboarding;

/// <summary>
/// Who a recruit can turn to: their sponsor's name, e-mail address, phone (only when the sponsor
/// chose to show it to their recruits: anybody can join through a public referral link) and
/// referral code, or the company when they joined directly under the house account (<see cref="IsCompany"/>).
/// </summary>
public sealed record SponsorCard(bool IsCompany, string Name, string Email, string ReferralCode, string? Phone)
{
    /// <summary>The card of <paramref name="distributor"/>'s sponsor; null for the house account, which has none.</summary>
    public static async Task<SponsorCard?> ForAsync(MlmDbContext db, Distributor distributor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(distributor);
        if (distributor.SponsorId is not { } sponsorId)
        {
            return null;
        }

        return await db.Distributors.AsNoTracking()
            .Where(d => d.Id == sponsorId)
            .Select(d => new SponsorCard(d.IsHouse, d.Name, d.Email, d.ReferralCode, d.SharesPhoneWithRecruits ? d.Phone : null))
            .FirstOrDefaultAsync(ct);
    }
}
