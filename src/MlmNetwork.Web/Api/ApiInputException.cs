namespace MlmNetwork.Web.Api;

/// <summary>
/// A 400 the API says in its own words (a missing Idempotency-Key, a body it cannot read), shown
/// to the client as written, in the request's language: like a refused rule, its template is the
/// key of its translation (Resources/Infrastructure/RuleMessages.ru.resx).
/// </summary>
public sealed class ApiInputException(FormattableString message)
    : BadHttpRequestException((message ?? throw new ArgumentNullException(nameof(message))).ToString(System.Globalization.CultureInfo.InvariantCulture))
{
    /// <summary>The message with its values as composite-format holes (<c>{0}</c>).</summary>
    public string Template { get; } = message.Format;

    /// <summary>The values of <see cref="Template"/>'s holes.</summary>
    public IReadOnlyList<object?> Arguments { get; } = message.GetArguments();
}
