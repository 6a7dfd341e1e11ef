using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class DistributorChangeConfiguration : IEntityTypeConfiguration<DistributorChange>
{
    public void Configure(EntityTypeBuilder<DistributorChange> builder)
    {
        builder.ToTable("distributor_changes");
        builder.HasIndex(c => c.At);
        builder.HasOne<Distributor>().WithMany().HasForeignKey(c => c.DistributorId).OnDelete(DeleteBehavior.Restrict);
    }
}
