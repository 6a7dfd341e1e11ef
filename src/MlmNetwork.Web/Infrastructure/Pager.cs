using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>Page-by-page browsing of a long list: fetch one row more than shown to know whether there is a next page.</summary>
public sealed class Pager(HttpRequest request, int page, bool hasMore)
{
    public const int Size = 50;

    public int Page { get; } = page;

    public bool HasMore { get; } = hasMore;

    public static int Normalize(int page) => Math.Clamp(page, 1, 100_000);

    public static int Skip(int page) => (Normalize(page) - 1) * Size;

    public string UrlFor(int page)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .ToDictionary(q => q.Key, q => q.Value.ToString());
        query["page"] = page.ToString(CultureInfo.InvariantCulture);
        var builder = new QueryBuilder(query);
        return request.Path + builder.ToQueryString().Value;
    }
}
