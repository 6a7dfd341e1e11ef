using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>The languages the app speaks, and the cookie that keeps a reader's choice.</summary>
public static class Languages
{
    public static readonly string[] Cultures = ["en-US", "ru-RU"];

    /// <summary>The supported culture a choice names ("ru", "ru-RU"), or null.</summary>
    public static string? Supported(string? choice) =>
        Cultures.FirstOrDefault(c => string.Equals(c, choice, StringComparison.OrdinalIgnoreCase)
            || string.Equals(c[..2], choice, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The browser's first language the app speaks, by preference: "ru", "ru-RU" or "ru-BY" all
    /// read as ru-RU (the framework's own provider would match "ru-RU" only and answer a plain
    /// "ru" in English).
    /// </summary>
    public static Task<ProviderCultureResult?> FromAcceptLanguageAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var chosen = http.Request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value is { } tag ? Supported(tag) ?? Supported(tag.Split('-')[0]) : null)
            .FirstOrDefault(c => c is not null);
        return Task.FromResult(chosen is null ? null : new ProviderCultureResult(chosen));
    }

    /// <summary>Keeps the choice for a year in the culture cookie that request localization reads.</summary>
    public static void Remember(HttpResponse response, string culture)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = response.HttpContext.Request.IsHttps });
    }

    /// <summary>The culture a message to somebody is written in: the language on their profile, else English.</summary>
    public static string ForRecipient(string? preferredCulture) => Supported(preferredCulture) ?? Cultures[0];

    /// <summary>Writes in <paramref name="culture"/> (texts, numbers, dates) until disposed, then goes back to the culture before.</summary>
    public static IDisposable Use(string culture) => new CultureScope(CultureInfo.GetCultureInfo(culture));

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(CultureInfo use)
        {
            CultureInfo.CurrentCulture = use;
            CultureInfo.CurrentUICulture = use;
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    /// <summary>The two-letter language of the page (the html lang attribute).</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
}
