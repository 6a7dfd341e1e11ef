using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class CommissionLineConfiguration : IEntityTypeConfiguration<CommissionLine>
{
    public void Configure(EntityTypeBuilder<CommissionLine> builder)
    {
        builder.ToTable("commission_lines");
        builder.Property(l => l.Amount).HasColumnName("amount_cents");
        builder.Property(l => l.Percent).HasColumnName("basis_points");
        builder.Property(l => l.Reason).HasMaxLength(CommissionLine.ReasonMaxLength);
        builder.HasIndex(l => new { l.BeneficiaryId, l.Id });
        builder.HasIndex(l => new { l.PeriodKey, l.BeneficiaryId });
        // The reversals written in a month, which the plan simulator takes out of the month's earnings counter.
        builder.HasIndex(l => l.PeriodKey, "ix_commission_lines_reversals_by_period").HasFilter("kind = 1");
        // A line is forfeited at most once, whatever the retries; it may be reversed in parts by
        // partial refunds, which the sale's refund count keeps from racing (SaleConfiguration).
        // A forfeit is always written in its line's month (CommissionLine.Forfeit refuses another),
        // so unique (line, month) is unique per line; the month is in the key because on PostgreSQL
        // the table is partitioned by month and a unique index must hold the partition key (ADR 019).
        builder.HasIndex(l => l.ReversesLineId);
        builder.HasIndex(l => new { l.ReversesLineId, l.PeriodKey }, "ix_commission_lines_one_forfeit").IsUnique().HasFilter("kind = 2");
        // No foreign key from a reversal or forfeit to the line it cancels: a partitioned table can
        // only be referenced through its whole key (id and month). The ledger check proves instead
        // that every cancelling line cancels an earned line of the same sale, beneficiary and (for
        // a forfeit) month (ADR 019).
        builder.HasOne<Distributor>().WithMany().HasForeignKey(l => l.BeneficiaryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CommissionPlan>().WithMany().HasForeignKey(l => l.PlanVersion).OnDelete(DeleteBehavior.Restrict);
    }
}
