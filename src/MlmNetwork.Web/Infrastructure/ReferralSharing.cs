using Microsoft.AspNetCore.Antiforgery;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// POST /getting-started/referral-shared: the dashboard's Copy button and QR download say that
/// the distributor shared their referral link (wwwroot/js/getting-started.js, with the
/// antiforgery token in a header); the getting-started step is then done. Noted once, and not
/// while the distributor has new terms to accept (<see cref="TermsGate"/>).
/// </summary>
public static class ReferralSharing
{
    public static void MapReferralSharing(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/getting-started/referral-shared", async (HttpContext http, IAntiforgery antiforgery, MlmDbContext db, BusinessClock clock) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            var me = await db.ForAsync(http, http.RequestAborted);
            if (me is null)
            {
                return Results.Forbid();
            }

            // Like every page behind the terms gate: nothing is recorded until the new terms are accepted.
            if (await TermsGate.PendingForAsync(db, http, me.Id) is not null)
            {
                return Results.Conflict();
            }

            var tracked = await db.Distributors.FindAsync([me.Id], http.RequestAborted);
            if (tracked!.MarkReferralLinkShared(clock.UtcNow))
            {
                await db.SaveChangesAsync(http.RequestAborted);
            }

            return Results.NoContent();
        }).RequireAuthorization(Policies.Distributor).ExcludeFromDescription();
}
