namespace MlmNetwork.Domain;

/// <summary>What a distributor asks to sell: a product and a quantity.</summary>
/// <summary>A product and quantity to sell; with a <see cref="Quote"/>, at the prices a customer order was placed at.</summary>
public sealed record SaleItem(Product Product, int Quantity, SaleQuote? Quote = null);

/// <summary>
/// The unit price and commission base a customer was quoted when they placed their order: its
/// sale is posted at them, even if the product's price changed or it stopped being sold since.
/// </summary>
public sealed record SaleQuote(Money UnitPrice, Money UnitCommissionBase);

/// <summary>
/// A sale to a consumer with the commission lines it produced. Created whole by
/// <see cref="Record"/>, then never changed: corrections are new (reversing) lines.
/// </summary>
public sealed class Sale
{
    public const int MaxQuantity = 10_000;
    public const int MaxLines = 100;
    public const int ExternalIdMaxLength = 100;
    public const int IdempotencyKeyMaxLength = 100;

    private readonly List<SaleLine> lines = [];
    private readonly List<CommissionLine> commissions = [];
    private readonly List<SaleUnpaidMember> unpaid = [];
    private readonly List<SaleRefund> refunds = [];

    private Sale()
    {
        IdempotencyKey = string.Empty;
        RequestHash = string.Empty;
    }

    public long Id { get; private set; }

    public long DistributorId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>The period key (yyyyMM) the sale counts in.</summary>
    public int PeriodKey { get; private set; }

    public Money Total { get; private set; }

    public Money Base { get; private set; }

    public int PlanVersion { get; private set; }

    public string? ExternalId { get; private set; }

    /// <summary>Unique: the same key never posts a second sale (rule 6).</summary>
    public string IdempotencyKey { get; private set; }

    /// <summary>A fingerprint of the request, to tell a replay from a different request under a used key.</summary>
    public string RequestHash { get; private set; }

    /// <summary>The starter kit this sale is the order of; null for a sale to a consumer (see <see cref="RecordStarterKit"/>).</summary>
    public long? StarterKitId { get; private set; }

    public bool IsStarterKitOrder => StarterKitId is not null;

    /// <summary>
    /// The customer the sale was made to (retail); null for the seller's personal use. Every sale
    /// is one or the other (docs/rules.md, "customer / personal use"); starter kit orders and the
    /// sales recorded before customers existed are personal use (ADR 017).
    /// </summary>
    public long? CustomerId { get; private set; }

    public bool IsPersonalUse => CustomerId is null;

    /// <summary>
    /// Whether the sale counts towards personal and team volume (and the sales counters): every
    /// sale does but a starter kit order, which pays nothing and counts for nobody (rule 9).
    /// </summary>
    public bool CountsAsVolume => StarterKitId is null;

    /// <summary>When the sale was refunded in full (by one refund or by the last of several partial ones).</summary>
    public DateTime? RefundedAt { get; private set; }

    /// <summary>How many refunds the sale has had; every refund changes it, so two refunds written at once cannot both win.</summary>
    public int RefundCount { get; private set; }

    /// <summary>The refunds of this sale, whole or partial, oldest first.</summary>
    public IReadOnlyList<SaleRefund> Refunds => refunds;

    public IReadOnlyList<SaleLine> Lines => lines;

    /// <summary>Every ledger line of this sale: what it earned, and any reversal or forfeit since.</summary>
    public IReadOnlyList<CommissionLine> Commissions => commissions;

    /// <summary>The members of the chain the plan reached but did not pay, and why.</summary>
    public IReadOnlyList<SaleUnpaidMember> Unpaid => unpaid;

