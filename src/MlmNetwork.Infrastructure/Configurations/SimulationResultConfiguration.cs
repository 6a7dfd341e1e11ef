using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Simulator;

namespace MlmNetwork.Infrastructure.Configurations;

internal sealed class SimulationResultConfiguration : IEntityTypeConfiguration<SimulationResult>
{
    public void Configure(EntityTypeBuilder<SimulationResult> builder)
    {
        builder.ToTable("simulation_results");
        // Rows are written by bulk copy and read by rank range: the key is the only index. No
        // foreign key to the run: only the run's own replay writes its rows, runs are never
        // deleted, and checking the key row by row took as long as writing the rows (ADR 016).
        builder.HasKey(r => new { r.RunId, r.Rank });
        builder.Property(r => r.Current).HasColumnName("current_cents");
        builder.Property(r => r.Draft).HasColumnName("draft_cents");
        builder.Ignore(r => r.Difference);
    }
}
