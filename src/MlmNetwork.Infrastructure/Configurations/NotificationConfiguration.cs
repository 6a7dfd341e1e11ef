using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Notifications;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.Property(n => n.Title).HasMaxLength(Notification.TitleMaxLength);
        builder.Property(n => n.Body).HasMaxLength(Notification.BodyMaxLength);
        builder.Property(n => n.Link).HasMaxLength(Notification.LinkMaxLength);
        builder.Property(n => n.OnceKey).HasMaxLength(Notification.KeyMaxLength);
        // The list (newest first) and the bell's unread count read this index only.
        builder.HasIndex(n => new { n.DistributorId, n.Id });
        builder.HasIndex(n => n.DistributorId, "ix_notifications_unread").HasFilter("in_app AND read_at IS NULL");
        builder.HasIndex(n => new { n.DistributorId, n.OnceKey }).IsUnique().HasFilter("once_key IS NOT NULL");
        builder.HasOne<Distributor>().WithMany().HasForeignKey(n => n.DistributorId).OnDelete(DeleteBehavior.Cascade);
    }
}