    /// <summary>
    /// Records a sale by an Active distributor (rule 1: total = sum of price x quantity, base =
    /// sum of commission base x quantity) and the commission lines that <paramref name="plan"/>
    /// gives for <paramref name="chain"/> (rules 2–4). The seller is the chain's first member.
    /// </summary>
    public static Sale Record(
        IReadOnlyList<SaleItem> items,
        CommissionPlan plan,
        IReadOnlyList<UplineMember> chain,
        string idempotencyKey,
        string requestHash,
        string? externalId,
        DateTime now,
        Customer? customer = null,
        CustomerOrder? order = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Count == 0 || chain[0].Distance != 0)
        {
            throw new ArgumentException("The chain starts with the seller.", nameof(chain));
        }

        var seller = chain[0];
        if (seller.IsHouse)
        {
            throw DomainRuleException.Invalid($"The house account does not record sales.", "distributorId");
        }

        if (seller.Status != DistributorStatus.Active)
        {
            throw DomainRuleException.Invalid($"Only Active distributors can sell; this one is {seller.Status}.", "distributorId");
        }

        if (items.Count == 0)
        {
            throw DomainRuleException.Invalid($"A sale needs at least one line.", "lines");
        }

        if (items.Count > MaxLines)
        {
            throw DomainRuleException.Invalid($"A sale has at most {MaxLines} lines.", "lines");
        }

