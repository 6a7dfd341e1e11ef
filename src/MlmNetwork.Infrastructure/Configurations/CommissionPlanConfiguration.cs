using Microsoft.EntityFrameworkCore;
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
        builder.Property(p => p.MinCustomerShare).HasColumnName("min_customer_share_basis_points");
        builder.Property(p => p.CreatedBy).HasMaxLength(256);
        builder.Property(p => p.Levels).HasLevelPercents();
        builder.Ignore(p => p.LevelCount);
        builder.Ignore(p => p.CustomerShare);
    }
}
