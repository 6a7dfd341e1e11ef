using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        builder.Property(c => c.Name).HasMaxLength(Distributor.NameMaxLength);
        builder.Property(c => c.Email).HasMaxLength(Distributor.EmailMaxLength);
        builder.Property(c => c.Phone).HasMaxLength(Distributor.PhoneMaxLength);
        builder.HasOne<Distributor>().WithMany().HasForeignKey(c => c.DistributorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.DistributorId, c.Name });
        // A shop order finds its customer by e-mail within the distributor's customers: one per address.
        builder.HasIndex(c => new { c.DistributorId, c.Email }).IsUnique().HasFilter("email IS NOT NULL");
    }
}
