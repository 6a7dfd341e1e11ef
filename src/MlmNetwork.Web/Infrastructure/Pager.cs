using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>Page-by-page browsing of a long list: fetch one row more than shown to know whether there is a next page.</summary>
public sealed class Pager(HttpRequest request, int page, bool hasMore)
{
    public const int Size = 50;

    /// <summary>The last page anybody may ask for: far beyond any real list, and small enough that the offset never overflows.</summary>
    public const int MaxPage = 100_000;

    /// <summary>A page number from a URL, kept between 1 and <see cref="MaxPage"/>.</summary>
    public static int Clamp(int page) => Math.Clamp(page, 1, MaxPage);

    public int Page { get; } = page;

    public bool HasMore { get; } = hasMore;

    /// <summary>One page of an ordered query, and the pager to browse the others.</summary>
    public static async Task<(IReadOnlyList<T> Items, Pager Pager)> ReadAsync<T>(IQueryable<T> ordered, HttpRequest request, int page, CancellationToken ct)
    {
        page = Clamp(page);
        var rows = await ordered.Skip((page - 1) * Size).Take(Size + 1).ToListAsync(ct);
        return (rows.Take(Size).ToList(), new Pager(request, page, rows.Count > Size));
    }

    public string UrlFor(int page)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .ToDictionary(q => q.Key, q => q.Value.ToString());
        query["page"] = page.ToString(CultureInfo.InvariantCulture);
        var builder = new QueryBuilder(query);
        return request.Path + builder.ToQueryString().Value;
    }
}
