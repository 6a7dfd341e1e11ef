namespace MlmNetwork.Web.Infrastructure;

/// <summary>Fields of a CSV file that people open in a spreadsheet.</summary>
public static class CsvField
{
    /// <summary>
    /// Quotes a field (doubling its quotes) and defuses a field that starts with =, +, -, @, a
    /// tab or a carriage return with a leading apostrophe, so a spreadsheet never runs it as a
    /// formula.
    /// </summary>
    public static string Safe(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