        EnsureQuantities(items);

        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > IdempotencyKeyMaxLength)
        {
            throw DomainRuleException.Invalid($"An idempotency key of 1 to {IdempotencyKeyMaxLength} characters is required.", "Idempotency-Key");
        }

        if (idempotencyKey.StartsWith(StarterKitKeyPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw DomainRuleException.Invalid($"Idempotency keys that start with {StarterKitKeyPrefix} are kept for starter kit orders.", "Idempotency-Key");
        }

        if (order is null && idempotencyKey.StartsWith(CustomerOrder.SaleKeyPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw DomainRuleException.Invalid($"Idempotency keys that start with {CustomerOrder.SaleKeyPrefix} are kept for customer orders.", "Idempotency-Key");
        }

        if (order is not null && (idempotencyKey != order.SaleKey || customer?.Id != order.CustomerId || order.DistributorId != seller.DistributorId))
        {
            throw new ArgumentException("A customer order is posted under its own key, seller and customer.", nameof(order));
        }

        customer?.EnsureBelongsTo(seller.DistributorId);

        if (externalId is { Length: > ExternalIdMaxLength })
        {
            throw DomainRuleException.Invalid($"externalId is longer than {ExternalIdMaxLength} characters.", "externalId");
        }

        var sale = new Sale
        {
            DistributorId = seller.DistributorId,
            CreatedAt = now,
            PeriodKey = Period.Of(now).Key,
            PlanVersion = plan.Version,
            ExternalId = string.IsNullOrWhiteSpace(externalId) ? null : externalId.Trim(),
            IdempotencyKey = idempotencyKey,
            RequestHash = requestHash,
            CustomerId = customer?.Id,
        };

        var total = Money.Zero;
        var commissionBase = Money.Zero;
        foreach (var item in items)
        {
            var line = SaleLine.For(item.Product, item.Quantity, item.Quote);
            sale.lines.Add(line);
            total += line.LineTotal;
            commissionBase += line.LineBase;
        }

        sale.Total = total;
        sale.Base = commissionBase;
        var breakdown = plan.Calculate(commissionBase, chain);
        foreach (var share in breakdown.Shares)
        {
            sale.commissions.Add(CommissionLine.Earned(sale, share, plan.Version, now));
        }

        foreach (var member in breakdown.Unpaid)
        {
            sale.unpaid.Add(new SaleUnpaidMember(member));
        }

        return sale;
    }

    /// <summary>
    /// A product named on several lines is limited like one line: its quantities together are at
    /// most <see cref="MaxQuantity"/> (one line each of 10,000 would otherwise make a sale of millions).
    /// </summary>
    public static void EnsureQuantities(IEnumerable<SaleItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var product in items.GroupBy(i => i.Product.Sku).Where(g => g.Count() > 1))
        {
            var total = product.Sum(i => (long)Math.Max(i.Quantity, 0));
            if (total > MaxQuantity)
            {
                throw DomainRuleException.Invalid($"The quantities of {product.Key} add up to {total}; a sale takes at most {MaxQuantity} of a product.", "lines");
            }
        }
    }

    /// <summary>
    /// The order of a starter kit by a recruit (docs/rules.md rule 9: pay is never for
    /// recruiting, and a kit bought to join is recruiting): a real sale of the buyer for the
    /// kit's price, whose lines are the kit's products at no price of their own, with a base
    /// (volume) of zero and no commission line for anybody, under whatever plan is in force.
    /// The key makes it the buyer's one kit order.
    /// </summary>
    public static Sale RecordStarterKit(StarterKit kit, IReadOnlyDictionary<long, Product> products, Distributor buyer, int planVersion, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(kit);
        ArgumentNullException.ThrowIfNull(buyer);
        if (buyer.IsHouse)
        {
            throw DomainRuleException.Invalid($"The house account does not record sales.", "distributorId");
        }

        if (buyer.Status != DistributorStatus.Active)
        {
            throw DomainRuleException.Invalid($"Only Active distributors can sell; this one is {buyer.Status}.", "distributorId");
        }

        var contents = kit.ContentsForOrder(products);
        var sale = new Sale
        {
            DistributorId = buyer.Id,
            CreatedAt = now,
            PeriodKey = Period.Of(now).Key,
            PlanVersion = planVersion,
            StarterKitId = kit.Id,
            IdempotencyKey = StarterKitOrderKey(buyer.Id),
            RequestHash = $"starter-kit:{kit.Id}",
            Total = kit.Price,
            Base = Money.Zero,
        };
        foreach (var content in contents)
        {
            sale.lines.Add(SaleLine.InKit(content.Product, content.Quantity));
        }

        return sale;
    }

    /// <summary>What every starter kit order's idempotency key starts with, and no other sale's may.</summary>
    public const string StarterKitKeyPrefix = "starter-kit:";

    /// <summary>The idempotency key of a distributor's starter kit order: one per distributor.</summary>
    public static string StarterKitOrderKey(long distributorId) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{StarterKitKeyPrefix}{distributorId}");

    /// <summary>
    /// What refunding <paramref name="parts"/> (all that remains when null or empty) would do,
    /// without doing it (docs/rules.md rule 7): the quantities taken back, their total and base,
    /// and for every earned line the amount reversed — the refunded base times the line's
    /// percent, rounded half away from zero, never more than what remains of the line; the
    /// refund that completes the sale reverses exactly what remains, so a fully refunded sale
    /// nets to zero for every beneficiary whatever the order of its partial refunds.
    /// </summary>
    public RefundPlan PlanRefund(IReadOnlyList<RefundPart>? parts)
    {
        if (RefundedAt is not null)
        {
            throw DomainRuleException.Conflict($"Sale {Id} was already refunded in full.");
        }

        if (IsStarterKitOrder)
        {
            return PlanStarterKitRefund(parts);
        }

        var taken = new Dictionary<SaleLine, int>();
        if (parts is null || parts.Count == 0)
        {
            foreach (var line in lines.Where(l => l.RemainingQuantity > 0))
            {
                taken[line] = line.RemainingQuantity;
            }
        }
        else
        {
            foreach (var part in parts.GroupBy(p => (p.Sku ?? string.Empty).Trim(), StringComparer.OrdinalIgnoreCase))
            {
                var quantity = part.Sum(p => (long)p.Quantity);
                var candidates = lines.Where(l => string.Equals(l.Sku, part.Key, StringComparison.OrdinalIgnoreCase)).ToList();
                if (candidates.Count == 0)
                {
                    throw DomainRuleException.Invalid($"Sale {Id} has no line of {part.Key}.", "lines");
                }

                var remaining = candidates.Sum(l => l.RemainingQuantity);
                if (part.Any(p => p.Quantity < 1) || quantity > remaining)
                {
                    throw DomainRuleException.Invalid($"Refund 1 to {remaining} of {part.Key}: that is what remains of sale {Id}.", "lines");
                }

                foreach (var line in candidates)
                {
                    var take = (int)Math.Min(quantity, line.RemainingQuantity);
                    if (take > 0)
                    {
                        taken[line] = take;
                        quantity -= take;
                    }
                }
            }
        }

        if (taken.Count == 0)
        {
            throw DomainRuleException.Conflict($"Sale {Id} was already refunded in full.");
        }

        var refundTotal = Money.Sum(taken.Select(t => t.Key.UnitPrice * t.Value));
        var refundBase = Money.Sum(taken.Select(t => t.Key.UnitCommissionBase * t.Value));
        var completes = lines.All(l => l.RemainingQuantity == taken.GetValueOrDefault(l));
        var reversals = new List<(CommissionLine Line, Money Amount)>();
        foreach (var earned in commissions.Where(c => c.Kind == CommissionLineKind.Commission))
        {
            var amount = CommissionLine.RefundReversal(refundBase, earned.Percent, Outstanding(earned), completes);
            if (amount != Money.Zero)
            {
                reversals.Add((earned, amount));
            }
        }

        return new RefundPlan([.. taken.Select(t => new RefundedQuantity(t.Key, t.Value))], refundTotal, refundBase, completes, reversals);
    }

    /// <summary>Refunds <paramref name="parts"/> of the sale (all of it when null or empty) as <see cref="PlanRefund"/> says, in the period open at <paramref name="now"/>.</summary>
    public SaleRefund Refund(string idempotencyKey, string requestHash, IReadOnlyList<RefundPart>? parts, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > IdempotencyKeyMaxLength)
        {
            throw DomainRuleException.Invalid($"An idempotency key of 1 to {IdempotencyKeyMaxLength} characters is required.", "Idempotency-Key");
        }

        var plan = PlanRefund(parts);
        var what = string.Join(", ", plan.Quantities.Select(q => $"{q.Quantity} x {q.Line.Sku}"));
        var reason = plan.Completes && refunds.Count == 0 ? $"Refund of sale {Id}" : $"Refund of {what} of sale {Id}";
        var refund = SaleRefund.For(this, idempotencyKey, requestHash, plan, what, now);
        foreach (var (line, amount) in plan.Reversals)
        {
            var reversal = line.ReversePart(amount, reason, now);
            refund.Add(reversal);
            commissions.Add(reversal);
        }

        foreach (var (line, quantity) in plan.Quantities)
        {
            line.TakeBack(quantity);
        }

        refunds.Add(refund);
        RefundCount++;
        if (plan.Completes)
        {
            RefundedAt = now;
        }

        return refund;
    }

    /// <summary>What remains of an earned line: the line plus every line that cancels it (reversals, forfeits, and reversals of those).</summary>
    public Money Outstanding(CommissionLine earned)
    {
        ArgumentNullException.ThrowIfNull(earned);
        var family = new List<CommissionLine> { earned };
        var total = earned.Amount;
        for (var i = 0; i < family.Count; i++)
        {
            foreach (var line in commissions.Where(c => c.Cancels(family[i]) && !family.Contains(c)))
            {
                family.Add(line);
                total += line.Amount;
            }
        }

        return total;
    }

    /// <summary>A starter kit is a bundle at one price: refunded whole (all of its price, none of its lines were commission), never in parts.</summary>
    private RefundPlan PlanStarterKitRefund(IReadOnlyList<RefundPart>? parts)
    {
        var whole = lines.Where(l => l.RemainingQuantity > 0).ToList();
        if (parts is { Count: > 0 })
        {
            var asked = parts.GroupBy(p => (p.Sku ?? string.Empty).Trim().ToUpperInvariant()).ToDictionary(g => g.Key, g => g.Sum(p => (long)p.Quantity));
            var all = whole.GroupBy(l => l.Sku).ToDictionary(g => g.Key, g => (long)g.Sum(l => l.RemainingQuantity));
            if (asked.Count != all.Count || asked.Any(a => all.GetValueOrDefault(a.Key) != a.Value))
            {
                throw DomainRuleException.Invalid($"Sale {Id} is a starter kit: it is refunded whole, not in parts.", "lines");
            }
        }

        return new RefundPlan([.. whole.Select(l => new RefundedQuantity(l, l.RemainingQuantity))], Total, Money.Zero, true, []);
    }
}

