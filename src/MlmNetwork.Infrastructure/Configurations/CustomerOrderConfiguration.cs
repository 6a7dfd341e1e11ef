using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class CustomerOrderConfiguration : IEntityTypeConfiguration<CustomerOrder>
{
    public void Configure(EntityTypeBuilder<CustomerOrder> builder)
    {
        builder.ToTable("customer_orders");
        builder.Property(o => o.Total).HasColumnName("total_cents");
        // "WHERE state = <as read>": of two changes at once (two clicks on Paid, Paid and Cancel), one is written.
        builder.Property(o => o.State).IsConcurrencyToken();
        builder.Ignore(o => o.SaleKey);
        builder.HasOne<Distributor>().WithMany().HasForeignKey(o => o.DistributorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Sale>().WithMany().HasForeignKey(o => o.SaleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(o => o.SaleId).IsUnique();
        builder.HasIndex(o => new { o.DistributorId, o.Id });
        builder.HasIndex(o => new { o.CustomerId, o.Id });
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.CustomerOrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
