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
        builder.HasIndex(s => new { s.DistributorId, s.Id });
        builder.HasOne<Distributor>().WithMany().HasForeignKey(s => s.DistributorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CommissionPlan>().WithMany().HasForeignKey(s => s.PlanVersion).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.SaleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Commissions).WithOne().HasForeignKey(l => l.SaleId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(s => s.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(s => s.Commissions).UsePropertyAccessMode(PropertyAccessMode.Field);
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
        builder.HasIndex(l => new { l.BeneficiaryId, l.Id });
        builder.HasOne<Distributor>().WithMany().HasForeignKey(l => l.BeneficiaryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CommissionPlan>().WithMany().HasForeignKey(l => l.PlanVersion).OnDelete(DeleteBehavior.Restrict);
    }
}
