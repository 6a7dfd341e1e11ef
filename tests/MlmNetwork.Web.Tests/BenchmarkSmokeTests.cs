using MlmNetwork.Benchmarks;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// The benchmark at a small size, as a smoke test: it must run, produce its figures, and leave
/// a ledger whose every line is right. Its timings are not asserted (a test is no benchmark).
/// </summary>
public class BenchmarkSmokeTests
{
    [Fact]
    public async Task The_benchmark_runs_at_10000_distributors_and_its_lines_are_right()
    {
        var server = Environment.GetEnvironmentVariable("MLM_TEST_POSTGRES")
            ?? throw new InvalidOperationException("MLM_TEST_POSTGRES is not set: run the tests with ./test.sh.");
        var run = new BenchmarkRun(new BenchOptions(server, 10_000, 5_000, Check: true, KeepDatabase: true), TextWriter.Null);

        await run.RunAsync(CancellationToken.None);
        var countersOff = await TreeCountersOffAsync(server, run.DatabaseName);

        var figures = run.Figures.ToDictionary(f => f.Name, f => f.Value);
        foreach (var name in new[] { "generate.distributors.seconds", "import.seconds", "import.lines_per_second", "copy.lines.seconds", "import.ratio_to_copy", "bench.peak_working_set", "simulator.replay.seconds", "simulator.replay.distributors" })
        {
            Assert.True(figures.TryGetValue(name, out var value) && value > 0, $"{name} was not produced");
        }

        Assert.True(figures["import.sales"] > 4_500, "every active seller's sales were imported");
        Assert.True(figures["import.lines"] > figures["import.sales"] * 5, "a 10-level plan gives many lines per sale");
        Assert.NotNull(run.Ledger);
        Assert.True(run.Ledger.Holds, string.Join("\n", run.Ledger.Breaches.Select(b => $"{b.Rule}: {b.Detail}")));
        Assert.Equal((int)figures["import.sales"], run.Ledger.SalesChecked);
        Assert.Equal(0, countersOff);
    }

    /// <summary>
    /// Rows of the generated tree's per-level and per-month counters that differ from a recount
    /// by walking every member's upline (counted both ways); drops the database afterwards.
    /// </summary>
    private static async Task<long> TreeCountersOffAsync(string server, string database)
    {
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        try
        {
            await using var db = new Npgsql.NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var recount = new Npgsql.NpgsqlCommand(
                """
                WITH RECURSIVE up(member_id, joined_key, id, distance) AS (
                    SELECT id, CAST(to_char(joined_at AT TIME ZONE 'UTC', 'YYYYMM') AS integer), sponsor_id, 1 FROM distributors WHERE sponsor_id IS NOT NULL
                    UNION ALL
                    SELECT up.member_id, up.joined_key, d.sponsor_id, up.distance + 1 FROM up JOIN distributors d ON d.id = up.id WHERE d.sponsor_id IS NOT NULL
                ),
                levels AS (SELECT id, distance AS level, COUNT(*) AS n FROM up WHERE distance <= 20 GROUP BY id, distance),
                growth AS (SELECT id, joined_key, COUNT(*) AS n FROM up GROUP BY id, joined_key)
                SELECT (SELECT COUNT(*) FROM (SELECT * FROM levels EXCEPT SELECT distributor_id, level, member_count FROM downline_levels) a)
                     + (SELECT COUNT(*) FROM (SELECT distributor_id, level, member_count FROM downline_levels EXCEPT SELECT * FROM levels) b)
                     + (SELECT COUNT(*) FROM (SELECT * FROM growth EXCEPT SELECT distributor_id, period_key, joined_count FROM downline_growth) c)
                     + (SELECT COUNT(*) FROM (SELECT distributor_id, period_key, joined_count FROM downline_growth EXCEPT SELECT * FROM growth) d)
                """,
                db);
            return (long)(await recount.ExecuteScalarAsync())!;
        }
        finally
        {
            await ScratchDatabase.DropAsync(server, database);
        }
    }
}
