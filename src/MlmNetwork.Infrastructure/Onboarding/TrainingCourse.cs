using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Onboarding;

/// <summary>What an admin types about a training module.</summary>
public sealed record TrainingModuleDetails(string Title, string Body, int Position, string? VideoUrl, string Language, bool Published);

/// <summary>A module with how many of the Active distributors whose course holds it (<see cref="Of"/>) have finished it.</summary>
public sealed record ModuleCompletion(TrainingModule Module, int Done, int Of);

/// <summary>Training modules: writing them (audited), marking them done and undone, and who finished what.</summary>
public static class TrainingCourse
{
    /// <summary>The published modules in course order.</summary>
    public static Task<List<TrainingModule>> PublishedAsync(MlmDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.TrainingModules.AsNoTracking().Where(m => m.IsPublished).OrderBy(m => m.Position).ThenBy(m => m.Id).ToListAsync(ct);
    }

    /// <summary>
    /// A distributor's course: the published modules written in their language ("ru" or "en"),
    /// in course order. A company that writes its course in both languages trains each person
    /// once, in their own; where it has published nothing in that language, the course is every
    /// published module, so nobody is left without training.
    /// </summary>
    public static IReadOnlyList<TrainingModule> CourseOf(IReadOnlyList<TrainingModule> published, string language) =>
        CourseOf(published, m => m.Language, language);

    /// <summary><see cref="CourseOf(IReadOnlyList{TrainingModule}, string)"/> over modules read as any shape (e.g. only their ids and languages).</summary>
    public static IReadOnlyList<T> CourseOf<T>(IReadOnlyList<T> published, Func<T, string> languageOf, string language)
    {
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(languageOf);
        return published.Any(m => languageOf(m) == language) ? [.. published.Where(m => languageOf(m) == language)] : published;
    }

    /// <summary>A distributor's course (<see cref="CourseOf"/>) and all published modules, read once; the language is their chosen one, else <paramref name="fallbackCulture"/>.</summary>
    public static async Task<(IReadOnlyList<TrainingModule> Course, IReadOnlyList<TrainingModule> Published)> ForAsync(MlmDbContext db, long distributorId, string? fallbackCulture, CancellationToken ct)
    {
        var culture = (await PreferredCulturesAsync(db, [distributorId], ct)).GetValueOrDefault(distributorId);
        var published = await PublishedAsync(db, ct);
        return (CourseOf(published, LanguageOf(culture, fallbackCulture)), published);
    }

    /// <summary>The course language of a person: their chosen language, else <paramref name="fallback"/> (a culture name; English when null).</summary>
    public static string LanguageOf(string? preferredCulture, string? fallback = null) =>
        (preferredCulture ?? fallback ?? "en").StartsWith("ru", StringComparison.OrdinalIgnoreCase) ? "ru" : "en";

    /// <summary>The chosen language of each distributor's login (null when they never chose), by distributor id.</summary>
    public static async Task<Dictionary<long, string?>> PreferredCulturesAsync(MlmDbContext db, IReadOnlyCollection<long> distributorIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = distributorIds.ToList();
        return await db.Distributors.AsNoTracking()
            .Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, Culture = db.Users.Where(u => u.Id == d.UserId).Select(u => u.PreferredCulture).FirstOrDefault() })
            .ToDictionaryAsync(d => d.Id, d => d.Culture, ct);
    }

    /// <summary>When the distributor marked each module done, by module id.</summary>
    public static Task<Dictionary<long, DateTime>> DoneByAsync(MlmDbContext db, long distributorId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.TrainingCompletions.AsNoTracking().Where(c => c.DistributorId == distributorId).ToDictionaryAsync(c => c.ModuleId, c => c.CompletedAt, ct);
    }

    /// <summary>Marks a published module done for the distributor; done twice is done once. A draft or unknown module is NotFound.</summary>
    public static async Task MarkDoneAsync(MlmDbContext db, long distributorId, long moduleId, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var module = await db.TrainingModules.AsNoTracking().FirstOrDefaultAsync(m => m.Id == moduleId, ct)
            ?? throw DomainRuleException.NotFound($"No training module has id {moduleId}.");
        var completion = TrainingCompletion.For(distributorId, module, now);
        if (await db.TrainingCompletions.AnyAsync(c => c.DistributorId == distributorId && c.ModuleId == moduleId, ct))
        {
            return;
        }

        db.TrainingCompletions.Add(completion);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Takes the done mark off again.</summary>
    public static async Task UndoAsync(MlmDbContext db, long distributorId, long moduleId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.TrainingModules.AnyAsync(m => m.Id == moduleId && m.IsPublished, ct))
        {
            throw DomainRuleException.NotFound($"No training module has id {moduleId}.");
        }

        await db.TrainingCompletions.Where(c => c.DistributorId == distributorId && c.ModuleId == moduleId).ExecuteDeleteAsync(ct);
    }

    public static async Task<TrainingModule> SaveAsync(MlmDbContext db, long? id, TrainingModuleDetails details, string actor, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(details);
        TrainingModule module;
        if (id is { } existing)
        {
            module = await db.TrainingModules.FirstOrDefaultAsync(m => m.Id == existing, ct)
                ?? throw DomainRuleException.NotFound($"No training module has id {existing}.");
            module.Update(details.Title, details.Body, details.Position, details.VideoUrl, details.Language, details.Published, now);
        }
        else
        {
            module = TrainingModule.Create(details.Title, details.Body, details.Position, details.VideoUrl, details.Language, details.Published, now);
            db.TrainingModules.Add(module);
            await db.SaveChangesAsync(ct);
        }

        var action = id is null ? "training.create" : "training.update";
        if (module.VideoUrl is { } video)
        {
            db.Audit(actor, action, $"training module {module.Id}", $"{module.Title}, place {module.Position}, published {module.IsPublished}, video {video}", now);
        }
        else
        {
            db.Audit(actor, action, $"training module {module.Id}", $"{module.Title}, place {module.Position}, published {module.IsPublished}", now);
        }
        await db.SaveChangesAsync(ct);
        return module;
    }

    /// <summary>The Active distributors (the house aside): whom the completion figures are out of.</summary>
    public static IQueryable<Distributor> ActiveDistributors(MlmDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Distributors.AsNoTracking().Where(d => !d.IsHouse && d.Status == DistributorStatus.Active);
    }

    /// <summary>Every module (drafts too) in course order, with how many Active distributors finished it.</summary>
    public static async Task<List<ModuleCompletion>> CompletionAsync(MlmDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var active = ActiveDistributors(db);
        var modules = await db.TrainingModules.AsNoTracking()
            .OrderBy(m => m.Position).ThenBy(m => m.Id)
            .Select(m => new { Module = m, Done = db.TrainingCompletions.Count(c => c.ModuleId == m.Id && active.Any(d => d.Id == c.DistributorId)) })
            .ToListAsync(ct);
        // Whose course holds a module: the Active people of its language, and those of a language the company wrote nothing in.
        var cultures = await active.Select(d => db.Users.Where(u => u.Id == d.UserId).Select(u => u.PreferredCulture).FirstOrDefault()).ToListAsync(ct);
        var people = cultures.GroupBy(c => LanguageOf(c)).ToDictionary(g => g.Key, g => g.Count());
        var written = modules.Where(m => m.Module.IsPublished).Select(m => m.Module.Language).ToHashSet();
        var untaught = people.Where(p => !written.Contains(p.Key)).Sum(p => p.Value);
        return [.. modules.Select(m => new ModuleCompletion(m.Module, m.Done, people.GetValueOrDefault(m.Module.Language) + untaught))];
    }
}
