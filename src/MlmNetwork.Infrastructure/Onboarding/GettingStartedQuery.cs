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

    /// <summary>One distributor's checklist; <paramref name="fallbackCulture"/> is the language of their course when they never chose one (the page's).</summary>
    public static async Task<GettingStarted> ForAsync(MlmDbContext db, Distributor distributor, CancellationToken ct, string? fallbackCulture = null)
    {
        ArgumentNullException.ThrowIfNull(distributor);
        return (await ForManyAsync(db, [distributor], ct, fallbackCulture))[distributor.Id];
    }

    /// <summary>The checklists of a page of distributors; each one's training is the course in their language (<see cref="TrainingCourse.CourseOf"/>).</summary>
    public static async Task<IReadOnlyDictionary<long, GettingStarted>> ForManyAsync(MlmDbContext db, IReadOnlyCollection<Distributor> distributors, CancellationToken ct, string? fallbackCulture = null)
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
                EmailConfirmed = db.Users.Any(u => u.Id == d.UserId && u.EmailConfirmed),
                Sold = db.Sales.Any(s => s.DistributorId == d.Id && s.StarterKitId == null),
            })
            .ToDictionaryAsync(f => f.Id, ct);
        var cultures = await TrainingCourse.PreferredCulturesAsync(db, ids, ct);
        var published = await TrainingCourse.PublishedAsync(db, ct);
        var courses = TrainingModule.Languages.ToDictionary(l => l, l => TrainingCourse.CourseOf(published, l).Select(m => m.Id).ToHashSet());
        var done = (await db.TrainingCompletions.AsNoTracking().Where(c => ids.Contains(c.DistributorId)).Select(c => new { c.DistributorId, c.ModuleId }).ToListAsync(ct))
            .ToLookup(c => c.DistributorId, c => c.ModuleId);
        return distributors.ToDictionary(d => d.Id, d =>
        {
            var known = facts.GetValueOrDefault(d.Id);
            var course = courses[TrainingCourse.LanguageOf(cultures.GetValueOrDefault(d.Id), fallbackCulture)];
            return Checklist(d, known?.EmailConfirmed ?? false, known?.Sold ?? false, course, done[d.Id]);
        });
    }

    /// <summary>
    /// One distributor's checklist from facts read elsewhere in one go (the dashboard reads them in
    /// its own batch, <see cref="DashboardQuery"/>), exactly as <see cref="ForAsync"/> works it out.
    /// </summary>
    public static GettingStarted From(Distributor distributor, GettingStartedReads reads, string? fallbackCulture = null)
    {
        ArgumentNullException.ThrowIfNull(distributor);
        ArgumentNullException.ThrowIfNull(reads);
        var language = TrainingCourse.LanguageOf(reads.PreferredCulture, fallbackCulture);
        var course = TrainingCourse.CourseOf(reads.Published, m => m.Language, language).Select(m => m.Id).ToHashSet();
        return Checklist(distributor, reads.EmailConfirmed, reads.Sold, course, reads.Done);
    }

    private static GettingStarted Checklist(Distributor d, bool emailConfirmed, bool sold, HashSet<long> course, IEnumerable<long> done) =>
        GettingStarted.From(new GettingStartedFacts(
            emailConfirmed,
            ProfileComplete(d),
            course.Count,
            done.Count(course.Contains),
            d.ReferralLinkSharedAt is not null,
            d.DirectRecruitCount,
            sold));
}

/// <summary>A published training module as the checklist needs it (course order kept by the list it is in).</summary>
public sealed record PublishedModule(long Id, string Language);

/// <summary>
/// What a checklist depends on beyond the distributor's own row: whether their login's address is
/// confirmed, whether they sold (a sale that is no starter kit), their chosen language, the
/// published modules in course order, and the modules they marked done.
/// </summary>
public sealed record GettingStartedReads(bool EmailConfirmed, bool Sold, string? PreferredCulture, IReadOnlyList<PublishedModule> Published, IReadOnlyList<long> Done);
