using System.Globalization;
using System.Text.Json;

namespace MlmNetwork.Benchmarks;

/// <summary>
/// dotnet run -c Release --project bench/MlmNetwork.Benchmarks -- [--distributors N] [--sales M] [--check] [--keep] [--no-copy] [--no-cluster] [--only-simulator [--reuse [--repeat N]]] [--drop-line-keys] [--app path/to/MlmNetwork.Web.dll]
/// (--no-cluster leaves out the load phases on two instances behind HAProxy and on the read replica;
/// --no-copy leaves out the raw COPY baseline of the lines, the longest phase after the import;
/// --drop-line-keys imports and COPYs with commission_lines' foreign keys dropped, then puts them back and times checking them;
/// --only-simulator imports every sale into one month and times only the plan simulator's replay of it;
/// with --reuse it replays again on the database an earlier --only-simulator --keep run of the same size left).
/// The PostgreSQL server comes from MLM_BENCH_POSTGRES (bench/run.sh starts a throwaway one).
/// dotnet run -c Release --project bench/MlmNetwork.Benchmarks -- chart docs/bench draws the growth charts from kept results.
/// </summary>
internal static class BenchmarkCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task<int> Main(string[] args)
    {
        if (args is ["chart", var folder])
        {
            foreach (var chart in GrowthChart.Draw(folder))
            {
                Console.WriteLine($"Wrote {chart}");
            }

            return 0;
        }

        var server = Environment.GetEnvironmentVariable("MLM_BENCH_POSTGRES")
            ?? Environment.GetEnvironmentVariable("MLM_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set MLM_BENCH_POSTGRES, or run bench/run.sh, which starts a PostgreSQL for the benchmark.");
        int Option(string name, int fallback) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

        string? Text(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var options = new BenchOptions(server, Option("--distributors", 1_000_000), Option("--sales", 1_000_000), Option("--seed", 2026), args.Contains("--check"), args.Contains("--keep"), Text("--app"), args.Contains("--no-copy"), args.Contains("--only-simulator"), args.Contains("--reuse"), Option("--repeat", 1), args.Contains("--drop-line-keys"), args.Contains("--no-cluster"));
        Console.WriteLine($"MlmNetwork benchmark: {options.Distributors:N0} distributors, {options.Sales:N0} sales, {Environment.ProcessorCount} cores");
        var run = new BenchmarkRun(options, Console.Out);
        await run.RunAsync(CancellationToken.None);
        Console.WriteLine();
        foreach (var figure in run.Figures)
        {
            Console.WriteLine(BenchmarkRun.Format(figure));
        }

        var output = Path.Combine("artifacts", "bench", $"results-{options.Distributors}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(new { options.Distributors, options.Sales, date = DateTime.UtcNow, figures = run.Figures }, Json));
        File.Copy(output, Path.Combine("artifacts", "bench", "results.json"), overwrite: true);
        Console.WriteLine($"Figures written to {output} and artifacts/bench/results.json");
        return run.Ledger is { Holds: false } ? 1 : 0;
    }
}
