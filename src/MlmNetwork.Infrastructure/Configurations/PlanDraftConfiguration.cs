using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class PlanDraftConfiguration : IEntityTypeConfiguration<PlanDraft>
{
    public void Configure(EntityTypeBuilder<PlanDraft> builder)
    {
        builder.ToTable("plan_drafts");
        builder.Property(d => d.Name).HasMaxLength(PlanDraft.NameMaxLength);
        builder.Property(d => d.PersonalPercent).HasColumnName("personal_basis_points");
        builder.Property(d => d.MinPersonalVolume).HasColumnName("min_personal_volume_cents");
        builder.Property(d => d.MinCustomerShare).HasColumnName("min_customer_share_basis_points");
        builder.Property(d => d.CreatedBy).HasMaxLength(256);
        builder.Property(d => d.Levels).HasLevelPercents();
        builder.Ignore(d => d.Plan);
    }
}
