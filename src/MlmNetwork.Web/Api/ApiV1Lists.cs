using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Infrastructure.Sales;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Api;

/// <summary>
/// The API's lists: sales, distributors, a distributor's direct recruits and statements. Each is
/// read a page at a time from an index: <c>limit</c> rows (default 50, at most 200) after the
/// cursor <c>after</c>, which is the <c>next</c> of the page before.
/// </summary>
internal static class ApiV1Lists
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    private const string Paging = " Paged: `limit` rows (default 50; more than 200 gives 200), then pass the answer's `next` as `after` for the following page until `next` is null. A `limit` below 1 or an `after` this list did not give is a 400.";

    public static void MapLists(RouteGroupBuilder api)
    {
        api.MapGet("/sales", ListSalesAsync)
            .Describe("Sales", "List sales", "Sales newest first, filtered like the admin's sales list: a `month` (yyyy-MM) or `from`/`to` days (yyyy-MM-dd, UTC, both included), a `distributor` (id, or part of a name or e-mail in any case or script), a refund `status`." + Paging);
        api.MapGet("/distributors", ListDistributorsAsync)
            .Describe("Distributors", "List distributors", "Distributors in the order they joined (by id), the company's house account left out; `q` finds a part of a name or e-mail (any case or script), a referral code or an id; `status` keeps one status." + Paging);
        api.MapGet("/distributors/{id:long}/downline", ListDownlineAsync).ProducesProblem(404)
            .Describe("Distributors", "List a distributor's direct recruits", "The people the distributor recruited directly, in the order they joined, each with how many they recruited and how many are below them; walk deeper by asking for a recruit's own downline." + Paging);
        api.MapGet("/distributors/{id:long}/statements", ListStatementsAsync).ProducesProblem(404)
            .Describe("Distributors", "List a distributor's monthly statements", "The statements of the closed months, newest first: the balance at the start, the month's earned, reversed, forfeited and paid amounts, the balance at the end, and whether the minimum personal volume was met." + Paging);
    }

    private static async Task<Ok<PageDto<SaleSummaryDto>>> ListSalesAsync(
        MlmDbContext db,
        CancellationToken ct,
        [Description("A month, yyyy-MM; takes the place of from and to.")] string? month = null,
        [Description("The first day, yyyy-MM-dd (UTC).")] string? from = null,
        [Description("The last day, yyyy-MM-dd (UTC), included.")] string? to = null,
        [Description("The seller: an id, or a part of a name or e-mail (at most 50 distributors may match).")] string? distributor = null,
        [Description("NotRefunded, PartlyRefunded or Refunded.")] string? status = null,
        [Description("Rows per page, 1 to 200 (default 50).")] int? limit = null,
        [Description("The next of the page before.")] string? after = null)
    {
        var query = await SaleListQuery.ReadAsync(db, new SaleListInput(month, from, to, distributor, status), ct);
        if (!query.Valid)
        {
            // The first filter that cannot be read (in English: the list's own messages are translated on its page only).
            var problem = query.Problems[0];
            throw new ApiInputException($"{problem.Field}: {problem.English}");
        }

        if (after is not null && !SaleList.IsCursor(after))
        {
            throw BadCursor();
        }

        var page = await SaleList.PageAsync(db, query.Filter, after, Limit(limit), ct);
        return TypedResults.Ok(new PageDto<SaleSummaryDto>([.. page.Rows.Select(SaleSummaryDto.From)], page.Next));
    }

    private static async Task<Ok<PageDto<DistributorDto>>> ListDistributorsAsync(
        MlmDbContext db,
        CancellationToken ct,
        [Description("A part of a name or e-mail, a referral code or an id.")] string? q = null,
        [Description("Active, Inactive or Terminated.")] string? status = null,
        [Description("Rows per page, 1 to 200 (default 50).")] int? limit = null,
        [Description("The next of the page before.")] string? after = null)
    {
        var take = Limit(limit);
        var afterId = Cursor(after, 1)?[0] ?? 0;
        var people = DistributorSearch.Matching(db.Distributors.AsNoTracking().Where(d => !d.IsHouse), q);
        if (!string.IsNullOrWhiteSpace(status))
        {
            var wanted = Enum.GetNames<DistributorStatus>().Contains(status.Trim(), StringComparer.Ordinal)
                ? Enum.Parse<DistributorStatus>(status.Trim())
                : throw new ApiInputException($"status must be exactly one of Active, Inactive or Terminated.");
            people = people.Where(d => d.Status == wanted);
        }

        var rows = await people.Where(d => d.Id > afterId).OrderBy(d => d.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Page(rows, take, DistributorDto.From, d => d.Id));
    }

    private static async Task<Results<Ok<PageDto<DownlineMemberDto>>, ProblemHttpResult>> ListDownlineAsync(
        long id,
        MlmDbContext db,
        CancellationToken ct,
        [Description("Rows per page, 1 to 200 (default 50).")] int? limit = null,
        [Description("The next of the page before.")] string? after = null)
    {
        var take = Limit(limit);
        var afterId = Cursor(after, 1)?[0] ?? 0;
        if (!await db.Distributors.AnyAsync(d => d.Id == id, ct))
        {
            throw DomainRuleException.NotFound($"No distributor has id {id}.");
        }

        var rows = await db.Distributors.AsNoTracking().Where(d => d.SponsorId == id && d.Id > afterId).OrderBy(d => d.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Page(rows, take, DownlineMemberDto.From, d => d.Id));
    }

    private static async Task<Results<Ok<PageDto<StatementDto>>, ProblemHttpResult>> ListStatementsAsync(
        long id,
        MlmDbContext db,
        CancellationToken ct,
        [Description("Rows per page, 1 to 200 (default 50).")] int? limit = null,
        [Description("The next of the page before.")] string? after = null)
    {
        var take = Limit(limit);
        var beforePeriod = Cursor(after, 1)?[0] ?? int.MaxValue;
        if (!await db.Distributors.AnyAsync(d => d.Id == id, ct))
        {
            throw DomainRuleException.NotFound($"No distributor has id {id}.");
        }

        var rows = await db.Statements.AsNoTracking().Where(s => s.DistributorId == id && s.PeriodKey < beforePeriod).OrderByDescending(s => s.PeriodKey).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Page(rows, take, StatementDto.From, s => s.PeriodKey));
    }

    private static PageDto<TDto> Page<TRow, TDto>(List<TRow> rows, int take, Func<TRow, TDto> map, Func<TRow, long> key) =>
        new([.. rows.Take(take).Select(map)], rows.Count > take ? KeysetCursor.Encode(key(rows[take - 1])) : null);

    /// <summary>The page size asked for: 1 or more (a 400 otherwise), at most <see cref="MaxLimit"/>.</summary>
    private static int Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        < 1 => throw new ApiInputException($"limit must be from 1 to {MaxLimit}."),
        > MaxLimit => MaxLimit,
        _ => limit.Value,
    };

    /// <summary>The keys of an <c>after</c> cursor, or null for the first page; a cursor this list never gave is a 400.</summary>
    private static long[]? Cursor(string? after, int keys) =>
        after is null ? null : KeysetCursor.TryDecode(after, keys, out var decoded) ? decoded : throw BadCursor();

    private static ApiInputException BadCursor() =>
        new($"after is not a cursor this list gave: pass the next of the page before, or leave it out for the first page.");
}
