using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class EarnerTotalConfiguration : IEntityTypeConfiguration<EarnerTotal>
{
    public void Configure(EntityTypeBuilder<EarnerTotal> builder)
    {
        builder.ToTable("earner_totals");
        builder.HasKey(e => e.DistributorId);
        builder.Property(e => e.DistributorId).ValueGeneratedNever();
        builder.Property(e => e.Amount).HasColumnName("amount_cents");
        builder.HasIndex(e => new { e.Amount, e.DistributorId }).IsDescending(true, false);
        builder.HasOne<Distributor>().WithMany().HasForeignKey(e => e.DistributorId).OnDelete(DeleteBehavior.Restrict);
    }
}
