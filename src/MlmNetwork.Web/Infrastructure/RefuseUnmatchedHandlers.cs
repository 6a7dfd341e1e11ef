using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// A request no handler of the page answers (a POST to a page that only shows, an unknown
/// <c>?handler=</c>) is refused with 405 or 404, instead of rendering the page without its data.
/// </summary>
public sealed class RefuseUnmatchedHandlers : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (context.HandlerMethod is not null
            || http.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || http.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return;
        }

        var method = http.Request.Method;
        var readOnly = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        if (readOnly && context.ActionDescriptor.HandlerMethods.Count == 0)
        {
            return;
        }

        var allowed = context.ActionDescriptor.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Distinct().ToList();
        if (readOnly || allowed.Contains(method.ToUpperInvariant()))
        {
            // The method is served, but not under this handler name.
            context.Result = new NotFoundResult();
            return;
        }

        http.Response.Headers.Allow = string.Join(", ", allowed.DefaultIfEmpty("GET"));
        context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
