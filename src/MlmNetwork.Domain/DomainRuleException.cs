namespace MlmNetwork.Domain;

/// <summary>What kind of rule a request broke; the web layer maps it to a status code.</summary>
public enum RuleBreach
{
    /// <summary>The input itself is not acceptable (422).</summary>
    Invalid,
    /// <summary>The input clashes with what already exists (409).</summary>
    Conflict,
    /// <summary>Something the input names does not exist (404 when it is the URL's subject, else 422).</summary>
    NotFound,
}

/// <summary>The one exception type the domain throws when a business rule refuses an operation.</summary>
public sealed class DomainRuleException : Exception
{
    public DomainRuleException(RuleBreach breach, string message, string? field = null)
        : base(message)
    {
        Breach = breach;
        Field = field;
        Template = message;
        Arguments = [];
    }

    /// <summary>A breach whose message the web layer can translate: its template is the key, its arguments are formatted for the reader.</summary>
    public DomainRuleException(RuleBreach breach, FormattableString message, string? field = null)
        : base(message?.ToString(System.Globalization.CultureInfo.InvariantCulture))
    {
        ArgumentNullException.ThrowIfNull(message);
        Breach = breach;
        Field = field;
        Template = message.Format;
        Arguments = message.GetArguments();
    }

    public DomainRuleException()
        : this(RuleBreach.Invalid, "A business rule was broken.")
    {
    }

    public DomainRuleException(string message)
        : this(RuleBreach.Invalid, message)
    {
    }

    public DomainRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Template = message;
        Arguments = [];
    }

    public RuleBreach Breach { get; }

    /// <summary>The message with its values as composite-format holes (<c>{0}</c>): the key of its translation.</summary>
    public string Template { get; } = string.Empty;

    /// <summary>The values of <see cref="Template"/>'s holes.</summary>
    public IReadOnlyList<object?> Arguments { get; } = [];

    /// <summary>The input field the breach is about, when there is one.</summary>
    public string? Field { get; }

    public static DomainRuleException Invalid(FormattableString message, string? field = null) => new(RuleBreach.Invalid, message, field);

    public static DomainRuleException Conflict(FormattableString message, string? field = null) => new(RuleBreach.Conflict, message, field);

    public static DomainRuleException NotFound(FormattableString message, string? field = null) => new(RuleBreach.NotFound, message, field);
}