/// <summary>A member of the chain the plan reached but did not pay for a sale, and why; kept so each line can explain itself.</summary>
public sealed class SaleUnpaidMember
{
    private SaleUnpaidMember()
    {
    }

    internal SaleUnpaidMember(UnpaidMember member)
    {
        DistributorId = member.DistributorId;
        Distance = member.Distance;
        Level = member.Level;
        Status = member.Status;
        Reason = member.Reason;
    }

    public long Id { get; private set; }

    public long SaleId { get; private set; }

    public long DistributorId { get; private set; }

    public int Distance { get; private set; }

    /// <summary>The level that went unpaid (null when compression skipped the member without using a level).</summary>
    public int? Level { get; private set; }

    /// <summary>The member's status when the sale posted.</summary>
    public DistributorStatus Status { get; private set; }

    public UnpaidReason Reason { get; private set; }
}

/// <summary>One product line of a sale, with the price and base as they were when it was sold.</summary>
public sealed class SaleLine
{
    private SaleLine()
    {
        Sku = string.Empty;
        ProductName = string.Empty;
    }

    public long Id { get; private set; }

    public long SaleId { get; private set; }

    public long ProductId { get; private set; }

    public string Sku { get; private set; }

    public string ProductName { get; private set; }

    public int Quantity { get; private set; }

