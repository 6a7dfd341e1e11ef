using System.Globalization;
using Microsoft.Extensions.Localization;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// A count with its noun, said with the plural form the reader's language needs: English has
/// two ("1 sale", "2 sales"), Russian three ("1 продажа", "2 продажи", "5 продаж"). The forms are
/// one text separated by <c>|</c>, <c>{0}</c> the count: the English is the key
/// (<c>"{0:N0} sale|{0:N0} sales"</c>) and the translation holds the language's own forms. Put it
/// as a value in a template that <see cref="TemplateText"/> shows.
/// </summary>
public sealed record Plural(long Count, string Forms)
{
    /// <summary>The count in its form, from <paramref name="localizer"/>'s translation of the forms.</summary>
    public string Text(IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var forms = localizer[Forms].Value.Split('|');
        var form = forms[Math.Min(FormIndex(Count, CultureInfo.CurrentUICulture), forms.Length - 1)];
        return string.Format(CultureInfo.CurrentCulture, form, Count);
    }

    /// <summary>Which form a count takes: English 0 (one) or 1 (other); Russian 0 (one: 1, 21), 1 (few: 2–4, 22–24), 2 (many: 0, 5–20, 25).</summary>
    public static int FormIndex(long count, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var n = Math.Abs(count);
        if (culture.TwoLetterISOLanguageName == "ru")
        {
            return (n % 10, n % 100) switch
            {
                (1, not 11) => 0,
                (>= 2 and <= 4, < 12 or > 14) => 1,
                _ => 2,
            };
        }

        return n == 1 ? 0 : 1;
    }

    public override string ToString()
    {
        var forms = Forms.Split('|');
        return string.Format(CultureInfo.InvariantCulture, forms[Count == 1 ? 0 : forms.Length - 1], Count);
    }
}
