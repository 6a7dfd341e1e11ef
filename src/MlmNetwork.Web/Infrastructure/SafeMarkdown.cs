using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// Markdown that admins write (training modules, the terms), shown to everybody as HTML that can
/// do no harm: Markdig renders it with raw HTML turned off (a tag typed in the text shows as
/// text), and HtmlSanitizer then keeps only harmless tags and attributes and http, https and
/// mailto links, so no script, event handler or <c>javascript:</c> link survives.
/// </summary>
public sealed class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .UseTaskLists()
        .Build();

    private readonly HtmlSanitizer sanitizer;

    public SafeMarkdown()
    {
        sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        // Inline styles are refused by the content security policy anyway; classes could borrow the app's own.
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("class");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement link)
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
    }

    /// <summary>The HTML of <paramref name="markdown"/>, safe to write into a page as is.</summary>
    public IHtmlContent Render(string? markdown) => new HtmlString(ToHtml(markdown));

    public string ToHtml(string? markdown) => sanitizer.Sanitize(Markdown.ToHtml(markdown ?? string.Empty, Pipeline));
}