    public Money UnitPrice { get; private set; }

    public Money UnitCommissionBase { get; private set; }

    /// <summary>How many of this line have been refunded so far.</summary>
    public int RefundedQuantity { get; private set; }

    public int RemainingQuantity => Quantity - RefundedQuantity;

    public Money LineTotal => UnitPrice * Quantity;

    public Money LineBase => UnitCommissionBase * Quantity;

    internal void TakeBack(int quantity)
    {
        if (quantity < 1 || quantity > RemainingQuantity)
        {
            throw DomainRuleException.Invalid($"Only {RemainingQuantity} of {Sku} remain to refund.", "lines");
        }

        RefundedQuantity += quantity;
    }

    /// <summary>A product shipped in a starter kit: the kit's price is the order's, so the line has no price or base of its own.</summary>
    internal static SaleLine InKit(Product product, int quantity)
    {
        var line = For(product, quantity);
        line.UnitPrice = Money.Zero;
        line.UnitCommissionBase = Money.Zero;
        return line;
    }

    /// <summary>A line of <paramref name="quantity"/> of the product at its price now, or at <paramref name="quote"/> (a customer order's prices, which stand even if the product is no longer sold).</summary>
    internal static SaleLine For(Product product, int quantity, SaleQuote? quote = null)
    {
        ArgumentNullException.ThrowIfNull(product);
        if (quote is null && !product.IsActive)
        {
            throw DomainRuleException.Invalid($"Product {product.Sku} is not for sale any more.", "lines");
        }

        if (quantity < 1 || quantity > Sale.MaxQuantity)
        {
            throw DomainRuleException.Invalid($"Quantity of {product.Sku} must be between 1 and {Sale.MaxQuantity}.", "lines");
        }

        return new SaleLine
        {
            ProductId = product.Id,
            Sku = product.Sku,
            ProductName = product.Name,
            Quantity = quantity,
            UnitPrice = quote?.UnitPrice ?? product.Price,
            UnitCommissionBase = quote?.UnitCommissionBase ?? product.CommissionBase,
        };
    }
}
