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
