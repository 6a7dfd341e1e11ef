using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MlmNetwork.Web.Pages.ApiReference;

/// <summary>
/// The interactive API reference: the OpenAPI document drawn by Swagger UI, whose files the app
/// serves itself (no CDN) under <see cref="AssetsPath"/>; open to anyone, like the document.
/// </summary>
public sealed class IndexModel : PageModel
{
    /// <summary>Where Swashbuckle's Swagger UI middleware serves its files.</summary>
    public const string AssetsPath = "ApiReference/ui";

    public const string DocumentUrl = "/openapi/v1.json";

    public void OnGet()
    {
    }
}
