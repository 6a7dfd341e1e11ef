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

internal sealed class SaleLineConfiguration : IEntityTypeConfiguration<SaleLine>
{
    public void Configure(EntityTypeBuilder<SaleLine> builder)
    {
        builder.ToTable("sale_lines");
        builder.Property(l => l.Sku).HasMaxLength(Product.SkuMaxLength);
        builder.Property(l => l.ProductName).HasMaxLength(Product.NameMaxLength);
        builder.Property(l => l.UnitPrice).HasColumnName("unit_price_cents");
        builder.Property(l => l.UnitCommissionBase).HasColumnName("unit_commission_base_cents");
        builder.Ignore(l => l.LineTotal);
        builder.Ignore(l => l.LineBase);
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CommissionLineConfiguration : IEntityTypeConfiguration<CommissionLine>
{
    public void Configure(EntityTypeBuilder<CommissionLine> builder)
    {
        builder.ToTable("commission_lines");
        builder.Property(l => l.Amount).HasColumnName("amount_cents");
        builder.Property(l => l.Percent).HasColumnName("basis_points");
        builder.Property(l => l.Reason).HasMaxLength(CommissionLine.ReasonMaxLength);
        builder.HasIndex(l => new { l.BeneficiaryId, l.Id });
        builder.HasIndex(l => new { l.PeriodKey, l.BeneficiaryId });
        // A line is reversed at most once and forfeited at most once, whatever the retries.
        builder.HasIndex(l => new { l.ReversesLineId, l.Kind }).IsUnique();
        builder.HasOne<CommissionLine>().WithMany().HasForeignKey(l => l.ReversesLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Distributor>().WithMany().HasForeignKey(l => l.BeneficiaryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CommissionPlan>().WithMany().HasForeignKey(l => l.PlanVersion).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SaleUnpaidMemberConfiguration : IEntityTypeConfiguration<SaleUnpaidMember>
{
    public void Configure(EntityTypeBuilder<SaleUnpaidMember> builder)
    {
        builder.ToTable("sale_unpaid_members");
        builder.HasOne<Distributor>().WithMany().HasForeignKey(u => u.DistributorId).OnDelete(DeleteBehavior.Restrict);
    }
}
