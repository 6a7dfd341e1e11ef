using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class DownlineGrowthConfiguration : IEntityTypeConfiguration<DownlineGrowth>
{
    public void Configure(EntityTypeBuilder<DownlineGrowth> builder)
    {
        builder.ToTable("downline_growth");
        builder.HasKey(g => new { g.DistributorId, g.PeriodKey });
        builder.HasOne<Distributor>().WithMany().HasForeignKey(g => g.DistributorId).OnDelete(DeleteBehavior.Restrict);
    }
}
