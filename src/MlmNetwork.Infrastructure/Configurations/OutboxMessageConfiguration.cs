using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Infrastructure.Mail;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(m => m.MessageId).HasMaxLength(200);
        builder.Property(m => m.ToAddress).HasMaxLength(OutboxMessage.AddressMaxLength);
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength);
        builder.Property(m => m.Kind).HasMaxLength(OutboxMessage.KindMaxLength);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        builder.HasIndex(m => m.MessageId).IsUnique();
        // The worker's claim reads only the messages still to send, oldest due first.
        builder.HasIndex(m => new { m.NextAttemptAt, m.Id }, "ix_outbox_messages_due").HasFilter("sent_at IS NULL AND failed_at IS NULL");
        builder.HasIndex(m => m.FailedAt, "ix_outbox_messages_failed").HasFilter("failed_at IS NOT NULL");
    }
}
