using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class CompanySettingsConfiguration : IEntityTypeConfiguration<CompanySettings>
{
    public void Configure(EntityTypeBuilder<CompanySettings> builder)
    {
        builder.ToTable("company_settings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.MinimumPayout).HasColumnName("minimum_payout_cents");
        builder.HasData(CompanySettings.Defaults());
    }
}
