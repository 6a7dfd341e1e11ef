namespace MlmNetwork.Domain;

/// <summary>
/// A training module the company writes for its distributors: a title, a Markdown text, an
/// optional video link (https only), its place in the course, and whether it is published (a
/// draft is seen by admins only). A module is written in one language, which it records so the
/// page can say so (ADR 013): there is one course for everybody.
/// </summary>
public sealed class TrainingModule
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 100_000;
    public const int VideoUrlMaxLength = 500;
    public const int MaxPosition = 1000;

    /// <summary>The languages a module can be written in: the app's own.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "ru"];

    private TrainingModule()
    {
        Title = string.Empty;
        Body = string.Empty;
        Language = "en";
    }

    public long Id { get; private set; }

    public string Title { get; private set; }

    /// <summary>Markdown; shown rendered and sanitised, never as raw HTML.</summary>
    public string Body { get; private set; }

    /// <summary>The order of the course: lower first.</summary>
    public int Position { get; private set; }

    public string? VideoUrl { get; private set; }

    /// <summary>Two letters: the language the module is written in.</summary>
    public string Language { get; private set; }

    public bool IsPublished { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public static TrainingModule Create(string title, string body, int position, string? videoUrl, string language, bool published, DateTime now)
    {
        var module = new TrainingModule { CreatedAt = now };
        module.Update(title, body, position, videoUrl, language, published, now);
        return module;
    }

    /// <summary>
    /// Sets the module. Refused: no title or text, too long, a place outside 0 to
    /// <see cref="MaxPosition"/>, a language the app does not speak, and a video link that is not
    /// an absolute https address (a page never loads an http or script link for a reader).
    /// </summary>
    public void Update(string title, string body, int position, string? videoUrl, string language, bool published, DateTime now)
    {
        var cleanTitle = (title ?? string.Empty).Trim();
        if (cleanTitle.Length == 0 || cleanTitle.Length > TitleMaxLength)
        {
            throw DomainRuleException.Invalid($"A title is required (at most {TitleMaxLength} characters).", "title");
        }

        var cleanBody = (body ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (cleanBody.Length == 0 || cleanBody.Length > BodyMaxLength)
        {
            throw DomainRuleException.Invalid($"A text is required (at most {BodyMaxLength} characters).", "body");
        }

        if (position < 0 || position > MaxPosition)
        {
            throw DomainRuleException.Invalid($"The place in the course is a number from 0 to {MaxPosition}.", "position");
        }

        var cleanLanguage = (language ?? string.Empty).Trim().ToLowerInvariant();
        if (!Languages.Contains(cleanLanguage))
        {
            throw DomainRuleException.Invalid($"The language is English or Russian.", "language");
        }

        Title = cleanTitle;
        Body = cleanBody;
        Position = position;
        VideoUrl = CleanVideoUrl(videoUrl);
        Language = cleanLanguage;
        IsPublished = published;
        UpdatedAt = now;
    }

    /// <summary>An absolute https address of at most <see cref="VideoUrlMaxLength"/> characters, or null when none is given.</summary>
    public static string? CleanVideoUrl(string? url)
    {
        var text = (url ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (text.Length > VideoUrlMaxLength
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps
            || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw DomainRuleException.Invalid($"The video link must be an https:// address (at most {VideoUrlMaxLength} characters).", "videoUrl");
        }

        return uri.AbsoluteUri;
    }
}
