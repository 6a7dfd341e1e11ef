using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class TrainingModuleConfiguration : IEntityTypeConfiguration<TrainingModule>
{
    public void Configure(EntityTypeBuilder<TrainingModule> builder)
    {
        builder.ToTable("training_modules");
        builder.Property(m => m.Title).HasMaxLength(TrainingModule.TitleMaxLength);
        builder.Property(m => m.Body).HasMaxLength(TrainingModule.BodyMaxLength);
        builder.Property(m => m.VideoUrl).HasMaxLength(TrainingModule.VideoUrlMaxLength);
        builder.Property(m => m.Language).HasMaxLength(2);
        builder.HasIndex(m => new { m.IsPublished, m.Position, m.Id });
    }
}
