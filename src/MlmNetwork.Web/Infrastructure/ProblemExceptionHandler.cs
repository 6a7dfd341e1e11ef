using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Sales;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// Turns a refused business rule into an RFC 7807 answer (409 or 422) and unreadable input into
/// a 400, so bad input never surfaces as a 500; an unreachable database is a 503. Pages for
/// people get the same status as an HTML page instead (the /Error page). The detail is in the
/// request's language (RuleMessages); so is the title, like every problem's (<see cref="Localize"/>).
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, RuleMessages rules) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!httpContext.Request.IsApi())
        {
            return false;
        }

        if (exception is BatchRejectedException rejected)
        {
            httpContext.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            var batchProblem = new ProblemDetails { Status = 422, Title = "Batch refused", Detail = rules.Format($"{rejected.Errors.Count} rows of the batch are not valid; nothing was posted.") };
            batchProblem.Extensions["errors"] = rejected.Errors.Select(e => new { row = e.Row, message = e.Rule is { } rule ? rules.Text(rule) : e.Message }).ToList();
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = batchProblem, Exception = exception });
        }

        var (status, title, detail, field) = exception switch
        {
            DomainRuleException rule => (StatusFor(rule), TitleFor(rule.Breach), rules.Text(rule), rule.Field),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", DetailFor(bad, httpContext), (string?)null),
            InvalidDataException unreadable => (400, "Bad request", unreadable.Message, null),
            _ when ExceptionStatus.IsDatabaseOutage(exception) => (503, "Service unavailable", rules.Text(DatabaseOutage), null),
            _ => (0, string.Empty, string.Empty, null),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    public const string UnreadableBody = "The request body is missing or is not the JSON this endpoint takes.";

    public const string DatabaseOutage = "The database cannot be reached right now; try again shortly.";

    /// <summary>
    /// Every problem the API answers (a refused rule, a 401 or 404 of the framework, a 429 of the
    /// rate limiter) gets its title in the request's language; the field names stay as they are.
    /// Titles are looked up in sentence case ("Not Found" of the framework as "Not found"), one
    /// key each: resource names differing only in case are not kept apart.
    /// </summary>
    public static void Localize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ProblemDetails.Title is { Length: > 0 } title)
        {
            var translated = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<ProblemExceptionHandler>>()[title[..1] + title[1..].ToLowerInvariant()];
            if (!translated.ResourceNotFound)
            {
                context.ProblemDetails.Title = translated.Value;
            }
        }
    }

    /// <summary>
    /// A 400 we threw ourselves (a missing Idempotency-Key, ...) says what we wrote. One the
    /// framework threw while reading an endpoint's JSON body names its parameters and types
    /// ("Implicit body inferred for parameter...", "Failed to read parameter..."), so it is said
    /// in plain words instead.
    /// </summary>
    private string DetailFor(BadHttpRequestException bad, HttpContext http)
    {
        if (bad is Api.ApiInputException input)
        {
            return rules.Text(input);
        }

        if (bad.StatusCode == StatusCodes.Status400BadRequest && (bad.InnerException is JsonException || TakesABody(http)))
        {
            return rules.Text(UnreadableBody);
        }

        // The framework names the parameter's .NET type ("Failed to bind parameter \"Nullable<int> limit\" from \"abc\"."): say it plainly.
        var binding = UnboundParameter().Match(bad.Message);
        return binding.Success
            ? rules.Format($"{binding.Groups["value"].Value} is not a valid value of {binding.Groups["name"].Value}; the API reference gives its form.")
            : bad.Message;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"[^\" ]+ (?<name>[^\"]+)\" from \"(?<value>.*)\"\\.$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex UnboundParameter();

    /// <summary>Whether the endpoint that failed reads a body (the handler runs after the endpoint is cleared from the context).</summary>
    private static bool TakesABody(HttpContext http) =>
        http.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>() is not null;

    /// <summary>409 for a conflict; 404 when the subject of the URL does not exist; 422 for any other refused input.</summary>
    public static int StatusFor(DomainRuleException rule) => rule?.Breach switch
    {
        RuleBreach.Conflict => StatusCodes.Status409Conflict,
        RuleBreach.NotFound when rule.Field is null => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    private static string TitleFor(RuleBreach breach) => breach switch
    {
        RuleBreach.Conflict => "Conflict",
        RuleBreach.Invalid => "Unprocessable request",
        RuleBreach.NotFound => "Not found",
    };
}
