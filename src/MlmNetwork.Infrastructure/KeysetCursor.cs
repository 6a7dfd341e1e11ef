using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// Where the next page of a list starts: the sort keys of the last row shown, as an opaque
/// URL-safe text (the <c>next</c> of one page is the <c>after</c> of the following one), so a
/// page is read from an index at any depth instead of skipping the rows before it.
/// </summary>
public static class KeysetCursor
{
    public static string Encode(params long[] keys) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Join('.', keys.Select(k => k.ToString(CultureInfo.InvariantCulture)))));

    /// <summary>The <paramref name="count"/> non-negative keys of a cursor; false for anything this never wrote.</summary>
    public static bool TryDecode(string? cursor, int count, out long[] keys)
    {
        keys = [];
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 100)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = Encoding.ASCII.GetString(bytes).Split('.');
        var parsed = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out parsed[i]))
            {
                return false;
            }
        }

        if (parsed.Length != count)
        {
            return false;
        }

        keys = parsed;
        return true;
    }
}
