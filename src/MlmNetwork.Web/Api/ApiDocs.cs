namespace MlmNetwork.Web.Api;

/// <summary>Endpoint metadata the OpenAPI document is built from (see <see cref="ApiOperationTransformer"/>).</summary>
public static class ApiDocs
{
    /// <summary>The endpoint needs the <c>Idempotency-Key</c> header: a retry with the same key never acts twice.</summary>
    public sealed record IdempotencyKeyRequired(string Description);

    /// <summary>An example request body, as JSON.</summary>
    public sealed record RequestExample(string Json);

    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder, string description) =>
        builder.WithMetadata(new IdempotencyKeyRequired(description));

    public static RouteHandlerBuilder Example(this RouteHandlerBuilder builder, string json) =>
        builder.WithMetadata(new RequestExample(json));

    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder builder, string tag, string summary, string description) =>
        builder.WithTags(tag).WithSummary(summary).WithDescription(description);
}
