using System.Globalization;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// PRODUCT.md's commission rules written a second time, small and plain, without the app's
/// domain code: the randomized test runs the same operations on the app and on this model and
/// compares every balance.
/// </summary>
public sealed class ReferenceModel
{
    public const string Active = "Active";
    public const string Inactive = "Inactive";
    public const string Terminated = "Terminated";

    public long HouseId { get; set; }

    public Dictionary<long, long?> Sponsor { get; } = [];

    public Dictionary<long, string> Status { get; } = [];

    public Dictionary<long, string> Code { get; } = [];

    public List<Plan> Plans { get; } = [];

    public Dictionary<long, ModelSale> Sales { get; } = [];

    public HashSet<int> Closed { get; } = [];

    /// <summary>Personal volume per distributor and period, net of refunds made in that period.</summary>
    public Dictionary<(long, int), long> Volume { get; } = [];

    public List<Line> Lines { get; } = [];

    public sealed record Plan(int Version, int PersonalBp, int[] LevelsBp, bool Compression, long MinVolumeCents, DateTime EffectiveFrom);

    /// <summary>A ledger line; <see cref="Cancels"/> is the earned line a reversal or forfeit takes (part of) back.</summary>
    public sealed record Line(long SaleId, long Beneficiary, long Cents, string Kind, int Period, int Id, int Bp = 0, Line? Cancels = null);

    public sealed class ModelSale
    {
        public long Seller { get; init; }

        public long BaseCents { get; init; }

        /// <summary>Per SKU: the unit base, the quantity sold and how many were refunded.</summary>
        public Dictionary<string, (long UnitBase, int Quantity, int Refunded)> Items { get; } = [];

        public bool Refunded { get; set; }
    }

    public static int PeriodOf(DateTime utc) => (utc.Year * 100) + utc.Month;

    /// <summary>Half away from zero, in decimal arithmetic (the app uses integers: two ways to the same cents).</summary>
    public static long Share(long baseCents, int basisPoints) =>
        (long)Math.Round(baseCents * (decimal)basisPoints / 10_000m, MidpointRounding.AwayFromZero);

    public bool CanEarn(long id) => id != HouseId && Status[id] == Active;

    /// <summary>The lines rules 2–4 give, walking the sponsor chain.</summary>
    public List<(long Beneficiary, long Cents, int Bp)> Pay(long seller, long baseCents, Plan plan)
    {
        var paid = new List<(long, long, int)>();
        if (CanEarn(seller) && Share(baseCents, plan.PersonalBp) != 0)
        {
            paid.Add((seller, Share(baseCents, plan.PersonalBp), plan.PersonalBp));
        }

        var level = 1;
        var current = Sponsor[seller];
        while (current is { } ancestor && ancestor != HouseId && level <= plan.LevelsBp.Length)
        {
            if (CanEarn(ancestor))
            {
                var cents = Share(baseCents, plan.LevelsBp[level - 1]);
                if (cents != 0)
                {
                    paid.Add((ancestor, cents, plan.LevelsBp[level - 1]));
                }

                level++;
            }
            else if (!plan.Compression)
            {
                level++;
            }

            current = Sponsor[ancestor];
        }

        return paid;
    }

    /// <summary>The version in force at a moment: the last one started by then, or the first when none had.</summary>
    public Plan InForceAt(DateTime at) => Plans.LastOrDefault(p => p.EffectiveFrom <= at) ?? Plans[0];

    public void RecordSale(long saleId, long seller, IReadOnlyList<(string Sku, long UnitBase, int Quantity)> items, DateTime now)
    {
        var plan = InForceAt(now);
        var baseCents = items.Sum(i => i.UnitBase * i.Quantity);
        var sale = new ModelSale { Seller = seller, BaseCents = baseCents };
        foreach (var item in items.GroupBy(i => i.Sku))
        {
            sale.Items[item.Key] = (item.First().UnitBase, item.Sum(i => i.Quantity), 0);
        }

        Sales[saleId] = sale;
        foreach (var (beneficiary, cents, bp) in Pay(seller, baseCents, plan))
        {
            Add(saleId, beneficiary, cents, "Commission", PeriodOf(now), bp, null);
        }

        Volume[(seller, PeriodOf(now))] = Volume.GetValueOrDefault((seller, PeriodOf(now))) + baseCents;
    }

