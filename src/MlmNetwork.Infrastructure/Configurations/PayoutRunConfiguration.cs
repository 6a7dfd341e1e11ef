using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class PayoutRunConfiguration : IEntityTypeConfiguration<PayoutRun>
{
    public void Configure(EntityTypeBuilder<PayoutRun> builder)
    {
        builder.ToTable("payout_runs");
        builder.Property(r => r.MinimumPayout).HasColumnName("minimum_payout_cents");
        builder.Property(r => r.Total).HasColumnName("total_cents");
        builder.Property(r => r.ProposedBy).HasMaxLength(256);
        builder.Property(r => r.ClosedBy).HasMaxLength(256);
        builder.Property(r => r.Reference).HasMaxLength(PaymentDetails.ReferenceMaxLength);
        // Confirming or cancelling writes "WHERE status = <as read>": of two admins, the second finds the run changed.
        builder.Property(r => r.Status).IsConcurrencyToken();
        // At most one open run: a second proposal while one is open is refused by the database too.
        builder.HasIndex(r => r.Status).IsUnique().HasFilter("status = 0").HasDatabaseName("ix_payout_runs_one_open");
        builder.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.PayoutRunId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(r => r.Items).HasField("items").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(r => r.UpTo);
    }
}
