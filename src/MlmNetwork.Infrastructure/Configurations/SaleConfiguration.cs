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
        // Every refund writes "WHERE refund_count = <as read>": of two refunds at once, one wins
        // and the other is refused, so a sale is never refunded past what it sold.
        builder.Property(s => s.RefundCount).HasDefaultValue(0).IsConcurrencyToken();
        builder.HasMany(s => s.Refunds).WithOne().HasForeignKey(r => r.SaleId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(s => s.Refunds).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(s => new { s.DistributorId, s.Id });
        // The admin's sales list, newest first, by period and by refund state, read in index order.
        builder.HasIndex(s => new { s.CreatedAt, s.Id });
        builder.HasIndex(s => new { s.CreatedAt, s.Id }, "ix_sales_refunded").HasDatabaseName("ix_sales_refunded").HasFilter("refund_count > 0");
        builder.HasOne<StarterKit>().WithMany().HasForeignKey(s => s.StarterKitId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(s => s.IsStarterKitOrder);
        builder.Ignore(s => s.CountsAsVolume);
        builder.Ignore(s => s.IsPersonalUse);
        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);
        // A customer's sales, newest first; partial, as most sales of the past are personal use.
        builder.HasIndex(s => new { s.CustomerId, s.Id }).HasFilter("customer_id IS NOT NULL");
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
