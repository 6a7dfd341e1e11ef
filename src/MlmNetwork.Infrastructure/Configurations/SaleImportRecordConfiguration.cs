using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Infrastructure.Sales;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class SaleImportRecordConfiguration : IEntityTypeConfiguration<SaleImportRecord>
{
    public void Configure(EntityTypeBuilder<SaleImportRecord> builder)
    {
        builder.ToTable("sale_imports");
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.FileName).HasMaxLength(SaleImportRecord.FileNameMaxLength);
        builder.Property(i => i.StartedBy).HasMaxLength(SaleImportRecord.ActorMaxLength);
        builder.Property(i => i.BatchKey).HasMaxLength(SaleImportRecord.BatchKeyMaxLength);
        builder.Property(i => i.State).HasConversion<string>().HasMaxLength(20);
        // The page lists the most recent; recovery looks for the running ones.
        builder.HasIndex(i => i.StartedAt);
        builder.HasIndex(i => i.State);
    }
}
