using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Onboarding;

/// <summary>The starter kit as an admin typed it: products by id and quantities, the price in major units.</summary>
public sealed record StarterKitDetails(string Name, string? Description, decimal Price, bool Active, IReadOnlyList<(long ProductId, int Quantity)> Items);

/// <summary>
/// Loads and saves starter kits for the join page and the admin pages: the domain checks the
/// kit, every change is audited with who made it.
/// </summary>
public static class StarterKits
{
    /// <summary>
    /// A kit with its products, to order it, as the recruit was shown it (<paramref name="shownVersion"/>).
    /// Refused when there is no such kit, it is not offered, or it changed since; the order is made
    /// of this one read of the kit, so it holds the price and contents of the version checked.
    /// </summary>
    public static async Task<(StarterKit Kit, IReadOnlyDictionary<long, Product> Products)> ForOrderAsync(MlmDbContext db, long kitId, int? shownVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var kit = await db.StarterKits.AsNoTracking().Include(k => k.Items).FirstOrDefaultAsync(k => k.Id == kitId, ct)
            ?? throw DomainRuleException.Invalid($"That starter kit is not offered.", "starterKitId");
        var products = await ProductsOfAsync(db, [kit], ct);
        // A kit no longer offered says so, rather than that it changed.
        kit.ContentsForOrder(products);
        kit.CheckShown(shownVersion);
        return (kit, products);
    }

    /// <summary>Every kit (newest first) and the products they hold.</summary>
    public static async Task<(IReadOnlyList<StarterKit> Kits, IReadOnlyDictionary<long, Product> Products)> AllAsync(MlmDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var kits = await db.StarterKits.AsNoTracking().Include(k => k.Items).OrderBy(k => k.Price).ThenBy(k => k.Id).ToListAsync(ct);
        return (kits, await ProductsOfAsync(db, kits, ct));
    }

    /// <summary>The kits recruits are offered now: active, with every product for sale; cheapest first.</summary>
    public static async Task<(IReadOnlyList<StarterKit> Kits, IReadOnlyDictionary<long, Product> Products)> OfferedAsync(MlmDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var kits = await db.StarterKits.AsNoTracking().Include(k => k.Items).Where(k => k.IsActive).OrderBy(k => k.Price).ThenBy(k => k.Id).ToListAsync(ct);
        var products = await ProductsOfAsync(db, kits, ct);
        return ([.. kits.Where(k => k.IsOffered(products))], products);
    }

    public static async Task<StarterKit> CreateAsync(MlmDbContext db, StarterKitDetails details, string actor, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(details);
        var contents = await ContentsAsync(db, details, ct);
        var kit = StarterKit.Create(details.Name, details.Description, Money.FromAmount(details.Price, "price"), contents, details.Active, now);
        db.StarterKits.Add(kit);
        await db.SaveChangesAsync(ct);
        db.Audit(actor, "starter-kit.create", $"starter kit {kit.Id}", Describe(kit, contents), now);
        await db.SaveChangesAsync(ct);
        return kit;
    }

    /// <summary>
    /// Changes the kit the admin opened at <paramref name="basedOnVersion"/>. Refused (Conflict)
    /// when another change came first, also one saved at the same moment: the kit's version is a
    /// concurrency token, so of two saves based on one version only the first is written.
    /// </summary>
    public static async Task<StarterKit> UpdateAsync(MlmDbContext db, long id, int? basedOnVersion, StarterKitDetails details, string actor, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(details);
        var kit = await db.StarterKits.Include(k => k.Items).FirstOrDefaultAsync(k => k.Id == id, ct)
            ?? throw DomainRuleException.NotFound($"No starter kit has id {id}.");
        kit.CheckEditedFrom(basedOnVersion);
        var contents = await ContentsAsync(db, details, ct);
        kit.Update(details.Name, details.Description, Money.FromAmount(details.Price, "price"), contents, details.Active, now);
        db.Audit(actor, "starter-kit.update", $"starter kit {kit.Id}", Describe(kit, contents), now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || db.IsUniqueViolation(e))
        {
            // Another save of the same version committed first: its version moved on (or, on
            // PostgreSQL, its new product lines were written first). Nothing of this one is written.
            db.ChangeTracker.Clear();
            throw StarterKit.StaleEdit();
        }

        return kit;
    }

    /// <summary>Offers a kit again (refused while one of its products is not for sale) or stops offering it.</summary>
    public static async Task<StarterKit> SetActiveAsync(MlmDbContext db, long id, bool active, string actor, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var kit = await db.StarterKits.Include(k => k.Items).FirstOrDefaultAsync(k => k.Id == id, ct)
            ?? throw DomainRuleException.NotFound($"No starter kit has id {id}.");
        if (active)
        {
            kit.Activate(await ProductsOfAsync(db, [kit], ct), now);
        }
        else
        {
            kit.Deactivate(now);
        }

        db.Audit(actor, active ? "starter-kit.activate" : "starter-kit.deactivate", $"starter kit {kit.Id}", kit.Name, now);
        await db.SaveChangesAsync(ct);
        return kit;
    }

    private static async Task<List<StarterKitContent>> ContentsAsync(MlmDbContext db, StarterKitDetails details, CancellationToken ct)
    {
        var ids = details.Items.Select(i => i.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var contents = new List<StarterKitContent>();
        foreach (var (productId, quantity) in details.Items)
        {
            var product = products.GetValueOrDefault(productId) ?? throw DomainRuleException.Invalid($"No product has id {productId}.", "items");
            contents.Add(new StarterKitContent(product, quantity));
        }

        return contents;
    }

    private static async Task<IReadOnlyDictionary<long, Product>> ProductsOfAsync(MlmDbContext db, IEnumerable<StarterKit> kits, CancellationToken ct)
    {
        var ids = kits.SelectMany(k => k.Items).Select(i => i.ProductId).Distinct().ToList();
        return await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
    }

    private static AuditText Describe(StarterKit kit, IEnumerable<StarterKitContent> contents) =>
        $"{kit.Name}, price {kit.Price}, offered {kit.IsActive}: {string.Join(", ", contents.GroupBy(c => c.Product.Sku).Select(g => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{g.Sum(c => c.Quantity)} x {g.Key}")))}";
}
