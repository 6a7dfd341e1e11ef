using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class NetworkSignupDayConfiguration : IEntityTypeConfiguration<NetworkSignupDay>
{
    public void Configure(EntityTypeBuilder<NetworkSignupDay> builder)
    {
        builder.ToTable("network_signup_days");
        builder.HasKey(d => d.DayKey);
        builder.Property(d => d.DayKey).ValueGeneratedNever();
    }
}
