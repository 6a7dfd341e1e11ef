using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class TermsAcceptanceConfiguration : IEntityTypeConfiguration<TermsAcceptance>
{
    public void Configure(EntityTypeBuilder<TermsAcceptance> builder)
    {
        builder.ToTable("terms_acceptances");
        builder.HasIndex(a => new { a.DistributorId, a.Version }).IsUnique();
        builder.HasIndex(a => new { a.Version, a.Id });
        builder.HasOne<Distributor>().WithMany().HasForeignKey(a => a.DistributorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TermsVersion>().WithMany().HasForeignKey(a => a.Version).OnDelete(DeleteBehavior.Restrict);
    }
}
