using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// The app's localizer factory, watched: every string a page asks for in Russian that has no
/// Russian resource is noted, so a test can fail on it (English is the key, so a missing
/// translation would otherwise show up as English text and go unnoticed).
/// </summary>
public sealed class MissingTranslations(IOptions<LocalizationOptions> options, ILoggerFactory loggers) : IStringLocalizerFactory
{
    private readonly ResourceManagerStringLocalizerFactory inner = new(options, loggers);
    private readonly ConcurrentDictionary<string, byte> missing = new();

    /// <summary>"resource: key" of each lookup that found no Russian since the last <see cref="Take"/>.</summary>
    public IReadOnlyList<string> Take()
    {
        var found = missing.Keys.Order(StringComparer.Ordinal).ToList();
        missing.Clear();
        return found;
    }

    public IStringLocalizer Create(Type resourceSource) => new Watched(inner.Create(resourceSource), resourceSource.Name, this);

    public IStringLocalizer Create(string baseName, string location) => new Watched(inner.Create(baseName, location), baseName, this);

    private void Note(LocalizedString found, string resource)
    {
        if (found.ResourceNotFound && CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ru")
        {
            missing.TryAdd($"{resource}: {found.Name}", 0);
        }
    }

    private sealed class Watched(IStringLocalizer localizer, string resource, MissingTranslations owner) : IStringLocalizer
    {
        public LocalizedString this[string name] => Noted(localizer[name]);

        public LocalizedString this[string name, params object[] arguments] => Noted(localizer[name, arguments]);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => localizer.GetAllStrings(includeParentCultures);

        private LocalizedString Noted(LocalizedString found)
        {
            owner.Note(found, resource);
            return found;
        }
    }
}
