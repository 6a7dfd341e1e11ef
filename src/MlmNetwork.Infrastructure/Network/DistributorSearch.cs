using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Network;

/// <summary>
/// Finding distributors by what an admin types: a part of the name or e-mail in any case and
/// script (Ирина, ИРИНА, irina@), a referral code, or an id (digits, with or without #: the id or a referral code only).
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

        var code = query.ToUpperInvariant();
        if (long.TryParse(query.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return distributors.Where(d => d.Id == id || d.ReferralCode == code);
        }

        var pattern = "%" + Distributor.Fold(query).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        return distributors.Where(d => EF.Functions.Like(d.SearchKey, pattern, "\\") || d.ReferralCode == code);
    }
}
