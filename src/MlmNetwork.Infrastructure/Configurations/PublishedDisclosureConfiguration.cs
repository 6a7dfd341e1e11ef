using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class PublishedDisclosureConfiguration : IEntityTypeConfiguration<PublishedDisclosure>
{
    public void Configure(EntityTypeBuilder<PublishedDisclosure> builder)
    {
        builder.ToTable("published_disclosures");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.PublishedBy).HasMaxLength(PublishedDisclosure.PublishedByMaxLength);
        builder.Ignore(d => d.From);
        builder.Ignore(d => d.To);
    }
}
