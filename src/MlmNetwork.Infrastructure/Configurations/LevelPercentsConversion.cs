using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

/// <summary>How a plan's level percents are stored, for plan versions, drafts and simulation runs alike.</summary>
internal static class LevelPercentsConversion
{
    /// <summary>Level percents in basis points, comma separated ("500,300,200"): the same on every provider.</summary>
    public static PropertyBuilder<IReadOnlyList<Percent>> HasLevelPercents(this PropertyBuilder<IReadOnlyList<Percent>> property) =>
        property
            .HasColumnName("level_basis_points")
            .HasMaxLength(CommissionPlan.MaxLevels * 6)
            .HasConversion(
                levels => string.Join(',', levels.Select(l => l.BasisPoints.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                text => text.Length == 0
                    ? new List<Percent>()
                    : text.Split(',', StringSplitOptions.None).Select(b => new Percent(int.Parse(b, System.Globalization.CultureInfo.InvariantCulture))).ToList(),
                new ValueComparer<IReadOnlyList<Percent>>(
                    (a, b) => a!.SequenceEqual(b!),
                    levels => levels.Aggregate(0, (hash, l) => HashCode.Combine(hash, l.BasisPoints)),
                    levels => levels.ToList()));
}
