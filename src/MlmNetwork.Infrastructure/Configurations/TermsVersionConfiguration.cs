using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class TermsVersionConfiguration : IEntityTypeConfiguration<TermsVersion>
{
    public void Configure(EntityTypeBuilder<TermsVersion> builder)
    {
        builder.ToTable("terms_versions");
        // The version number is the key: of two admins publishing "the next version" at once, one wins.
        builder.HasKey(t => t.Version);
        builder.Property(t => t.Version).ValueGeneratedNever();
        builder.Property(t => t.Body).HasMaxLength(TermsVersion.BodyMaxLength);
        builder.Property(t => t.RussianBody).HasMaxLength(TermsVersion.BodyMaxLength);
        builder.Property(t => t.ChangeNote).HasMaxLength(TermsVersion.NoteMaxLength);
        builder.Property(t => t.PublishedBy).HasMaxLength(256);
    }
}
