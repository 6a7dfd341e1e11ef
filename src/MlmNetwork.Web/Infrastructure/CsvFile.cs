using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using MlmNetwork.Domain;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// A CSV file for a spreadsheet: UTF-8 with a byte order mark (so names in Cyrillic open right),
/// CRLF line ends, text fields made safe by <see cref="CsvField.Safe"/>, and numbers, amounts and
/// dates written the same in every language (invariant: <c>1234.50</c>, <c>2026-11-27</c>), with
/// the currency in a column of its own.
/// </summary>
public sealed class CsvFile
{
    private readonly StringBuilder text = new();

    /// <summary>A file whose first line names the columns (plain identifiers such as <c>sale_id</c>).</summary>
    public CsvFile(params string[] columns) => text.Append(Header(columns));

    /// <summary>Adds a row; each value is written by kind (see <see cref="Field"/>).</summary>
    public CsvFile Row(params object?[] values)
    {
        text.Append(Line(values));
        return this;
    }

    public static string Header(params string[] columns) => string.Join(',', columns) + "\r\n";

    /// <summary>One row, each value written by kind (see <see cref="Field"/>), with its line end.</summary>
    public static string Line(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return string.Join(',', values.Select(Field)) + "\r\n";
    }

    /// <summary>Writes a file of any length straight to the response, row by row, instead of building it in memory first.</summary>
    public static async Task StreamAsync(HttpResponse response, string fileName, string[] columns, IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(rows);
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = fileName }.ToString();
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
        await writer.WriteAsync(Header(columns).AsMemory(), ct);
        await foreach (var row in rows.WithCancellation(ct))
        {
            await writer.WriteAsync(Line(row).AsMemory(), ct);
        }
    }

    public static string Field(object? value) => value switch
    {
        null => string.Empty,
        Money money => Amount(money),
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        bool flag => flag ? "true" : "false",
        DateTime instant => instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Period period => period.ToString(),
        _ => CsvField.Safe(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    /// <summary>An amount as a plain number in major units: <c>1234.50</c>, <c>-3.00</c>.</summary>
    public static string Amount(Money money) => money.Amount.ToString("0.00", CultureInfo.InvariantCulture);

    public FileContentResult Download(string fileName) =>
        new([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())], "text/csv; charset=utf-8") { FileDownloadName = fileName };
}
