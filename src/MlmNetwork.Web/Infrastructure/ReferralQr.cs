using MlmNetwork.Domain;
using QRCoder;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// /qr/{code}.svg: the QR code of a referral link. A referral code is public by design (it is
/// printed on flyers). With <c>App:PublicBaseUrl</c> set the image never changes for a code, so
/// browsers and proxies cache it; without it the link comes from the request, and only the
/// browser that asked may keep it.
/// </summary>
public static class ReferralQr
{
    public static void MapReferralQr(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/qr/{code}.svg", (string code, HttpContext http, PublicLinks links) =>
        {
            var clean = ReferralCode.Normalize(code);
            if (clean is null)
            {
                return Results.NotFound();
            }

            using var generator = new QRCodeGenerator();
            using var qr = generator.CreateQrCode(links.JoinLink(http.Request, clean), QRCodeGenerator.ECCLevel.M);
            http.Response.Headers.CacheControl = links.IsFixed ? "public, max-age=86400, immutable" : "private, no-cache";
            return Results.Content(new SvgQRCode(qr).GetGraphic(4), "image/svg+xml");
        }).ExcludeFromDescription();
}
