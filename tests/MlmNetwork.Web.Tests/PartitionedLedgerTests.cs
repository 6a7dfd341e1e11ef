using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Ledger;
using MlmNetwork.Infrastructure.Sales;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// commission_lines partitioned by month on PostgreSQL (ADR 019): lines land in their month's
/// partition whatever path writes them, a month gets its partition before its first line, lines
/// the DEFAULT partition caught move into their month when it is made, and what the database no
/// longer guarantees (the cancelled line's existence, one forfeit per line, unique ids) the ledger
/// check proves.
/// </summary>
public class PartitionedLedgerTests(MlmAppFactory app) : AppTest(app)
{
    /// <summary>Each line's partition and month, and how many lines the DEFAULT partition holds.</summary>
    private Task<(List<(string Partition, int Period)> Lines, long InDefault)> WhereLinesAreAsync() => App.WithDbAsync(async db => (
        (await RawSql.QueryAsync(db, "SELECT tableoid::regclass::text, period_key FROM commission_lines ORDER BY id", r => (r.GetString(0), (int)r.Whole(1)), CancellationToken.None)).ToList(),
        (await RawSql.QueryAsync(db, "SELECT COUNT(*) FROM commission_lines_default", r => r.Whole(0), CancellationToken.None))[0]));

    private async Task<List<long>> ChainAsync()
    {
        await App.SetPlanAsync(10m, 5m, 3m);
        await App.CreateProductAsync("A", 100m);
        return [.. (await App.CreateChainAsync(3)).Select(d => d.Id())];
    }

