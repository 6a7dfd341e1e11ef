using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class DistributorEarningsConfiguration : IEntityTypeConfiguration<DistributorEarnings>
{
    public void Configure(EntityTypeBuilder<DistributorEarnings> builder)
    {
        builder.ToTable("distributor_earnings");
        builder.HasKey(e => new { e.DistributorId, e.PeriodKey, e.Level });
        builder.Property(e => e.Amount).HasColumnName("amount_cents");
        // The retail report reads one month of everybody's earnings by level.
        builder.HasIndex(e => e.PeriodKey);
        builder.HasOne<Distributor>().WithMany().HasForeignKey(e => e.DistributorId).OnDelete(DeleteBehavior.Restrict);
    }
}
