using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Genealogy;

/// <summary>
/// A distributor's downline as a tree: the page shows one node (the distributor, or anybody
/// below them) with its figures, its people per level and its first recruits; each recruit
/// opens further in place (<see cref="OnGetChildrenAsync"/>, a fragment loaded by
/// wwwroot/js/genealogy.js) or, without JavaScript, as a page of its own. A page of recruits is
/// <see cref="GenealogyQuery.PageSize"/> people, "show more" gives the next. Any id outside the
/// distributor's own downline is 404.
/// </summary>
public sealed class IndexModel(MlmDbContext db, ReadDb reads, BusinessClock clock) : PageModel
{
    public const int SearchMinLength = 2;
    public const int SearchMaxLength = 100;

    public Distributor Me { get; private set; } = null!;

    public GenealogyView View { get; private set; } = null!;

    /// <summary>Whether the page shows the distributor themselves (rather than somebody below).</summary>
    public bool AtMe => View.Node.Id == Me.Id;

    /// <summary>Whether this is a later page of the node's recruits (a "show more" followed without JavaScript).</summary>
    public bool LaterPage { get; private set; }

    public string? Query { get; private set; }

    public SearchResult? Search { get; private set; }

    /// <summary>Whether the search text was too short or too long to search with.</summary>
    public bool SearchRefused { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id, string? q, long? team, long? after, CancellationToken ct)
    {
        if (await db.ForAsync(HttpContext, ct) is not { } me)
        {
            return Forbid();
        }

        Me = me;
        var cursor = Cursor(team, after);
        LaterPage = cursor != TreeCursor.Start;
        if (await reads.FoundAsync(from => GenealogyQuery.ViewAsync(from, me, id ?? me.Id, cursor, Period.Of(clock.UtcNow), ct)) is not { } view)
        {
            return NotFound();
        }

        View = view;
        Query = q?.Trim();
        if (!string.IsNullOrEmpty(Query))
        {
            if (Query.Length < SearchMinLength || Query.Length > SearchMaxLength)
            {
                SearchRefused = true;
            }
            else
            {
                Search = await GenealogyQuery.SearchAsync(reads.Context, me, Query, ct);
            }
        }

        return Page();
    }

    /// <summary>One page of a node's recruits as list items (the fragment the tree opens in place); 404 outside the distributor's downline.</summary>
    public async Task<IActionResult> OnGetChildrenAsync(long id, long? team, long? after, CancellationToken ct)
    {
        if (await db.ForAsync(HttpContext, ct) is not { } me)
        {
            return Forbid();
        }

        if (await reads.FoundAsync(from => GenealogyQuery.ChildrenAsync(from, me, id, Cursor(team, after), Period.Of(clock.UtcNow), ct)) is not { } page)
        {
            return NotFound();
        }

        return Partial("_Recruits", new RecruitList(id, page));
    }

    private static TreeCursor Cursor(long? team, long? after) =>
        team is { } t && after is { } a ? new TreeCursor(t, a) : TreeCursor.Start;
}

/// <summary>A page of one node's recruits, as the tree shows it.</summary>
public sealed record RecruitList(long SponsorId, RecruitPage Page)
{
    /// <summary>The address of the next page: as a fragment (for the script) or as the node's own page (without it).</summary>
    public string NextUrl(bool fragment)
    {
        var last = Page.Members[^1].Cursor;
        var query = FormattableString.Invariant($"team={last.DownlineCount}&after={last.Id}");
        return fragment ? FormattableString.Invariant($"/Genealogy/{SponsorId}?handler=Children&{query}") : FormattableString.Invariant($"/Genealogy/{SponsorId}?{query}");
    }
}

/// <summary>A path down the tree from the viewer, as links; a long one shows its ends and how many levels lie between.</summary>
public sealed record PathView(IReadOnlyList<PathStep> Steps, bool LastIsCurrent)
{
    /// <summary>Steps shown at the end of a long path (after the viewer and the gap).</summary>
    public const int Tail = 5;

    /// <summary>How many steps the gap hides (0: the whole path is shown).</summary>
    public int Hidden => Steps.Count > Tail + 2 ? Steps.Count - Tail - 1 : 0;

    /// <summary>The steps after the viewer that are shown.</summary>
    public IEnumerable<PathStep> ShownAfterViewer => Steps.Skip(1 + Hidden);
}
