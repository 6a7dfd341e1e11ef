using System.Globalization;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Network;

/// <summary>
/// The part of the sponsor tree a batch needs, read in one query and held in memory, so that a
/// batch of sales resolves every upline without a query per sale or per level. Each distributor
/// has a slot in flat arrays: its id itself when the ids are dense (as identity ids are: the whole
/// tree of a million members is three arrays, no dictionary), else one given by a dictionary.
/// </summary>
public sealed class TreeSnapshot
{
    private const long NoSponsor = -1;
    private const byte Absent = byte.MaxValue;

    /// <summary>Slot of each id when the ids are sparse; null when a slot is the id itself.</summary>
    private readonly Dictionary<long, int>? slots;
    private readonly long[] ids;

    /// <summary>Each slot's sponsor, status and house flag side by side: a walk up the tree reads one cache line per member.</summary>
    private readonly Entry[] entries;

    private TreeSnapshot(IReadOnlyList<(long Id, Node Node)> rows)
    {
        var maxId = rows.Count == 0 ? 0 : rows.Max(r => r.Id);
        var dense = rows.All(r => r.Id >= 0) && maxId <= (4L * rows.Count) + 1024;
        var size = dense ? (int)maxId + 1 : rows.Count;
        slots = dense ? null : new Dictionary<long, int>(rows.Count);
        ids = new long[size];
        entries = new Entry[size];
        Array.Fill(entries, new Entry(NoSponsor, Absent, false));
        for (var i = 0; i < rows.Count; i++)
        {
            var (id, node) = rows[i];
            var slot = dense ? (int)id : i;
            if (slots is not null)
            {
                slots[id] = slot;
            }

            ids[slot] = id;
            entries[slot] = new Entry(node.SponsorId ?? NoSponsor, (byte)node.Status, node.IsHouse);
        }
    }

    private record struct Entry(long SponsorId, byte Status, bool IsHouse);

    private readonly record struct Node(long? SponsorId, DistributorStatus Status, bool IsHouse);

    /// <summary>How many slots the snapshot has: per-distributor arrays of this length are indexed by <see cref="SlotOf"/>.</summary>
    public int SlotCount => ids.Length;

    public bool Contains(long id) => TrySlotOf(id, out _);

    /// <summary>The distributor's slot; throws when the snapshot does not hold it.</summary>
    public int SlotOf(long id) =>
        TrySlotOf(id, out var slot) ? slot : throw new KeyNotFoundException(string.Create(CultureInfo.InvariantCulture, $"Distributor {id} is not in the tree snapshot."));

    public bool TrySlotOf(long id, out int slot)
    {
        if (slots is not null)
        {
            return slots.TryGetValue(id, out slot);
        }

        slot = (int)id;
        return id >= 0 && id < entries.Length && entries[slot].Status != Absent;
    }

    /// <summary>The id of the distributor in <paramref name="slot"/>.</summary>
    public long IdAt(int slot) => ids[slot];

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
        return new TreeSnapshot(rows);
    }

    /// <summary>The whole tree as it stands, in one scan.</summary>
    public static async Task<TreeSnapshot> LoadWholeAsync(MlmDbContext db, CancellationToken ct) =>
        new(await RawSql.QueryAsync(db, "SELECT id, sponsor_id, status, is_house FROM distributors", Read, ct));

    /// <summary>Takes a recorded change back: the snapshot then shows the tree as it stood just before it (ADR 016).</summary>
    public void Undo(DistributorChange change) => Set(change, before: true);

    /// <summary>Applies a recorded change again, moving the snapshot forward through time.</summary>
    public void Redo(DistributorChange change) => Set(change, before: false);

    private void Set(DistributorChange change, bool before)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.DistributorId is not { } id || !TrySlotOf(id, out var slot))
        {
            return;
        }

        switch (change.Kind)
        {
            case DistributorChangeKind.Status:
                if ((before ? change.StatusBefore : change.StatusAfter) is { } status)
                {
                    entries[slot].Status = (byte)status;
                }

                break;
            case DistributorChangeKind.Sponsor:
                entries[slot].SponsorId = (before ? change.SponsorBefore : change.SponsorAfter) ?? NoSponsor;
                break;
            case DistributorChangeKind.HistoryStarted:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "Unknown change.");
        }
    }

    /// <summary>The seller and as many ancestors as <paramref name="plan"/> needs, exactly as <see cref="NetworkSql.ChainForAsync"/> reads them.</summary>
    public List<UplineMember> ChainFor(long sellerId, CommissionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var chain = new List<UplineMember>(plan.LevelCount + 2);
        ChainFor(sellerId, plan, chain);
        return chain;
    }

    /// <summary>
    /// <see cref="ChainFor(long, CommissionPlan)"/> into a list the caller reuses (cleared first),
    /// for a replay that walks a million chains.
    /// </summary>
    public void ChainFor(long sellerId, CommissionPlan plan, List<UplineMember> chain)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(chain);
        chain.Clear();
        var member = entries[SlotOf(sellerId)];
        chain.Add(new UplineMember(sellerId, 0, member.IsHouse, (DistributorStatus)member.Status));
        var earningSeen = 0;
        while (plan.NeedsMoreChain(chain.Count - 1, earningSeen) && member.SponsorId is var parentId && parentId != NoSponsor && chain.Count <= NetworkSql.MaxTreeDepth)
        {
            member = entries[SlotOf(parentId)];
            var status = (DistributorStatus)member.Status;
            chain.Add(new UplineMember(parentId, chain.Count, member.IsHouse, status));
            if (!member.IsHouse && status == DistributorStatus.Active)
            {
                earningSeen++;
            }
        }
    }

    /// <summary>Every ancestor of a distributor but the house, nearest first (whose team counters a sale moves).</summary>
    public IEnumerable<long> TeamAncestors(long distributorId)
    {
        var member = entries[SlotOf(distributorId)];
        var steps = 0;
        while (member.SponsorId is var parentId && parentId != NoSponsor && steps++ < NetworkSql.MaxTreeDepth)
        {
            member = entries[SlotOf(parentId)];
            if (!member.IsHouse)
            {
                yield return parentId;
            }
        }
    }

    private static (long, Node) Read(System.Data.Common.DbDataReader r) =>
        (r.GetInt64(0), new Node(r.IsDBNull(1) ? null : r.GetInt64(1), (DistributorStatus)r.GetInt32(2), r.GetBoolean(3)));
}
