using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class SaleUnpaidMemberConfiguration : IEntityTypeConfiguration<SaleUnpaidMember>
{
    public void Configure(EntityTypeBuilder<SaleUnpaidMember> builder)
    {
        builder.ToTable("sale_unpaid_members");
        builder.HasOne<Distributor>().WithMany().HasForeignKey(u => u.DistributorId).OnDelete(DeleteBehavior.Restrict);
    }
}
