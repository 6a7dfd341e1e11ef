using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Infrastructure.Notifications;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class NotificationEventConfiguration : IEntityTypeConfiguration<NotificationEvent>
{
    public void Configure(EntityTypeBuilder<NotificationEvent> builder)
    {
        builder.ToTable("notification_events");
        builder.Property(e => e.Detail).HasMaxLength(NotificationEvent.DetailMaxLength);
        builder.Property(e => e.OnceKey).HasMaxLength(Notification.KeyMaxLength);
        builder.HasIndex(e => e.OnceKey).IsUnique().HasFilter("once_key IS NOT NULL");
        builder.HasIndex(e => e.Id, "ix_notification_events_waiting").HasFilter("done_at IS NULL");
    }
}
