using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> builder)
    {
        builder.ToTable("payouts");
        builder.Property(p => p.Amount).HasColumnName("amount_cents");
        builder.Property(p => p.Reference).HasMaxLength(PaymentDetails.ReferenceMaxLength);
        builder.Property(p => p.RecordedBy).HasMaxLength(256);
        builder.HasIndex(p => new { p.DistributorId, p.Id });
        // A run pays each distributor once: a second confirmation can never write a second payout.
        builder.HasIndex(p => new { p.PayoutRunId, p.DistributorId }).IsUnique();
        builder.HasOne<PayoutRun>().WithMany().HasForeignKey(p => p.PayoutRunId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Statement>().WithMany().HasForeignKey(p => p.StatementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Distributor>().WithMany().HasForeignKey(p => p.DistributorId).OnDelete(DeleteBehavior.Restrict);
    }
}
