using System.Globalization;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Network;

/// <summary>
/// The part of the sponsor tree a batch needs, read in one query and held in memory, so that a
/// batch of sales resolves every upline without a query per sale or per level.
/// </summary>
public sealed class TreeSnapshot
{
    private readonly Dictionary<long, Node> nodes;

    private TreeSnapshot(Dictionary<long, Node> nodes) => this.nodes = nodes;

    private readonly record struct Node(long? SponsorId, DistributorStatus Status, bool IsHouse);

    public bool Contains(long id) => nodes.ContainsKey(id);

    /// <summary>
    /// The uplines of <paramref name="sellerIds"/> (the sellers and every ancestor). A big batch
    /// reads the whole table in one scan; a small one walks up from its sellers in one recursive query.
    /// </summary>
    public static async Task<TreeSnapshot> LoadAsync(MlmDbContext db, IReadOnlyCollection<long> sellerIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sellerIds);
        var whole = db is not NpgsqlMlmDbContext || sellerIds.Count > 2_000;
        var rows = whole
            ? await RawSql.QueryAsync(db, "SELECT id, sponsor_id, status, is_house FROM distributors", Read, ct)
            : await RawSql.QueryAsync(
                db,
                """
                WITH RECURSIVE up(id, sponsor_id, status, is_house) AS (
                    SELECT id, sponsor_id, status, is_house FROM distributors WHERE id = ANY(@ids)
                    UNION
                    SELECT d.id, d.sponsor_id, d.status, d.is_house FROM distributors d JOIN up ON d.id = up.sponsor_id
                )
                SELECT id, sponsor_id, status, is_house FROM up
                """,
                Read,
                ct,
                ("ids", sellerIds.ToArray()));
        var nodes = new Dictionary<long, Node>(rows.Count);
        foreach (var (id, node) in rows)
        {
            nodes[id] = node;
        }

        return new TreeSnapshot(nodes);
    }

    /// <summary>The whole tree as it stands, in one scan.</summary>
    public static async Task<TreeSnapshot> LoadWholeAsync(MlmDbContext db, CancellationToken ct)
    {
        var rows = await RawSql.QueryAsync(db, "SELECT id, sponsor_id, status, is_house FROM distributors", Read, ct);
        var nodes = new Dictionary<long, Node>(rows.Count);
        foreach (var (id, node) in rows)
        {
            nodes[id] = node;
        }

        return new TreeSnapshot(nodes);
    }

    /// <summary>Takes a recorded change back: the snapshot then shows the tree as it stood just before it (ADR 016).</summary>
    public void Undo(DistributorChange change) => Set(change, before: true);

    /// <summary>Applies a recorded change again, moving the snapshot forward through time.</summary>
    public void Redo(DistributorChange change) => Set(change, before: false);

    private void Set(DistributorChange change, bool before)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.DistributorId is not { } id || !nodes.TryGetValue(id, out var node))
        {
            return;
        }

        nodes[id] = change.Kind switch
        {
            DistributorChangeKind.Status => node with { Status = (before ? change.StatusBefore : change.StatusAfter) ?? node.Status },
            DistributorChangeKind.Sponsor => node with { SponsorId = before ? change.SponsorBefore : change.SponsorAfter },
            DistributorChangeKind.HistoryStarted => node,
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "Unknown change."),
        };
    }

    /// <summary>The seller and as many ancestors as <paramref name="plan"/> needs, exactly as <see cref="NetworkSql.ChainForAsync"/> reads them.</summary>
    public List<UplineMember> ChainFor(long sellerId, CommissionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var seller = nodes[sellerId];
        var chain = new List<UplineMember>(plan.LevelCount + 2) { new(sellerId, 0, seller.IsHouse, seller.Status) };
        var current = seller;
        var earningSeen = 0;
        while (plan.NeedsMoreChain(chain.Count - 1, earningSeen) && current.SponsorId is { } parentId && chain.Count <= NetworkSql.MaxTreeDepth)
        {
            current = nodes[parentId];
            chain.Add(new UplineMember(parentId, chain.Count, current.IsHouse, current.Status));
            if (!current.IsHouse && current.Status == DistributorStatus.Active)
            {
                earningSeen++;
            }
        }

        return chain;
    }

    /// <summary>Every ancestor of a distributor but the house, nearest first (whose team counters a sale moves).</summary>
    public IEnumerable<long> TeamAncestors(long distributorId)
    {
        var current = nodes[distributorId];
        var steps = 0;
        while (current.SponsorId is { } parentId && steps++ < NetworkSql.MaxTreeDepth)
        {
            current = nodes[parentId];
            if (!current.IsHouse)
            {
                yield return parentId;
            }
        }
    }

    private static (long, Node) Read(System.Data.Common.DbDataReader r) =>
        (r.Whole(0), new Node(r.IsDBNull(1) ? null : r.Whole(1), (DistributorStatus)r.Whole(2), Convert.ToBoolean(r.GetValue(3), CultureInfo.InvariantCulture)));
}
