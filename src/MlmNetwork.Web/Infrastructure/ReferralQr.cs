using MlmNetwork.Domain;
using QRCoder;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// /qr/{code}.svg: the QR code of a referral link. A referral code is public by design (it is
/// printed on flyers), the image never changes for a code, so browsers and proxies cache it and
/// the dashboard does not draw it on every request.
/// </summary>
public static class ReferralQr
{
    public static void MapReferralQr(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/qr/{code}.svg", (string code, HttpContext http) =>
        {
            var clean = ReferralCode.Normalize(code);
            if (clean is null)
            {
                return Results.NotFound();
            }

            using var generator = new QRCodeGenerator();
            using var qr = generator.CreateQrCode($"{http.Request.Scheme}://{http.Request.Host}/join/{clean}", QRCodeGenerator.ECCLevel.M);
            http.Response.Headers.CacheControl = "public, max-age=86400, immutable";
            return Results.Content(new SvgQRCode(qr).GetGraphic(4), "image/svg+xml");
        }).ExcludeFromDescription();
}
