using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Catalog;

/// <summary>What an admin or an integration types about a product; amounts in major units.</summary>
public sealed record ProductDetails(string Sku, string Name, decimal Price, decimal? CommissionBase);

/// <summary>
/// Adds and changes products for the admin pages and the API alike: the domain checks the
/// values, the SKU is unique (the database decides when two requests race), and every change
/// is audited with who made it.
/// </summary>
public static class ProductCatalog
{
    public static async Task<Product> CreateAsync(MlmDbContext db, ProductDetails details, string actor, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(details);
        var (price, basis) = Amounts(details);
        var product = Product.Create(details.Sku, details.Name, price, basis, now);
        if (await db.Products.AnyAsync(p => p.Sku == product.Sku, ct))
        {
            throw DuplicateSku(product.Sku);
        }

        db.Products.Add(product);
        await SaveAsync(db, product, "product.create", actor, now, ct);
        return product;
    }

    /// <summary>Changes name, price and base; the SKU stays. Posted sales keep what they recorded.</summary>
    public static async Task<Product> UpdateAsync(MlmDbContext db, long id, ProductDetails details, string actor, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(details);
        var (price, basis) = Amounts(details);
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw DomainRuleException.NotFound($"That product no longer exists.");
        product.Update(details.Name, price, basis);
        await SaveAsync(db, product, "product.update", actor, now, ct);
        return product;
    }

    private static (Money Price, Money? Basis) Amounts(ProductDetails details) =>
        (Money.FromAmount(details.Price, "price"), details.CommissionBase is { } b ? Money.FromAmount(b, "commissionBase") : null);

    private static async Task SaveAsync(MlmDbContext db, Product product, string action, string actor, DateTime now, CancellationToken ct)
    {
        db.Audit(actor, action, $"product {product.Sku}", $"name {product.Name}, price {product.Price}, base {product.CommissionBase}", now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            throw DuplicateSku(product.Sku);
        }
    }

    private static DomainRuleException DuplicateSku(string sku) => DomainRuleException.Conflict($"A product with SKU {sku} already exists.", "sku");
}
