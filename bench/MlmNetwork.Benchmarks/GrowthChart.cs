using System.Globalization;
using System.Text.Json;
using ScottPlot;

namespace MlmNetwork.Benchmarks;

/// <summary>
/// How cost grows with the network: reads the results-N.json files of benchmark runs at
/// several sizes and draws two charts (PNG): import and raw COPY time, and dashboard
/// throughput with 32 connections and with one, against the number of distributors.
/// </summary>
public static class GrowthChart
{
    private sealed record Run(int Distributors, Dictionary<string, double> Figures)
    {
        public double this[string name] => Figures.TryGetValue(name, out var value) ? value : double.NaN;
    }

    public static IReadOnlyList<string> Draw(string folder)
    {
        var runs = Directory.GetFiles(folder, "results-*.json")
            .Select(Read)
            .OrderBy(r => r.Distributors)
            .ToList();
        if (runs.Count < 2)
        {
            throw new InvalidOperationException($"{folder} needs the results of at least two benchmark sizes (results-N.json).");
        }

        double[] xs = [.. runs.Select(r => r.Distributors / 1000d)];
        var import = Path.Combine(folder, "growth-import.png");
        Save(
            import,
            "Import of a year of sales vs raw COPY of its lines",
            "seconds",
            xs,
            ("import (app's batch path)", [.. runs.Select(r => r["import.seconds"])]),
            ("raw binary COPY of the same lines", [.. runs.Select(r => r["copy.lines.seconds"])]));
        var dashboard = Path.Combine(folder, "growth-dashboard.png");
        Save(
            dashboard,
            "Dashboard of the biggest leader (wrk, 10 s)",
            "requests/s",
            xs,
            ("32 connections", [.. runs.Select(r => r["dashboard.requests_per_second"])]),
            ("1 connection", [.. runs.Select(r => r["dashboard.single.requests_per_second"])]));
        return [import, dashboard];
    }

    private static Run Read(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var figures = json.RootElement.GetProperty("figures").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("value").GetDouble());
        return new Run(json.RootElement.GetProperty("distributors").GetInt32(), figures);
    }

    private static void Save(string path, string title, string yLabel, double[] xs, params (string Label, double[] Ys)[] series)
    {
        var plot = new Plot();
        foreach (var (label, ys) in series)
        {
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = label;
            line.LineWidth = 2;
            line.MarkerSize = 8;
        }

        plot.Title(title);
        plot.XLabel("distributors (thousands; as many sales)");
        plot.YLabel(yLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            xs, [.. xs.Select(x => x.ToString("N0", CultureInfo.InvariantCulture) + "k")]);
        plot.Axes.SetLimitsY(0, series.SelectMany(s => s.Ys).Where(double.IsFinite).Max() * 1.15);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 520);
    }
}
