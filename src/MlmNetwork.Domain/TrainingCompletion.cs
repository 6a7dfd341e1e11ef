namespace MlmNetwork.Domain;

/// <summary>That a distributor marked a training module done, and when. Undoing it removes the mark.</summary>
public sealed class TrainingCompletion
{
    private TrainingCompletion()
    {
    }

    public long Id { get; private set; }

    public long DistributorId { get; private set; }

    public long ModuleId { get; private set; }

    public DateTime CompletedAt { get; private set; }

    /// <summary>Marks <paramref name="module"/> done; only a published module can be (a draft is not part of the course yet).</summary>
    public static TrainingCompletion For(long distributorId, TrainingModule module, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (!module.IsPublished)
        {
            throw DomainRuleException.NotFound($"No training module has id {module.Id}.");
        }

        return new TrainingCompletion { DistributorId = distributorId, ModuleId = module.Id, CompletedAt = now };
    }
}
