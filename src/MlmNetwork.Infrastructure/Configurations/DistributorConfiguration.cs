using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class DistributorConfiguration : IEntityTypeConfiguration<Distributor>
{
    public void Configure(EntityTypeBuilder<Distributor> builder)
    {
        builder.ToTable("distributors");
        builder.Property(d => d.Name).HasMaxLength(Distributor.NameMaxLength);
        builder.Property(d => d.Email).HasMaxLength(Distributor.EmailMaxLength);
        builder.Property(d => d.SearchKey).HasMaxLength(Distributor.NameMaxLength + Distributor.EmailMaxLength + 1).HasDefaultValue(string.Empty);
        builder.Property(d => d.ReferralCode).HasMaxLength(ReferralCode.Length);
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.HasIndex(d => d.Email).IsUnique();
        builder.HasIndex(d => d.ReferralCode).IsUnique();
        builder.HasIndex(d => d.UserId).IsUnique();
        builder.HasIndex(d => new { d.SponsorId, d.Id });
        // The genealogy shows each member's biggest teams first: read in this order, a member's
        // top few recruits are the first entries, however many recruits they have.
        builder.HasIndex(d => new { d.SponsorId, d.DownlineCount, d.Id }).IsDescending(false, true, false);
        builder.HasOne<Distributor>().WithMany().HasForeignKey(d => d.SponsorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithOne().HasForeignKey<Distributor>(d => d.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StarterKit>().WithMany().HasForeignKey(d => d.StarterKitId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(d => d.CanEarn);
    }
}
