using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class StarterKitConfiguration : IEntityTypeConfiguration<StarterKit>
{
    public void Configure(EntityTypeBuilder<StarterKit> builder)
    {
        builder.ToTable("starter_kits");
        builder.Property(k => k.Name).HasMaxLength(StarterKit.NameMaxLength);
        builder.Property(k => k.Description).HasMaxLength(StarterKit.DescriptionMaxLength);
        builder.Property(k => k.Price).HasColumnName("price_cents");
        // Two admins saving the same kit: the second save finds another version and is refused.
        builder.Property(k => k.Version).IsConcurrencyToken();
        builder.HasMany(k => k.Items).WithOne().HasForeignKey(i => i.StarterKitId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(k => k.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
