using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MlmNetwork.Web.Api;

/// <summary>
/// Makes the schemas say what the API takes: in a request body (a type named <c>...Input</c>)
/// only the properties marked <see cref="RequiredAttribute"/> are required and never null, all
/// others are optional and may be null; text is typed as a string (the API's own string converter
/// hides that from the generator); amounts and percents are decimal numbers, never binary floats.
/// </summary>
internal sealed class ApiSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var required = context.JsonPropertyInfo?.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true;
        var nullable = context.JsonPropertyInfo is { } property ? property.IsGetNullable || property.IsSetNullable : context.ParameterDescription is not null;
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(string) && schema.Type is null)
        {
            schema.Type = JsonSchemaType.String | (nullable && !required ? JsonSchemaType.Null : 0);
        }
        else if (type == typeof(decimal))
        {
            schema.Format = "decimal";
        }

        if (required && schema.Type is { } kind)
        {
            schema.Type = kind & ~JsonSchemaType.Null;
        }

        var model = context.JsonTypeInfo.Type;
        if (context.JsonPropertyInfo is null && model.Namespace == typeof(ApiSchemaTransformer).Namespace && model.Name.EndsWith("Input", StringComparison.Ordinal))
        {
            schema.Required = context.JsonTypeInfo.Properties
                .Where(p => p.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true)
                .Select(p => p.Name)
                .ToHashSet(StringComparer.Ordinal);
        }

        return Task.CompletedTask;
    }
}
