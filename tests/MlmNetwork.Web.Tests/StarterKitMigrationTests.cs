using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// The migration to starter kits (ADR 011) turns each product flagged as a starter kit into a
/// kit of that product, keeps what every distributor chose, and leaves the products' old
/// sales alone; on both databases, each of its own.
/// </summary>
public class StarterKitMigrationTests
{
    private const string LegacyRows = """
        INSERT INTO products (id, sku, name, price_cents, commission_base_cents, is_active, is_starter_kit, created_at)
        VALUES (1, 'KIT-START', 'Starter kit', 4900, 4900, TRUE, TRUE, '2026-01-01'),
               (2, 'VIT-C', 'Vitamin C', 1999, 1500, TRUE, FALSE, '2026-01-01'),
               (3, 'KIT-OLD', 'Old kit', 2500, 0, FALSE, TRUE, '2026-01-01');
        INSERT INTO distributors (id, name, email, referral_code, is_house, status, depth, joined_at, direct_recruit_count, downline_count, starter_kit_product_id)
        VALUES (1, 'House', 'house@example.com', 'HOUSE001', TRUE, 0, 0, '2026-01-01', 2, 2, NULL),
               (2, 'Rita', 'rita@example.com', 'RITA0002', FALSE, 0, 1, '2026-01-01', 0, 0, 1),
               (3, 'Oleg', 'oleg@example.com', 'OLEG0003', FALSE, 0, 1, '2026-01-01', 0, 0, 3);
        UPDATE distributors SET sponsor_id = 1 WHERE id > 1;
        """;

    [Fact]
    public Task On_PostgreSQL_flagged_products_become_kits_and_the_choices_are_kept() =>
        ScratchDatabase.RunAsync(db => AssertMigratesAsync(db, "20261127092007_GenealogyCounters"));

    [Fact]
    public async Task On_SQLite_flagged_products_become_kits_and_the_choices_are_kept()
    {
        var file = Path.Combine(Path.GetTempPath(), $"mlm_migration_{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteMlmDbContext>();
            DatabaseSetup.ConfigureSqlite(options, $"Data Source={file};Pooling=False");
            await using var db = new SqliteMlmDbContext(options.Options);
            await AssertMigratesAsync(db, "20261127092053_GenealogyCounters");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task AssertMigratesAsync(MlmDbContext db, string before)
    {
        await db.GetService<IMigrator>().MigrateAsync(before);
        await db.Database.ExecuteSqlRawAsync(LegacyRows);

        await db.Database.MigrateAsync();

        var kits = await db.StarterKits.AsNoTracking().Include(k => k.Items).OrderBy(k => k.Id).ToListAsync();
        Assert.Equal(
            [(1L, "Starter kit", 4900L, true), (3L, "Old kit", 2500L, false)],
            kits.Select(k => (k.Id, k.Name, k.Price.Cents, k.IsActive)));
        Assert.All(kits, k => Assert.Equal([(k.Id, 1)], k.Items.Select(i => (i.ProductId, i.Quantity))));
        Assert.Equal(
            [(1L, (long?)null), (2L, 1L), (3L, 3L)],
            (await db.Distributors.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Id, d.StarterKitId }).ToListAsync()).Select(d => (d.Id, d.StarterKitId)));
        // A starter kit pays no commission (rule 9), also when its product is sold on its own.
        Assert.Equal(
            [("KIT-START", 0L), ("VIT-C", 1500L), ("KIT-OLD", 0L)],
            (await db.Products.AsNoTracking().OrderBy(p => p.Id).ToListAsync()).Select(p => (p.Sku, p.CommissionBase.Cents)));

        // A kit made after the migration takes the next free id.
        var vitamins = await db.Products.SingleAsync(p => p.Sku == "VIT-C");
        db.StarterKits.Add(StarterKit.Create("New kit", null, new Money(1000), [new(vitamins, 1)], true, DateTime.UtcNow));
        await db.SaveChangesAsync();
        Assert.Equal(4, await db.StarterKits.Where(k => k.Name == "New kit").Select(k => k.Id).SingleAsync());
    }
}
