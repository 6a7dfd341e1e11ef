using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class StarterKitItemConfiguration : IEntityTypeConfiguration<StarterKitItem>
{
    public void Configure(EntityTypeBuilder<StarterKitItem> builder)
    {
        builder.ToTable("starter_kit_items");
        builder.HasIndex(i => new { i.StarterKitId, i.ProductId }).IsUnique();
        builder.HasOne<Product>().WithMany().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}
