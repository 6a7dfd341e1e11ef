using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class DistributorMonthStatsConfiguration : IEntityTypeConfiguration<DistributorMonthStats>
{
    public void Configure(EntityTypeBuilder<DistributorMonthStats> builder)
    {
        builder.ToTable("distributor_month_stats");
        builder.HasKey(s => new { s.DistributorId, s.PeriodKey });
        builder.Property(s => s.PersonalSalesTotal).HasColumnName("personal_sales_total_cents");
        builder.Property(s => s.PersonalVolume).HasColumnName("personal_volume_cents");
        builder.Property(s => s.CustomerVolume).HasColumnName("customer_volume_cents").HasDefaultValue(Money.Zero);
        builder.Property(s => s.TeamVolume).HasColumnName("team_volume_cents");
        // The retail report and its trend read one month of everybody: a range of this index, not the whole table.
        builder.HasIndex(s => s.PeriodKey);
        builder.HasOne<Distributor>().WithMany().HasForeignKey(s => s.DistributorId).OnDelete(DeleteBehavior.Restrict);
    }
}
