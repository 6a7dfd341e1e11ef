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
        builder.Property(d => d.Phone).HasMaxLength(Distributor.PhoneMaxLength);
        builder.Property(d => d.Address).HasMaxLength(Distributor.AddressMaxLength);
        builder.Property(d => d.PayoutAccount).HasMaxLength(Distributor.PayoutAccountMaxLength);
        builder.Ignore(d => d.MaskedPayoutAccount);
        builder.HasIndex(d => d.Email).IsUnique();
        builder.HasIndex(d => d.ReferralCode).IsUnique();
        builder.HasIndex(d => d.UserId).IsUnique();
        builder.HasIndex(d => new { d.SponsorId, d.Id });
        // The genealogy pages through each member's recruits biggest teams first, then the
        // newest: (sponsor, team size, id) read backwards, a page starting after the last one
        // shown, so page 200 of 10,000 recruits costs what page 1 does.
        builder.HasIndex(d => new { d.SponsorId, d.DownlineCount, d.Id });
        builder.HasOne<Distributor>().WithMany().HasForeignKey(d => d.SponsorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithOne().HasForeignKey<Distributor>(d => d.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StarterKit>().WithMany().HasForeignKey(d => d.StarterKitId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(d => d.CanEarn);
    }
}
