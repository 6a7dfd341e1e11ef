using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class StatementConfiguration : IEntityTypeConfiguration<Statement>
{
    public void Configure(EntityTypeBuilder<Statement> builder)
    {
        builder.ToTable("statements");
        builder.Property(s => s.Opening).HasColumnName("opening_cents");
        builder.Property(s => s.Earned).HasColumnName("earned_cents");
        builder.Property(s => s.Reversed).HasColumnName("reversed_cents");
        builder.Property(s => s.Forfeited).HasColumnName("forfeited_cents");
        builder.Property(s => s.Paid).HasColumnName("paid_cents");
        builder.Property(s => s.PersonalVolume).HasColumnName("personal_volume_cents");
        builder.Ignore(s => s.Closing);
        builder.HasIndex(s => new { s.PeriodKey, s.DistributorId }).IsUnique();
        builder.HasIndex(s => new { s.DistributorId, s.PeriodKey });
        builder.HasOne<CommissionPeriod>().WithMany().HasForeignKey(s => s.PeriodKey).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Distributor>().WithMany().HasForeignKey(s => s.DistributorId).OnDelete(DeleteBehavior.Restrict);
    }
}
