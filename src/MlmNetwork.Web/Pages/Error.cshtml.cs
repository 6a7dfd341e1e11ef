using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages;

/// <summary>
/// The page people see for an error status (404, 403, 429, 500, ...), in the layout with a way
/// back. Reached by re-execution of the failed request, whatever its method; the API never
/// comes here (its errors stay problem JSON).
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ErrorModel(IStringLocalizer<ErrorModel> text, RuleMessages rules) : PageModel
{
    public int Code { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string Message { get; private set; } = string.Empty;

    public string? BackTo { get; private set; }

    public IActionResult OnGet(int? code) => Show(code);

    public IActionResult OnPost(int? code) => Show(code);

    public IActionResult OnPut(int? code) => Show(code);

    public IActionResult OnDelete(int? code) => Show(code);

    public IActionResult OnPatch(int? code) => Show(code);

    private PageResult Show(int? code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var failure = HttpContext.Features.Get<IExceptionHandlerFeature>();
        Code = reExecuted is not null || failure is not null ? Response.StatusCode : code is >= 400 and < 600 ? code.Value : 404;
        var detail = HttpContext.Items[RefuseControlCharacters.DetailItem] is string said
            ? text[said].Value
            : failure?.Error switch
            {
                DomainRuleException rule => rules.Text(rule),
                InvalidDataException => text["The form could not be read: text with control characters (such as NUL) cannot be accepted, and very long forms are refused too."].Value,
                _ => null,
            };
        var (title, message) = Code switch
        {
            400 => ("That request could not be read", "Part of what was sent is not valid. Go back, check the form and try again."),
            403 => ("Not allowed", "Your account may not open this page."),
            404 => ("Page not found", "There is no page at this address. It may have moved, or the link is mistyped."),
            405 => ("Not possible here", "This page cannot do that. Go back and use the page's own buttons."),
            409 or 422 => ("That could not be done", "The change was refused."),
            429 => ("Too many attempts", "You tried too often in a short time. Wait a minute, then try again."),
            503 => ("Temporarily unavailable", "The service cannot reach its data right now. Try again in a few minutes."),
            >= 500 => ("Something went wrong", "The page could not be shown because of an error on our side. It has been logged; try again later."),
            _ => ("Something is not right", "The request could not be completed."),
        };
        Title = text[title];
        Message = detail ?? text[message];

        var original = reExecuted?.OriginalPath ?? failure?.Path;
        BackTo = original is { Length: > 0 } && original.StartsWith('/') && !original.StartsWith("//", StringComparison.Ordinal) && !original.StartsWith("/Error", StringComparison.OrdinalIgnoreCase)
            ? original
            : null;
        Response.StatusCode = Code;
        return Page();
    }
}
