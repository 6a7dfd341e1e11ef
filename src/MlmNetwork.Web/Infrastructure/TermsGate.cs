using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Onboarding;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// When the company publishes a new version of its terms, a logged-in distributor who has not
/// accepted it is sent to /Terms/Accept from any page (and cannot record a sale, or do anything
/// else, until they accept it); after accepting they go back where they were. The terms pages,
/// the account pages (log out, language) and the error page stay open. See ADR 013.
/// </summary>
public sealed class TermsGate(MlmDbContext db) : IAsyncPageFilter
{
    private static readonly string[] OpenFolders = ["/Terms/", "/Account/", "/Error"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var page = context.ActionDescriptor.ViewEnginePath;
        if (http.User.IsInRole(Roles.Distributor) && !OpenFolders.Any(f => page.StartsWith(f, StringComparison.Ordinal))
            && await db.ForAsync(http, http.RequestAborted) is { } me
            && await PendingForAsync(db, http, me.Id) is not null)
        {
            // A refused form (a sale, say) is not recorded: the terms page says so, and after
            // accepting the distributor goes back to the page the form was on, to send it again.
            var sent = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method);
            var back = sent ? http.Request.Path.ToString() : http.Request.Path + http.Request.QueryString;
            context.Result = new RedirectResult("/Terms/Accept?returnUrl=" + Uri.EscapeDataString(back) + (sent ? "&unsent=true" : string.Empty));
            return;
        }

        await next();
    }

    /// <summary>The terms version the distributor still has to accept (null: none), as this request's sign-in check read it.</summary>
    public static async Task<int?> PendingForAsync(MlmDbContext db, HttpContext http, long distributorId)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.SessionFactsFor(distributorId) is { } facts ? facts.PendingTerms : await TermsStore.PendingForAsync(db, distributorId, http.RequestAborted);
    }
}
