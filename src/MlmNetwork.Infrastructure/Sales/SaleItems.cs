using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Sales;

/// <summary>Turns a request's lines into domain sale items: the same checks and messages for single sales and batches.</summary>
internal static class SaleItems
{
    /// <summary>The cleaned SKUs the lines name (a malformed SKU is refused here).</summary>
    public static List<string> Skus(IReadOnlyList<SaleRequestLine>? lines) =>
        [.. (lines ?? []).Select(l => Product.CleanSku(l.Sku)).Distinct()];

    /// <summary>The lines' products read from the database, resolved as <see cref="Resolve"/> does.</summary>
    public static async Task<List<SaleItem>> LoadAsync(MlmDbContext db, IReadOnlyList<SaleRequestLine> lines, CancellationToken ct)
    {
        var skus = Skus(lines);
        var products = await db.Products.AsNoTracking().Where(p => skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, ct);
        return Resolve(lines, products);
    }

    public static List<SaleItem> Resolve(IReadOnlyList<SaleRequestLine>? lines, IReadOnlyDictionary<string, Product> products)
    {
        if (lines is null || lines.Count == 0)
        {
            throw DomainRuleException.Invalid($"A sale needs at least one line.", "lines");
        }

        if (lines.Count > Sale.MaxLines)
        {
            throw DomainRuleException.Invalid($"A sale has at most {Sale.MaxLines} lines.", "lines");
        }

        var items = new List<SaleItem>(lines.Count);
        foreach (var line in lines)
        {
            var sku = Product.CleanSku(line.Sku);
            if (!products.TryGetValue(sku, out var product))
            {
                throw DomainRuleException.Invalid($"Unknown product SKU '{sku}'.", "lines");
            }

            items.Add(new SaleItem(product, line.Quantity));
        }

        return items;
    }
}
