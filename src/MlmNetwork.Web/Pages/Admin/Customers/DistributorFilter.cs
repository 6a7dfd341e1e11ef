using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Customers;

/// <summary>The admin's "distributor" filter: a distributor's number or referral code, as typed.</summary>
public static class DistributorFilter
{
    /// <summary>The distributor the text names; null when it is empty; (0, name) never: an unknown one is (null, true).</summary>
    public static async Task<(Distributor? Distributor, bool Unknown)> FindAsync(MlmDbContext db, string? text, CancellationToken ct)
    {
        var typed = text?.Trim();
        if (string.IsNullOrEmpty(typed))
        {
            return (null, false);
        }

        Distributor? found;
        if (long.TryParse(typed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            found = await db.Distributors.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        }
        else
        {
            var code = ReferralCode.Normalize(typed);
            found = code is null ? null : await db.Distributors.AsNoTracking().FirstOrDefaultAsync(d => d.ReferralCode == code, ct);
        }

        return (found, found is null);
    }
}
