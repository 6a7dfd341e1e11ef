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
        var run = new BenchmarkRun(new BenchOptions(server, 10_000, 5_000, Check: true), TextWriter.Null);

        await run.RunAsync(CancellationToken.None);

        var figures = run.Figures.ToDictionary(f => f.Name, f => f.Value);
        foreach (var name in new[] { "generate.distributors.seconds", "import.seconds", "import.lines_per_second", "copy.lines.seconds", "import.ratio_to_copy", "bench.peak_working_set" })
        {
            Assert.True(figures.TryGetValue(name, out var value) && value > 0, $"{name} was not produced");
        }

        Assert.True(figures["import.sales"] > 4_500, "every active seller's sales were imported");
        Assert.True(figures["import.lines"] > figures["import.sales"] * 5, "a 10-level plan gives many lines per sale");
        Assert.NotNull(run.Ledger);
        Assert.True(run.Ledger.Holds, string.Join("\n", run.Ledger.Breaches.Select(b => $"{b.Rule}: {b.Detail}")));
        Assert.Equal((int)figures["import.sales"], run.Ledger.SalesChecked);
    }
}