    [Fact]
    public async Task Every_path_writes_lines_into_their_months_partition_made_before_the_first_line()
    {
        var months = await App.WithDbAsync(db => RawSql.QueryAsync(
            db,
            "SELECT k FROM unnest(@keys) AS m(k) WHERE to_regclass('commission_lines_' || k) IS NOT NULL",
            r => (int)r.Whole(0),
            CancellationToken.None,
            ("keys", Enumerable.Range(0, LedgerPartitions.MonthsAhead + 1).Select(i => Period.Of(DateTime.UtcNow.AddDays(-DateTime.UtcNow.Day + 1).AddMonths(i)).Key).ToArray())));
        Assert.Equal(LedgerPartitions.MonthsAhead + 1, months.Count); // this month and the next ones, made at start

        var chain = await ChainAsync();
        App.Clock.Set(new DateTime(2031, 5, 10, 9, 0, 0, DateTimeKind.Utc));
        // The batch (binary COPY) with an order back-dated into February, a month with no partition yet.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<SaleBatchPosting>().PostAsync(
                "back-dated",
                [new BatchSale(chain[2], [new SaleRequestLine("A", 1)], OrderDate: new DateOnly(2031, 2, 14)), new BatchSale(chain[1], [new SaleRequestLine("A", 2)])],
                null,
                CancellationToken.None);
            Assert.Equal(2, outcome.SaleCount);
        }

        // A single sale in May, then its refund in June: the reversals count in June.
        var sale = await App.PostSaleAsync(chain[2], "may", ("A", 1));
        Assert.Equal(HttpStatusCode.Created, sale.StatusCode);
        App.Clock.Set(new DateTime(2031, 6, 3, 9, 0, 0, DateTimeKind.Utc));
        var saleId = await App.WithDbAsync(db => db.Sales.Where(s => s.IdempotencyKey == "may").Select(s => s.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await App.RefundAsync(saleId, "june-refund")).StatusCode);

        var (lines, inDefault) = await WhereLinesAreAsync();
        Assert.Equal(0, inDefault);
        Assert.All(lines, l => Assert.Equal($"commission_lines_{l.Period}", l.Partition));
        Assert.Equal([203102, 203105, 203106], lines.Select(l => l.Period).Distinct().Order());
        Assert.Equal(3 + 2 + 3 + 3, lines.Count); // a chain of three earns on each sale; the second seller has two above
        var report = await App.WithDbAsync(db => new LedgerCheck(db).RunAsync(CancellationToken.None));
        Assert.True(report.Holds, string.Join("\n", report.Breaches.Select(b => b.Detail)));
    }

    [Fact]
    public async Task Lines_the_default_partition_caught_move_into_their_month_when_its_partition_is_made()
    {
        var chain = await ChainAsync();
        App.Clock.Set(new DateTime(2032, 7, 5, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.Created, (await App.PostSaleAsync(chain[2], "july", ("A", 1))).StatusCode);
        // As if July's partition had not been made in time (a lock held too long): its lines sit in the DEFAULT partition.
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
            ALTER TABLE commission_lines DETACH PARTITION commission_lines_203207;
            INSERT INTO commission_lines SELECT * FROM commission_lines_203207;
            DROP TABLE commission_lines_203207;
            """));
        Assert.Equal(3, (await WhereLinesAreAsync()).InDefault);
        var lineId = await App.WithDbAsync(db => db.CommissionLines.Select(l => l.Id).MinAsync());

        // An app instance starting (or a sale of that month) makes the month's partition, which takes its lines in.
        var partitions = new LedgerPartitions(App.Services.GetRequiredService<IDbContextFactory<MlmDbContext>>(), NullLogger<LedgerPartitions>.Instance);
        await partitions.EnsureAsync([203207], CancellationToken.None);

        var (lines, inDefault) = await WhereLinesAreAsync();
        Assert.Equal(0, inDefault);
        Assert.Equal(3, lines.Count(l => l.Partition == "commission_lines_203207"));
        var admin = await App.LoginAsAdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Lines/{lineId}")).StatusCode);
        var report = await App.WithDbAsync(db => new LedgerCheck(db).RunAsync(CancellationToken.None));
        Assert.True(report.Holds, string.Join("\n", report.Breaches.Select(b => b.Detail)));
    }

    [Fact]
    public async Task The_ledger_check_catches_what_the_partitioned_table_no_longer_refuses()
    {
        var chain = await ChainAsync();
        App.Clock.Set(new DateTime(2033, 3, 10, 9, 0, 0, DateTimeKind.Utc));
        await App.PostSaleAsync(chain[2], "march", ("A", 1));
        var line = await App.WithDbAsync(db => db.CommissionLines.Where(l => l.BeneficiaryId == chain[2]).Select(l => new { l.SaleId, l.Id }).SingleAsync());
        var (saleId, lineId) = (line.SaleId, line.Id);
        Assert.True((await App.WithDbAsync(db => new LedgerCheck(db).RunAsync(CancellationToken.None))).Holds);

        // The database still refuses a second forfeit of a line in the line's month...
        const string Forfeit = "INSERT INTO commission_lines (sale_id, beneficiary_id, level, distance, basis_points, amount_cents, plan_version, kind, created_at, period_key, reverses_line_id) SELECT sale_id, beneficiary_id, level, distance, basis_points, -100, plan_version, 2, now(), {0}, id FROM commission_lines WHERE id = {1}";
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(Forfeit, 203303, lineId));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(Forfeit, 203303, lineId)));
        // ...but not what a foreign key to the line, or a unique id, refused before: a forfeit in
        // another month (a second one of the same line), a reversal of a line that does not exist,
        // and a line numbered like another.
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(Forfeit, 203304, lineId));
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO commission_lines (sale_id, beneficiary_id, level, distance, basis_points, amount_cents, plan_version, kind, created_at, period_key, reverses_line_id) SELECT sale_id, beneficiary_id, level, distance, basis_points, -1, plan_version, 1, now(), 203303, 987654321 FROM commission_lines WHERE id = {0}",
            lineId));
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO commission_lines (id, sale_id, beneficiary_id, level, distance, basis_points, amount_cents, plan_version, kind, created_at, period_key) SELECT id, sale_id, beneficiary_id, level, distance, basis_points, amount_cents, plan_version, 0, now(), 203305 FROM commission_lines WHERE id = {0}",
            lineId));

        var report = await App.WithDbAsync(db => new LedgerCheck(db).RunAsync(CancellationToken.None));
        Assert.Contains(report.Breaches, b => b.Rule == "forfeits in their line's month" && b.Detail.Contains($"sale {saleId}: forfeit line", StringComparison.Ordinal) && b.Detail.Contains("counts in 2033-04", StringComparison.Ordinal));
        Assert.Contains(report.Breaches, b => b.Rule == "a line is forfeited once" && b.Detail.StartsWith($"sale {saleId}: line {lineId} is forfeited 2 times", StringComparison.Ordinal));
        Assert.Contains(report.Breaches, b => b.Rule == "reversals mirror" && b.Detail.Contains("does not cancel (part of) line 987654321", StringComparison.Ordinal));
        Assert.Contains(report.Breaches, b => b.Rule == "line ids are unique" && b.Detail == $"2 lines have the id {lineId}");

        // The admin's page says so, in Russian too.
        var admin = await App.LoginAsAdminAsync();
        var page = await (await admin.PostFormAsync("/Admin/Ledger", [])).TextAsync();
        Assert.Contains("line ids are unique", page);
    }
}

/// <summary>The migration that partitions the ledger keeps every line, its id and its month, on a database of its own.</summary>
public class PartitionedLedgerMigrationTests
{
    private const string BeforePartitioning = "20261127151440_RetailShareQualification";

    [Fact]
    public async Task Lines_recorded_before_keep_their_ids_and_go_into_their_months_and_new_ids_follow_on()
    {
        await ScratchDatabase.RunAsync(async db =>
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforePartitioning);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO distributors (id, name, email, referral_code, is_house, status, depth, joined_at, direct_recruit_count, downline_count)
                VALUES (1, 'House', 'house@example.com', 'HOUSE001', true, 0, 0, '2026-01-01', 1, 1),
                       (2, 'Ирина Петрова', 'irina@example.com', 'IRINA002', false, 0, 1, '2026-01-01', 0, 0);
                UPDATE distributors SET sponsor_id = 1 WHERE id = 2;
                INSERT INTO commission_plans (version, personal_basis_points, level_basis_points, compression, min_personal_volume_cents, effective_from, created_by, forfeit_below_customer_share)
                VALUES (1, 1000, '500', false, 0, '2026-01-01', 'admin', false);
                INSERT INTO sales (id, distributor_id, created_at, period_key, total_cents, base_cents, plan_version, idempotency_key, request_hash)
                VALUES (7, 2, '2026-08-20 10:00+00', 202608, 10000, 10000, 1, 'old-1', 'h1'),
                       (8, 2, '2026-09-02 10:00+00', 202609, 5000, 5000, 1, 'old-2', 'h2');
                INSERT INTO commission_lines (id, sale_id, beneficiary_id, level, distance, basis_points, amount_cents, plan_version, kind, created_at, period_key, reverses_line_id, reason)
                VALUES (40, 7, 2, 0, 0, 1000, 1000, 1, 0, '2026-08-20 10:00+00', 202608, NULL, NULL),
                       (41, 8, 2, 0, 0, 1000, 500, 1, 0, '2026-09-02 10:00+00', 202609, NULL, NULL),
                       (57, 7, 2, 0, 0, 1000, -1000, 1, 1, '2026-09-05 10:00+00', 202609, 40, 'refund');
                """);

            await db.Database.MigrateAsync();

            var lines = await RawSql.QueryAsync(db, "SELECT id, tableoid::regclass::text, amount_cents, reverses_line_id FROM commission_lines ORDER BY id", r => (r.Whole(0), r.GetString(1), r.Whole(2), r.IsDBNull(3) ? (long?)null : r.Whole(3)), CancellationToken.None);
            Assert.Equal(
                [(40L, "commission_lines_202608", 1000L, (long?)null), (41L, "commission_lines_202609", 500L, null), (57L, "commission_lines_202609", -1000L, 40L)],
                lines);
            Assert.Equal(["r"], await RawSql.QueryAsync(db, "SELECT partstrat::text FROM pg_partitioned_table WHERE partrelid = 'commission_lines'::regclass", r => r.GetString(0), CancellationToken.None));
            var next = await RawSql.QueryAsync(db, "INSERT INTO commission_lines (sale_id, beneficiary_id, level, distance, basis_points, amount_cents, plan_version, kind, created_at, period_key) VALUES (8, 2, 0, 0, 1000, 1, 1, 0, now(), 202609) RETURNING id", r => r.Whole(0), CancellationToken.None);
            Assert.Equal([58L], next);
            // The foreign keys the ledger keeps on PostgreSQL still refuse a line of a sale that does not exist.
            await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlRawAsync("INSERT INTO commission_lines (sale_id, beneficiary_id, level, distance, basis_points, amount_cents, plan_version, kind, created_at, period_key) VALUES (999, 2, 0, 0, 1000, 1, 1, 0, now(), 202609)"));
        });
    }
}
