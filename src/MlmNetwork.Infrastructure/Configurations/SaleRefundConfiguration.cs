using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class SaleRefundConfiguration : IEntityTypeConfiguration<SaleRefund>
{
    public void Configure(EntityTypeBuilder<SaleRefund> builder)
    {
        builder.ToTable("sale_refunds");
        builder.Property(r => r.Total).HasColumnName("total_cents");
        builder.Property(r => r.Base).HasColumnName("base_cents");
        builder.Property(r => r.IdempotencyKey).HasMaxLength(Sale.IdempotencyKeyMaxLength);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.Description).HasMaxLength(SaleRefund.DescriptionMaxLength);
        // The database, not only the application, guarantees a key refunds once (rule 6).
        builder.HasIndex(r => r.IdempotencyKey).IsUnique();
        builder.HasMany(r => r.Reversals).WithOne().HasForeignKey(l => l.SaleRefundId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(r => r.Reversals).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
