using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using MlmNetwork.Infrastructure;
using Npgsql;

namespace MlmNetwork.Web.Tests;

/// <summary>The migration that adds the genealogy's counters fills them from the tree already there, on a database of its own.</summary>
public class GenealogyMigrationTests
{
    private const string BeforeGenealogyCounters = "20261127085951_PreferredCulture";

    [Fact]
    public async Task People_per_level_and_team_growth_are_counted_from_the_existing_tree_in_utc_months()
    {
        var server = Environment.GetEnvironmentVariable("MLM_TEST_POSTGRES") ?? throw new InvalidOperationException("MLM_TEST_POSTGRES is not set: run ./test.sh.");
        var name = $"mlm_migration_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin).ExecuteNonQueryAsync();
        }

        try
        {
            var options = new DbContextOptionsBuilder<NpgsqlMlmDbContext>();
            DatabaseSetup.ConfigureNpgsql(options, new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false, Timezone = "America/Sao_Paulo" }.ConnectionString);
            await using var db = new NpgsqlMlmDbContext(options.Options);
            // A session in another time zone than UTC: months are still counted in UTC.
            await db.GetService<IMigrator>().MigrateAsync(BeforeGenealogyCounters);
            // House > A (July) > B (1 September in UTC, still 31 August where it was entered) > C (August); A > D (August).
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO distributors (id, name, email, referral_code, sponsor_id, is_house, status, depth, joined_at, direct_recruit_count, downline_count) VALUES
                    (1, 'House', 'house@example.com', 'HOUSE001', NULL, true, 0, 0, '2026-01-01 00:00+00', 1, 4),
                    (2, 'A', 'a@example.com', 'AAAAAAA2', 1, false, 0, 1, '2026-07-15 10:00+00', 2, 3),
                    (3, 'B', 'b@example.com', 'BBBBBBB3', 2, false, 0, 2, '2026-08-31 23:30-02', 1, 1),
                    (4, 'C', 'c@example.com', 'CCCCCCC4', 3, false, 0, 3, '2026-08-10 10:00+00', 0, 0),
                    (5, 'D', 'd@example.com', 'DDDDDDD5', 2, false, 0, 2, '2026-08-20 10:00+00', 0, 0);
                """);

            await db.Database.MigrateAsync();

            var levels = await db.DownlineLevels.AsNoTracking().Select(l => new { l.DistributorId, l.Level, l.MemberCount }).ToListAsync();
            var growth = await db.DownlineGrowth.AsNoTracking().Select(g => new { g.DistributorId, g.PeriodKey, g.JoinedCount }).ToListAsync();
            Assert.Equal(
                [(1L, 1, 1L), (1L, 2, 2L), (1L, 3, 1L), (2L, 1, 2L), (2L, 2, 1L), (3L, 1, 1L)],
                levels.Select(l => (l.DistributorId, l.Level, l.MemberCount)).Order());
            Assert.Equal(
                [(1L, 202607, 1L), (1L, 202608, 2L), (1L, 202609, 1L), (2L, 202608, 2L), (2L, 202609, 1L), (3L, 202608, 1L)],
                growth.Select(g => (g.DistributorId, g.PeriodKey, g.JoinedCount)).Order());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
    }
}
