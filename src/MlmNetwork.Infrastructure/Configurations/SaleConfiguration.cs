using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class SaleConfiguration : IEntityTypeConfiguration<Sale>
{
    public void Configure(EntityTypeBuilder<Sale> builder)
    {
        builder.ToTable("sales");
        builder.Property(s => s.Total).HasColumnName("total_cents");
        builder.Property(s => s.Base).HasColumnName("base_cents");
        builder.Property(s => s.ExternalId).HasMaxLength(Sale.ExternalIdMaxLength);
        builder.Property(s => s.IdempotencyKey).HasMaxLength(Sale.IdempotencyKeyMaxLength);
        builder.Property(s => s.RequestHash).HasMaxLength(64);
        // The database, not only the application, guarantees a key posts one sale (rule 6).
        builder.HasIndex(s => s.IdempotencyKey).IsUnique();
        builder.Property(s => s.RefundIdempotencyKey).HasMaxLength(Sale.IdempotencyKeyMaxLength);
        builder.HasIndex(s => s.RefundIdempotencyKey).IsUnique();
        // A refund updates the sale only while it is not refunded yet: two refunds cannot both win.
        builder.Property(s => s.RefundedAt).IsConcurrencyToken();
        builder.HasIndex(s => new { s.DistributorId, s.Id });
        builder.HasOne<Distributor>().WithMany().HasForeignKey(s => s.DistributorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CommissionPlan>().WithMany().HasForeignKey(s => s.PlanVersion).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.SaleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Commissions).WithOne().HasForeignKey(l => l.SaleId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(s => s.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(s => s.Commissions).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(s => s.Unpaid).WithOne().HasForeignKey(u => u.SaleId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(s => s.Unpaid).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
