using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class DownlineLevelConfiguration : IEntityTypeConfiguration<DownlineLevel>
{
    public void Configure(EntityTypeBuilder<DownlineLevel> builder)
    {
        builder.ToTable("downline_levels");
        builder.HasKey(l => new { l.DistributorId, l.Level });
        builder.HasOne<Distributor>().WithMany().HasForeignKey(l => l.DistributorId).OnDelete(DeleteBehavior.Restrict);
    }
}
