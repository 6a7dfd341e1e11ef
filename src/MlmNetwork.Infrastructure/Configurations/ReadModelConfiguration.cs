using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Security;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class DistributorMonthStatsConfiguration : IEntityTypeConfiguration<DistributorMonthStats>
{
    public void Configure(EntityTypeBuilder<DistributorMonthStats> builder)
    {
        builder.ToTable("distributor_month_stats");
        builder.HasKey(s => new { s.DistributorId, s.PeriodKey });
        builder.Property(s => s.PersonalSalesTotal).HasColumnName("personal_sales_total_cents");
        builder.Property(s => s.PersonalVolume).HasColumnName("personal_volume_cents");
        builder.Property(s => s.TeamVolume).HasColumnName("team_volume_cents");
        builder.HasOne<Distributor>().WithMany().HasForeignKey(s => s.DistributorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TeamVolumeEntryConfiguration : IEntityTypeConfiguration<TeamVolumeEntry>
{
    public void Configure(EntityTypeBuilder<TeamVolumeEntry> builder)
    {
        builder.ToTable("team_volume_queue");
        builder.Property(e => e.Volume).HasColumnName("volume_cents");
        builder.HasOne<Distributor>().WithMany().HasForeignKey(e => e.DistributorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DistributorEarningsConfiguration : IEntityTypeConfiguration<DistributorEarnings>
{
    public void Configure(EntityTypeBuilder<DistributorEarnings> builder)
    {
        builder.ToTable("distributor_earnings");
        builder.HasKey(e => new { e.DistributorId, e.PeriodKey, e.Level });
        builder.Property(e => e.Amount).HasColumnName("amount_cents");
        builder.HasOne<Distributor>().WithMany().HasForeignKey(e => e.DistributorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Hint).HasMaxLength(16);
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.Property(k => k.CreatedBy).HasMaxLength(256);
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.Ignore(k => k.IsActive);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.Property(a => a.Actor).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.Subject).HasMaxLength(200);
        builder.Property(a => a.Details).HasMaxLength(2000);
        builder.HasIndex(a => a.At);
    }
}
