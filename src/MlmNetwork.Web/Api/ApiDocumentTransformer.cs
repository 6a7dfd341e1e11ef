using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Api;

/// <summary>Describes the API and its X-Api-Key authentication in the OpenAPI document.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "MlmNetwork API",
            Version = "v1",
            Description = """
                Products, the commission plan, distributors, sales, refunds, months and payouts of the company's network, for integrations (an online shop, a back office).

                - **Authentication**: every call sends an API key in the `X-Api-Key` header; admins issue and revoke keys on *Admin > API keys* (only a hash is kept). Without a valid key: 401.
                - **Exactly once**: `POST /api/v1/sales`, `/sales/batch` and `/sales/{id}/refund` need an `Idempotency-Key` header. The same key with the same body replays the first answer (header `Idempotent-Replayed: true`); with another body it is refused (422). Retrying after a timeout is always safe.
                - **Amounts** are JSON numbers in the currency's major unit with at most 2 decimals (`12.34`); percents likewise (`2.5` is 2.5 %). Times are UTC, ISO 8601.
                - **Errors** are RFC 7807 `application/problem+json`: 400 unreadable input, 401 no valid key, 404 unknown id, 409 conflict with the current state, 422 a business rule refuses the request (`detail` says why, `field` which value), 429 too many requests (wait and retry). Bad input never produces a 500.
                - **Lists** (`GET /sales`, `/distributors`, `/distributors/{id}/downline`, `/distributors/{id}/statements`) are paged by cursor: `limit` rows (default 50, at most 200), then pass the answer's `next` as `after` until `next` is null.
                """,
        };
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = "Products", Description = "The catalogue: what distributors sell, with its price and commission base." },
            new() { Name = "Commission plan", Description = "The versioned plan: the seller's percent and one percent per level above; a sale is paid under the version in force when it was made." },
            new() { Name = "Distributors", Description = "The network: enrolment under a sponsor, status, upline and direct recruits, balances and monthly statements." },
            new() { Name = "Sales", Description = "Sales to consumers and their refunds, posted exactly once with an Idempotency-Key." },
            new() { Name = "Periods", Description = "Closing a month: qualification, locking and statements." },
            new() { Name = "Payout runs", Description = "Paying what the network earned: propose, confirm as paid, or cancel." },
            new() { Name = "Reports", Description = "The company's finances per month, retail versus recruiting, market saturation and the published income disclosure." },
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "An API key issued on the admin API keys page.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [],
        });
        return Task.CompletedTask;
    }
}
