using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Network;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// "The chain a sale pays" is written twice: a recursive query for single sales
/// (<see cref="NetworkSql.ChainForAsync"/>) and an in-memory walk over a snapshot of the tree for
/// the batch path (<see cref="TreeSnapshot.ChainFor"/>). On random trees with random statuses and
/// random plans, both must give every seller the same members, distances and statuses, on both
/// databases and through each way the snapshot is loaded.
/// </summary>
public static class ChainAgreement
{
    public static async Task AssertBothChainsAgreeAsync(MlmDbContext db, int seed)
    {
        var random = new Random(seed);
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var house = await db.Distributors.FirstOrDefaultAsync(d => d.IsHouse);
        if (house is null)
        {
            house = Distributor.CreateHouse("House", "house@chains.example.com", "HOUSE" + seed, now);
            db.Distributors.Add(house);
            await db.SaveChangesAsync();
        }

        var members = new List<Distributor> { house };
        for (var i = 0; i < 200; i++)
        {
            // Mostly under the newest member, so chains run deep; otherwise anywhere in the tree.
            var sponsor = random.NextDouble() < 0.6 ? members[^1] : members[random.Next(members.Count)];
            var member = Distributor.Join(sponsor, $"Member {i}", $"m{seed}-{i}@chains.example.com", $"C{seed}X{i}", now);
            db.Distributors.Add(member);
            await db.SaveChangesAsync();
            members.Add(member);
        }

        foreach (var member in members.Skip(1))
        {
            var roll = random.NextDouble();
            member.ChangeStatus(roll < 0.6 ? DistributorStatus.Active : roll < 0.85 ? DistributorStatus.Inactive : DistributorStatus.Terminated, now);
        }

        await db.SaveChangesAsync();
        var ids = members.Select(m => m.Id).ToList();
        for (var p = 0; p < 6; p++)
        {
            var levels = Enumerable.Range(0, random.Next(0, 9)).Select(_ => Percent.FromValue(random.Next(1, 6))).ToList();
            var plan = CommissionPlan.Create(p + 1, Percent.FromValue(10), levels, compression: random.Next(2) == 0, Money.Zero, now, "test");
            var few = ids.OrderBy(_ => random.Next()).Take(7).ToList();
            var fromFew = await TreeSnapshot.LoadAsync(db, few, CancellationToken.None);
            // More sellers than the snapshot walks up from: it reads the whole table instead.
            var fromWhole = await TreeSnapshot.LoadAsync(db, [.. ids, .. Enumerable.Range(0, 2_100).Select(i => -1L - i)], CancellationToken.None);
            foreach (var id in ids)
            {
                var sql = await NetworkSql.ChainForAsync(db, id, plan, CancellationToken.None);
                var context = $"seed {seed}, plan {p} ({plan.LevelCount} levels, compression {plan.Compression}), seller {id}";
                Assert.True(sql.SequenceEqual(fromWhole.ChainFor(id, plan)), $"The snapshot of the whole tree disagrees with the SQL chain: {context}");
                if (few.Contains(id))
                {
                    Assert.True(sql.SequenceEqual(fromFew.ChainFor(id, plan)), $"The snapshot of a few uplines disagrees with the SQL chain: {context}");
                }

                Assert.Equal(id, sql[0].DistributorId);
                Assert.True(sql.Count <= members.Single(m => m.Id == id).Depth + 1);
            }
        }
    }
}

public class ChainAgreementOnPostgresTests(MlmAppFactory app) : AppTest(app)
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public Task The_sql_chain_and_the_snapshot_chain_agree_on_random_trees(int seed) =>
        App.WithDbAsync(async db =>
        {
            Assert.IsType<NpgsqlMlmDbContext>(db);
            await ChainAgreement.AssertBothChainsAgreeAsync(db, seed);
            return true;
        });
}

public sealed class ChainAgreementOnSqliteTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mlm-chains-").FullName;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task The_sql_chain_and_the_snapshot_chain_agree_on_random_trees(int seed)
    {
        var options = new DbContextOptionsBuilder<SqliteMlmDbContext>();
        DatabaseSetup.ConfigureSqlite(options, $"Data Source={Path.Combine(directory, $"chains-{seed}.db")}");
        await using var db = new SqliteMlmDbContext(options.Options);
        await db.Database.MigrateAsync();

        await ChainAgreement.AssertBothChainsAgreeAsync(db, seed);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left in the temp folder.
        }
    }
}
