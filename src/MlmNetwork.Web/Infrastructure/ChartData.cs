using System.Text.Json;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// One chart on a page: drawn by Chart.js (wwwroot/js/charts.js reads these values from the
/// canvas's data attributes, so no inline script is needed) and also given as a table for
/// screen readers and for anyone without JavaScript (Pages/Shared/_Chart.cshtml).
/// </summary>
/// <param name="Id">Unique on the page; the table and the canvas are named after it.</param>
/// <param name="Kind">Chart.js type: bar, line or doughnut.</param>
/// <param name="Title">Already in the reader's language.</param>
/// <param name="Labels">The x axis (or the slices), already in the reader's language.</param>
/// <param name="Series">Each series' name (reader's language) and values.</param>
/// <param name="Money">Whether the values are amounts (shown with the currency) or counts.</param>
public sealed record ChartData(string Id, string Kind, string Title, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, bool Money)
{
    public string LabelsJson => JsonSerializer.Serialize(Labels);

    public string SeriesJson => JsonSerializer.Serialize(Series.Select(s => new { label = s.Name, data = s.Values }));
}

public sealed record ChartSeries(string Name, IReadOnlyList<decimal> Values);
