using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class EarnerMonthTotalConfiguration : IEntityTypeConfiguration<EarnerMonthTotal>
{
    public void Configure(EntityTypeBuilder<EarnerMonthTotal> builder)
    {
        builder.ToTable("earner_month_totals");
        builder.HasKey(e => new { e.DistributorId, e.PeriodKey });
        builder.Property(e => e.Amount).HasColumnName("amount_cents");
        // A month's top earners are the first entries of this index, however many earned.
        builder.HasIndex(e => new { e.PeriodKey, e.Amount, e.DistributorId }).IsDescending(false, true, false);
        builder.HasOne<Distributor>().WithMany().HasForeignKey(e => e.DistributorId).OnDelete(DeleteBehavior.Restrict);
    }
}
