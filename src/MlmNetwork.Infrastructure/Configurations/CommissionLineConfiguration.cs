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
        // A line is reversed at most once and forfeited at most once, whatever the retries.
        builder.HasIndex(l => new { l.ReversesLineId, l.Kind }).IsUnique();
        builder.HasOne<CommissionLine>().WithMany().HasForeignKey(l => l.ReversesLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Distributor>().WithMany().HasForeignKey(l => l.BeneficiaryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CommissionPlan>().WithMany().HasForeignKey(l => l.PlanVersion).OnDelete(DeleteBehavior.Restrict);
    }
}
