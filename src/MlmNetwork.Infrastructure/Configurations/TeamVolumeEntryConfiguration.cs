using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class TeamVolumeEntryConfiguration : IEntityTypeConfiguration<TeamVolumeEntry>
{
    public void Configure(EntityTypeBuilder<TeamVolumeEntry> builder)
    {
        builder.ToTable("team_volume_queue");
        builder.Property(e => e.Volume).HasColumnName("volume_cents");
        builder.HasOne<Distributor>().WithMany().HasForeignKey(e => e.DistributorId).OnDelete(DeleteBehavior.Restrict);
    }
}