    /// <summary>What remains of an earned line after the lines that cancel it.</summary>
    public long Outstanding(Line earned) => earned.Cents + Lines.Where(l => l.Cancels == earned).Sum(l => l.Cents);

    /// <summary>
    /// Refunds the given quantities per SKU (everything left when null): each earned line gives
    /// back the refunded base times its percent, never more than remains of it; the refund that
    /// completes the sale gives back exactly what remains.
    /// </summary>
    public void Refund(long saleId, IReadOnlyDictionary<string, int>? quantities, DateTime now)
    {
        var sale = Sales[saleId];
        var taken = quantities ?? sale.Items.Where(i => i.Value.Quantity > i.Value.Refunded).ToDictionary(i => i.Key, i => i.Value.Quantity - i.Value.Refunded);
        var refundBase = taken.Sum(t => sale.Items[t.Key].UnitBase * t.Value);
        foreach (var (sku, quantity) in taken)
        {
            var item = sale.Items[sku];
            sale.Items[sku] = (item.UnitBase, item.Quantity, item.Refunded + quantity);
        }

        var completes = sale.Items.Values.All(i => i.Refunded == i.Quantity);
        foreach (var earned in Lines.Where(l => l.SaleId == saleId && l.Kind == "Commission").ToList())
        {
            var outstanding = Outstanding(earned);
            var cents = completes ? outstanding : Math.Min(Share(refundBase, earned.Bp), outstanding);
            if (cents != 0 && (completes || outstanding > 0))
            {
                Add(saleId, earned.Beneficiary, -cents, "Reversal", PeriodOf(now), 0, earned);
            }
        }

        sale.Refunded = completes;
        Volume[(sale.Seller, PeriodOf(now))] = Volume.GetValueOrDefault((sale.Seller, PeriodOf(now))) - refundBase;
    }

    private void Add(long saleId, long beneficiary, long cents, string kind, int period, int bp, Line? cancels) =>
        Lines.Add(new Line(saleId, beneficiary, cents, kind, period, Lines.Count, bp, cancels));

    /// <summary>Closing: under the plan in force at the month's end, earned lines of the month whose beneficiary is below the minimum volume are forfeited.</summary>
    public void Close(int period)
    {
        Closed.Add(period);
        var end = new DateTime(period / 100, period % 100, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
        var plan = Plans.LastOrDefault(p => p.EffectiveFrom < end) ?? Plans[0];
        if (plan.MinVolumeCents <= 0)
        {
            return;
        }

        foreach (var line in Lines.Where(l => l.Kind == "Commission" && l.Period == period).ToList())
        {
            var outstanding = Outstanding(line);
            if (outstanding > 0 && Volume.GetValueOrDefault((line.Beneficiary, period)) < plan.MinVolumeCents)
            {
                Add(line.SaleId, line.Beneficiary, -outstanding, "Forfeit", period, 0, line);
            }
        }
    }

    /// <summary>What was paid to each distributor by confirmed payout runs.</summary>
    public Dictionary<long, long> Paid { get; } = [];

    /// <summary>The one payable balance: every line minus every payout.</summary>
    public long Balance(long id) => Lines.Where(l => l.Beneficiary == id).Sum(l => l.Cents) - Paid.GetValueOrDefault(id);

    /// <summary>
    /// What a payout run up to a closed month pays: per distributor, the lines up to that month
    /// (never more than all their lines) less what was paid, when it reaches the minimum.
    /// </summary>
    public Dictionary<long, long> PayoutRun(int upTo, long minimumCents) =>
        Lines.GroupBy(l => l.Beneficiary)
            .Select(g => (Id: g.Key, Payable: Math.Min(g.Where(l => l.Period <= upTo).Sum(l => l.Cents), g.Sum(l => l.Cents)) - Paid.GetValueOrDefault(g.Key)))
            .Where(p => p.Payable > 0 && p.Payable >= minimumCents)
            .ToDictionary(p => p.Id, p => p.Payable);

    public void Pay(IReadOnlyDictionary<long, long> items)
    {
        foreach (var (id, cents) in items)
        {
            Paid[id] = Paid.GetValueOrDefault(id) + cents;
        }
    }

    /// <summary>Is <paramref name="candidate"/> the distributor or somewhere below them?</summary>
    public bool InSubtree(long root, long candidate)
    {
        for (long? current = candidate; current is { } c; current = Sponsor[c])
        {
            if (c == root)
            {
                return true;
            }
        }

        return false;
    }

    public static string Money(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
