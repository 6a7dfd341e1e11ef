using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Network;

public static class Sponsors
{
    /// <summary>
    /// The distributor a referral code names, for joining or moving under them. A malformed or
    /// unknown code is NotFound; a terminated distributor cannot sponsor anybody.
    /// </summary>
    public static async Task<Distributor> ByReferralCodeAsync(MlmDbContext db, string? referralCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var code = ReferralCode.Normalize(referralCode);
        var sponsor = (code is null ? null : await db.Distributors.FirstOrDefaultAsync(d => d.ReferralCode == code, ct))
            ?? throw DomainRuleException.NotFound($"No distributor has that referral code.", "sponsorReferralCode");
        return sponsor.Status == DistributorStatus.Terminated
            ? throw DomainRuleException.Invalid($"A terminated distributor cannot sponsor anybody.", "sponsorReferralCode")
            : sponsor;
    }
}
