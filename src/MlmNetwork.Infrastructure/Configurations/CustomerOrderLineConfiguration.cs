using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class CustomerOrderLineConfiguration : IEntityTypeConfiguration<CustomerOrderLine>
{
    public void Configure(EntityTypeBuilder<CustomerOrderLine> builder)
    {
        builder.ToTable("customer_order_lines");
        builder.Property(l => l.Sku).HasMaxLength(Product.SkuMaxLength);
        builder.Property(l => l.ProductName).HasMaxLength(Product.NameMaxLength);
        builder.Property(l => l.UnitPrice).HasColumnName("unit_price_cents");
        builder.Property(l => l.UnitCommissionBaseCents).HasColumnName("unit_commission_base_cents");
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}
