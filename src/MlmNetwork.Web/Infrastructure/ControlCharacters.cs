using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// Text people and integrations send never holds control characters (a NUL cannot even be
/// stored by PostgreSQL); tabs and line breaks are the exception. Forms and the JSON API refuse
/// such text with a 400 before it reaches a query.
/// </summary>
public static class ControlCharacters
{
    public const string Message = "Text with control characters (such as NUL) cannot be accepted.";

    public static bool In(string? text)
    {
        if (text is null)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n'))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Refuses a URL whose path or query holds control characters, before anything decodes it further (400).</summary>
public static class ControlCharactersInUrl
{
    public static IApplicationBuilder UseRefuseControlCharactersInUrl(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (ControlCharacters.In(request.Path.Value) || ControlCharacters.In(Decoded(request.QueryString.Value)))
            {
                context.Items[RefuseControlCharacters.DetailItem] = ControlCharacters.Message;
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                if (request.IsApi())
                {
                    await Results.Problem(title: "Bad request", detail: context.RequestServices.GetRequiredService<RuleMessages>().Text(ControlCharacters.Message), statusCode: 400).ExecuteAsync(context);
                }

                return;
            }

            await next(context);
        });

    private static string? Decoded(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return query;
        }

        try
        {
            return Uri.UnescapeDataString(query.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return query;
        }
    }
}

/// <summary>Refuses a form post, query string or route value with control characters (400, shown as a page).</summary>
public sealed class RefuseControlCharacters : IPageFilter
{
    public const string DetailItem = "mlm.error-detail";

    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null
            || context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
        {
            return;
        }

        var request = context.HttpContext.Request;
        var bad = request.Query.Any(q => ControlCharacters.In(q.Key) || q.Value.Any(ControlCharacters.In))
            || context.RouteData.Values.Values.Any(v => v is string s && ControlCharacters.In(s))
            || (request.HasFormContentType && request.Form.Any(f => ControlCharacters.In(f.Key) || f.Value.Any(ControlCharacters.In)));
        if (bad)
        {
            context.HttpContext.Items[DetailItem] = ControlCharacters.Message;
            context.Result = new BadRequestResult();
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}

/// <summary>Reads JSON strings for the API, refusing control characters (the API answers 400).</summary>
public sealed class TextWithoutControlCharacters : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return ControlCharacters.In(text) ? throw new JsonException(ControlCharacters.Message) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
