using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class SimulationRunConfiguration : IEntityTypeConfiguration<SimulationRun>
{
    public void Configure(EntityTypeBuilder<SimulationRun> builder)
    {
        builder.ToTable("simulation_runs");
        builder.Property(r => r.DraftName).HasMaxLength(PlanDraft.NameMaxLength);
        builder.Property(r => r.PersonalPercent).HasColumnName("personal_basis_points");
        builder.Property(r => r.MinPersonalVolume).HasColumnName("min_personal_volume_cents");
        builder.Property(r => r.MinCustomerShare).HasColumnName("min_customer_share_basis_points");
        builder.Property(r => r.Levels).HasLevelPercents();
        builder.Property(r => r.RequestedBy).HasMaxLength(256);
        builder.Property(r => r.Error).HasMaxLength(SimulationRun.ErrorMaxLength);
        builder.Property(r => r.PlanVersions).HasMaxLength(200);
        builder.Property(r => r.Sales).HasColumnName("sales_cents");
        builder.Property(r => r.CurrentEarned).HasColumnName("current_earned_cents");
        builder.Property(r => r.CurrentReversed).HasColumnName("current_reversed_cents");
        builder.Property(r => r.CurrentForfeited).HasColumnName("current_forfeited_cents");
        builder.Property(r => r.DraftEarned).HasColumnName("draft_earned_cents");
        builder.Property(r => r.DraftReversed).HasColumnName("draft_reversed_cents");
        builder.Property(r => r.DraftForfeited).HasColumnName("draft_forfeited_cents");
        builder.Property(r => r.HistogramText).HasColumnName("histogram").HasMaxLength(2000);
        // One replay waiting or running at a time: the slot is 1 until the run ends, and unique.
        builder.HasIndex(r => r.ActiveSlot).IsUnique();
        builder.HasOne<PlanDraft>().WithMany().HasForeignKey(r => r.DraftId).OnDelete(DeleteBehavior.SetNull);
        builder.Ignore(r => r.Plan);
        builder.Ignore(r => r.Histogram);
        builder.Ignore(r => r.From);
        builder.Ignore(r => r.To);
        builder.Ignore(r => r.IsFinished);
        builder.Ignore(r => r.CurrentNet);
        builder.Ignore(r => r.DraftNet);
    }
}
