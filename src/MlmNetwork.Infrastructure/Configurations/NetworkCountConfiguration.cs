using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class NetworkCountConfiguration : IEntityTypeConfiguration<NetworkCount>
{
    public void Configure(EntityTypeBuilder<NetworkCount> builder)
    {
        builder.ToTable("network_counts");
        builder.HasKey(c => new { c.Depth, c.Status });
    }
}
