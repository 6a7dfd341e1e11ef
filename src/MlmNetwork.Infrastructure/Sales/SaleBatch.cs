using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Sales;

/// <summary>A posted batch of sales, kept under its idempotency key so a retried batch replays instead of posting twice.</summary>
public sealed class SaleBatch
{
    public string Key { get; set; } = string.Empty;

    public string RequestHash { get; set; } = string.Empty;

    public int SaleCount { get; set; }

    public int LineCount { get; set; }

    public Money TotalBase { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class SaleBatchConfiguration : IEntityTypeConfiguration<SaleBatch>
{
    public void Configure(EntityTypeBuilder<SaleBatch> builder)
    {
        builder.ToTable("sale_batches");
        builder.HasKey(b => b.Key);
        builder.Property(b => b.Key).HasMaxLength(Sale.IdempotencyKeyMaxLength);
        builder.Property(b => b.RequestHash).HasMaxLength(64);
        builder.Property(b => b.TotalBase).HasColumnName("total_base_cents");
    }
}
