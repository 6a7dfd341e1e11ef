using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class CommissionPeriodConfiguration : IEntityTypeConfiguration<CommissionPeriod>
{
    public void Configure(EntityTypeBuilder<CommissionPeriod> builder)
    {
        builder.ToTable("commission_periods");
        builder.HasKey(p => p.Key);
        builder.Property(p => p.Key).HasColumnName("period_key").ValueGeneratedNever();
        builder.Property(p => p.ClosedBy).HasMaxLength(256);
        builder.Property(p => p.MinPersonalVolume).HasColumnName("min_personal_volume_cents");
        builder.Property(p => p.MinCustomerShare).HasColumnName("min_customer_share_basis_points");
        builder.Ignore(p => p.Period);
        builder.Ignore(p => p.CustomerShare);
    }
}
