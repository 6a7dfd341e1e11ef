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

    public string Body { get; private set; }

    /// <summary>What changed from the version before, in a line, for the history and for the people asked to accept it.</summary>
    public string? ChangeNote { get; private set; }

    public DateTime PublishedAt { get; private set; }

    public string PublishedBy { get; private set; }

    /// <summary>
    /// The version after <paramref name="latest"/>, in force from now. Refused: an empty text, a
    /// text longer than <see cref="BodyMaxLength"/>, and a text the same as the latest version's
    /// (everybody would be asked to accept again what they already accepted).
    /// </summary>
    public static TermsVersion Publish(TermsVersion? latest, string body, string? changeNote, DateTime now, string publishedBy)
    {
        var text = (body ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length == 0)
        {
            throw DomainRuleException.Invalid($"The terms need a text.", "body");
        }

        if (text.Length > BodyMaxLength)
        {
            throw DomainRuleException.Invalid($"The terms are longer than {BodyMaxLength} characters.", "body");
        }

        if (latest is not null && string.Equals(latest.Body, text, StringComparison.Ordinal))
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
            ChangeNote = note.Length == 0 ? null : note,
            PublishedAt = now,
            PublishedBy = string.IsNullOrWhiteSpace(publishedBy) ? "system" : publishedBy,
        };
    }
}
