namespace MlmNetwork.Web.Infrastructure;

/// <summary>Fields of the CSV files the app hands out, safe to open in a spreadsheet.</summary>
public static class CsvField
{
    /// <summary>
    /// Quotes a field, and defuses a leading =, +, -, @, tab or carriage return with an apostrophe,
    /// so a spreadsheet never runs a name someone typed as a formula.
    /// </summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
