using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class CommissionPeriodConfiguration : IEntityTypeConfiguration<CommissionPeriod>
{
    public void Configure(EntityTypeBuilder<CommissionPeriod> builder)
    {
        builder.ToTable("commission_periods");
        builder.HasKey(p => p.Key);
        builder.Property(p => p.Key).HasColumnName("period_key").ValueGeneratedNever();
        builder.Property(p => p.ClosedBy).HasMaxLength(256);
        builder.Property(p => p.MinPersonalVolume).HasColumnName("min_personal_volume_cents");
        builder.Ignore(p => p.Period);
    }
}

internal sealed class StatementConfiguration : IEntityTypeConfiguration<Statement>
{
    public void Configure(EntityTypeBuilder<Statement> builder)
    {
        builder.ToTable("statements");
        builder.Property(s => s.Opening).HasColumnName("opening_cents");
        builder.Property(s => s.Earned).HasColumnName("earned_cents");
        builder.Property(s => s.Reversed).HasColumnName("reversed_cents");
        builder.Property(s => s.Forfeited).HasColumnName("forfeited_cents");
        builder.Property(s => s.PersonalVolume).HasColumnName("personal_volume_cents");
        builder.Ignore(s => s.ClosingAtClose);
        builder.HasIndex(s => new { s.PeriodKey, s.DistributorId }).IsUnique();
        builder.HasIndex(s => new { s.DistributorId, s.PeriodKey });
        builder.HasOne<CommissionPeriod>().WithMany().HasForeignKey(s => s.PeriodKey).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Distributor>().WithMany().HasForeignKey(s => s.DistributorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> builder)
    {
        builder.ToTable("payouts");
        builder.Property(p => p.Amount).HasColumnName("amount_cents");
        builder.Property(p => p.Reference).HasMaxLength(Payout.ReferenceMaxLength);
        builder.Property(p => p.RecordedBy).HasMaxLength(256);
        builder.HasIndex(p => new { p.DistributorId, p.Id });
        builder.HasOne<Statement>().WithMany().HasForeignKey(p => p.StatementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Distributor>().WithMany().HasForeignKey(p => p.DistributorId).OnDelete(DeleteBehavior.Restrict);
    }
}
