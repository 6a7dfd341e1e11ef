using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MlmNetwork.Web.Api;

/// <summary>
/// Completes each operation of the OpenAPI document from the endpoint's metadata: the
/// <c>Idempotency-Key</c> header where it is required, the example request body, and what each
/// problem response (400, 401, 404, 409, 422, 429) means.
/// </summary>
internal sealed class ApiOperationTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, string> ProblemDescriptions = new()
    {
        ["400"] = "Bad request: the body, a header or a query parameter cannot be read (a problem response says which).",
        ["401"] = "No valid API key in the X-Api-Key header.",
        ["404"] = "Nothing has the id in the URL.",
        ["409"] = "Conflict with the current state: a duplicate (SKU, e-mail), a month already closed, a sale already refunded in full, a payout run already open...",
        ["422"] = "The request was read but a business rule refuses it; the problem's detail says why and its field which value (for example an unknown SKU, an inactive seller, or an Idempotency-Key reused with another body).",
        ["429"] = "Too many requests for this key (or, without a valid key, from this address); wait a moment and retry.",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<ApiDocs.IdempotencyKeyRequired>().FirstOrDefault() is { } idempotency)
        {
            operation.Parameters ??= [];
            operation.Parameters.Insert(0, new OpenApiParameter
            {
                Name = ApiV1.IdempotencyHeader,
                In = ParameterLocation.Header,
                Required = true,
                Description = idempotency.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = Domain.Sale.IdempotencyKeyMaxLength },
                Example = JsonValue.Create("order-10045"),
            });
        }

        if (metadata.OfType<ApiDocs.RequestExample>().FirstOrDefault() is { } example
            && operation.RequestBody?.Content is { } content
            && content.TryGetValue("application/json", out var json))
        {
            json.Example = JsonNode.Parse(example.Json);
        }

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (ProblemDescriptions.TryGetValue(status, out var text) && response is OpenApiResponse problem)
            {
                problem.Description = text;
            }
        }

        return Task.CompletedTask;
    }
}
