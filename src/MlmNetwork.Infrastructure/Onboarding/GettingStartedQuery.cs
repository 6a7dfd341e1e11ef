using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Onboarding;

/// <summary>
/// Gathers what the getting-started checklist (<see cref="GettingStarted"/>) depends on, for one
/// distributor (the dashboard) or a page of them (a sponsor's recruits): one query whatever
/// the number, reading by index (the first non-kit sale, the completions of published modules).
/// </summary>
public static class GettingStartedQuery
{
    /// <summary>The one place that says whether a profile is complete: a phone and an address are set.</summary>
    public static bool ProfileComplete(Distributor distributor)
    {
        ArgumentNullException.ThrowIfNull(distributor);
        return !string.IsNullOrWhiteSpace(distributor.Phone) && !string.IsNullOrWhiteSpace(distributor.Address);
    }

    public static async Task<GettingStarted> ForAsync(MlmDbContext db, Distributor distributor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(distributor);
        return (await ForManyAsync(db, [distributor], ct))[distributor.Id];
    }

    public static async Task<IReadOnlyDictionary<long, GettingStarted>> ForManyAsync(MlmDbContext db, IReadOnlyCollection<Distributor> distributors, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(distributors);
        if (distributors.Count == 0)
        {
            return new Dictionary<long, GettingStarted>();
        }

        var ids = distributors.Select(d => d.Id).ToList();
        var facts = await db.Distributors.AsNoTracking()
            .Where(d => ids.Contains(d.Id))
            .Select(d => new
            {
                d.Id,
                Published = db.TrainingModules.Count(m => m.IsPublished),
                EmailConfirmed = db.Users.Any(u => u.Id == d.UserId && u.EmailConfirmed),
                ModulesDone = db.TrainingCompletions.Count(c => c.DistributorId == d.Id && db.TrainingModules.Any(m => m.Id == c.ModuleId && m.IsPublished)),
                Sold = db.Sales.Any(s => s.DistributorId == d.Id && s.StarterKitId == null),
            })
            .ToDictionaryAsync(f => f.Id, ct);
        return distributors.ToDictionary(d => d.Id, d =>
        {
            var known = facts.GetValueOrDefault(d.Id);
            return GettingStarted.From(new GettingStartedFacts(
                known?.EmailConfirmed ?? false,
                ProfileComplete(d),
                known?.Published ?? 0,
                known?.ModulesDone ?? 0,
                d.ReferralLinkSharedAt is not null,
                d.DirectRecruitCount,
                known?.Sold ?? false));
        });
    }
}
