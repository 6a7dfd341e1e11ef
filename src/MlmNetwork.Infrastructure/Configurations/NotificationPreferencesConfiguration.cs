using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class NotificationPreferencesConfiguration : IEntityTypeConfiguration<NotificationPreferences>
{
    public void Configure(EntityTypeBuilder<NotificationPreferences> builder)
    {
        builder.ToTable("notification_preferences");
        builder.HasKey(p => p.DistributorId);
        builder.Property(p => p.DistributorId).ValueGeneratedNever();
        builder.HasOne<Distributor>().WithOne().HasForeignKey<NotificationPreferences>(p => p.DistributorId).OnDelete(DeleteBehavior.Cascade);
    }
}
