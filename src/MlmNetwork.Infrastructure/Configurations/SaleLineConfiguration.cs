using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class SaleLineConfiguration : IEntityTypeConfiguration<SaleLine>
{
    public void Configure(EntityTypeBuilder<SaleLine> builder)
    {
        builder.ToTable("sale_lines");
        builder.Property(l => l.Sku).HasMaxLength(Product.SkuMaxLength);
        builder.Property(l => l.ProductName).HasMaxLength(Product.NameMaxLength);
        builder.Property(l => l.UnitPrice).HasColumnName("unit_price_cents");
        builder.Property(l => l.UnitCommissionBase).HasColumnName("unit_commission_base_cents");
        builder.Property(l => l.RefundedQuantity).HasDefaultValue(0);
        builder.Ignore(l => l.RemainingQuantity);
        builder.Ignore(l => l.LineTotal);
        builder.Ignore(l => l.LineBase);
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}
