using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class CommissionPlanConfiguration : IEntityTypeConfiguration<CommissionPlan>
{
    public void Configure(EntityTypeBuilder<CommissionPlan> builder)
    {
        builder.ToTable("commission_plans");
        builder.HasKey(p => p.Version);
        builder.Property(p => p.Version).ValueGeneratedNever();
        builder.Property(p => p.PersonalPercent).HasColumnName("personal_basis_points");
        builder.Property(p => p.MinPersonalVolume).HasColumnName("min_personal_volume_cents");
        builder.Property(p => p.CreatedBy).HasMaxLength(256);
        // Level percents in basis points, comma separated ("500,300,200"): the same on every provider.
        builder.Property(p => p.Levels)
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
        builder.Ignore(p => p.LevelCount);
    }
}
