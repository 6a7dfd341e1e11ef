using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class TrainingCompletionConfiguration : IEntityTypeConfiguration<TrainingCompletion>
{
    public void Configure(EntityTypeBuilder<TrainingCompletion> builder)
    {
        builder.ToTable("training_completions");
        // Marking a module done twice (a double click, two tabs) records it once.
        builder.HasIndex(c => new { c.DistributorId, c.ModuleId }).IsUnique();
        builder.HasIndex(c => c.ModuleId);
        builder.HasOne<Distributor>().WithMany().HasForeignKey(c => c.DistributorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TrainingModule>().WithMany().HasForeignKey(c => c.ModuleId).OnDelete(DeleteBehavior.Restrict);
    }
}
