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
    }

    public RuleBreach Breach { get; }

    /// <summary>The input field the breach is about, when there is one.</summary>
    public string? Field { get; }

    public static DomainRuleException Invalid(string message, string? field = null) => new(RuleBreach.Invalid, message, field);

    public static DomainRuleException Conflict(string message, string? field = null) => new(RuleBreach.Conflict, message, field);

    public static DomainRuleException NotFound(string message, string? field = null) => new(RuleBreach.NotFound, message, field);
}
