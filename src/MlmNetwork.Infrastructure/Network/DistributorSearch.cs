using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Network;

/// <summary>
/// Finding distributors by what an admin types: a part of the name or e-mail in any case and
/// script (Ирина, ИРИНА, irina@), a referral code, or an id.
/// </summary>
public static class DistributorSearch
{
    public static IQueryable<Distributor> Matching(IQueryable<Distributor> distributors, string? text)
    {
        ArgumentNullException.ThrowIfNull(distributors);
        var query = text?.Trim();
        if (string.IsNullOrEmpty(query))
        {
            return distributors;
        }

        var pattern = "%" + Distributor.Fold(query).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var code = query.ToUpperInvariant();
        var id = long.TryParse(query.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1;
        return distributors.Where(d => EF.Functions.Like(d.SearchKey, pattern, "\\") || d.ReferralCode == code || d.Id == id);
    }
}
