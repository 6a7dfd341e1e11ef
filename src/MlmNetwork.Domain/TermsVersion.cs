namespace MlmNetwork.Domain;

/// <summary>
/// One version of the company's terms and policies (Markdown). A version is never edited: a
/// change is published as the next version, and the latest version is the one in force, which
/// every distributor must have accepted to go on working in the app.
/// </summary>
public sealed class TermsVersion
{
    public const int BodyMaxLength = 100_000;
    public const int NoteMaxLength = 300;

    private TermsVersion()
    {
        Body = string.Empty;
        PublishedBy = string.Empty;
    }

    /// <summary>1, 2, 3...: the latest is in force.</summary>
    public int Version { get; private set; }

    /// <summary>The text in English: every version has it, and it is what a reader of any other language is shown.</summary>
    public string Body { get; private set; }

    /// <summary>The same terms in Russian, when the company wrote them; null when it published them in English only.</summary>
    public string? RussianBody { get; private set; }

    /// <summary>What changed from the version before, in a line, for the history and for the people asked to accept it.</summary>
    public string? ChangeNote { get; private set; }

    public DateTime PublishedAt { get; private set; }

    public string PublishedBy { get; private set; }

    /// <summary>
    /// The version after <paramref name="latest"/>, in force from now, written by someone who saw
    /// <paramref name="basedOnVersion"/> as the latest (null: none). Refused: a page opened before
    /// another version was published (publishing would silently drop that version's text), an
    /// empty English text, a text longer than <see cref="BodyMaxLength"/>, and texts the same as the
    /// latest version's in both languages (everybody would be asked to accept again what they
    /// already accepted). The Russian text is optional; both texts are the one version accepted.
    /// </summary>
    public static TermsVersion Publish(TermsVersion? latest, int? basedOnVersion, string body, string? russianBody, string? changeNote, DateTime now, string publishedBy)
    {
        if (basedOnVersion != latest?.Version)
        {
            throw DomainRuleException.Conflict($"Version {latest?.Version ?? 0} was published since you opened this page. Read it below, then publish yours again if it is still needed.", "basedOn");
        }

        var text = Clean(body);
        if (text.Length == 0)
        {
            throw DomainRuleException.Invalid($"The terms need a text.", "body");
        }

        if (text.Length > BodyMaxLength)
        {
            throw DomainRuleException.Invalid($"The terms are longer than {BodyMaxLength} characters.", "body");
        }

        var russian = Clean(russianBody);
        if (russian.Length > BodyMaxLength)
        {
            throw DomainRuleException.Invalid($"The terms are longer than {BodyMaxLength} characters.", "russianBody");
        }

        var russianOrNull = russian.Length == 0 ? null : russian;
        if (latest is not null && string.Equals(latest.Body, text, StringComparison.Ordinal) && string.Equals(latest.RussianBody, russianOrNull, StringComparison.Ordinal))
        {
            throw DomainRuleException.Invalid($"The text is the same as version {latest.Version}: there is nothing new to publish.", "body");
        }

        var note = (changeNote ?? string.Empty).Trim();
        if (note.Length > NoteMaxLength)
        {
            throw DomainRuleException.Invalid($"The note is longer than {NoteMaxLength} characters.", "changeNote");
        }

        return new TermsVersion
        {
            Version = (latest?.Version ?? 0) + 1,
            Body = text,
            RussianBody = russianOrNull,
            ChangeNote = note.Length == 0 ? null : note,
            PublishedAt = now,
            PublishedBy = string.IsNullOrWhiteSpace(publishedBy) ? "system" : publishedBy,
        };
    }

    /// <summary>
    /// What a reader of <paramref name="language"/> (a two-letter code) is shown: the Russian
    /// text to a Russian reader when there is one, otherwise the English text; with the language
    /// of the text shown.
    /// </summary>
    public (string Text, string Language) TextFor(string language) =>
        language == "ru" && RussianBody is not null ? (RussianBody, "ru") : (Body, "en");

    private static string Clean(string? text) => (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
