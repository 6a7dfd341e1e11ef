using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class PayoutRunItemConfiguration : IEntityTypeConfiguration<PayoutRunItem>
{
    public void Configure(EntityTypeBuilder<PayoutRunItem> builder)
    {
        builder.ToTable("payout_run_items");
        builder.Property(i => i.Amount).HasColumnName("amount_cents");
        builder.HasIndex(i => new { i.PayoutRunId, i.DistributorId }).IsUnique();
        builder.HasOne<Distributor>().WithMany().HasForeignKey(i => i.DistributorId).OnDelete(DeleteBehavior.Restrict);
    }
}
