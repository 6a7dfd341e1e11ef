using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class NetworkMonthStatsConfiguration : IEntityTypeConfiguration<NetworkMonthStats>
{
    public void Configure(EntityTypeBuilder<NetworkMonthStats> builder)
    {
        builder.ToTable("network_month_stats");
        builder.HasKey(s => new { s.PeriodKey, s.Slot });
        builder.Property(s => s.SalesTotal).HasColumnName("sales_total_cents");
        builder.Property(s => s.SalesBase).HasColumnName("sales_base_cents");
        builder.Property(s => s.RefundedTotal).HasColumnName("refunded_total_cents");
        builder.Property(s => s.RefundedBase).HasColumnName("refunded_base_cents");
        builder.Property(s => s.Earned).HasColumnName("earned_cents");
        builder.Property(s => s.Reversed).HasColumnName("reversed_cents");
        builder.Property(s => s.Forfeited).HasColumnName("forfeited_cents");
    }
}
