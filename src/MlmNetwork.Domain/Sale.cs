namespace MlmNetwork.Domain;

/// <summary>What a distributor asks to sell: a product and a quantity.</summary>
public sealed record SaleItem(Product Product, int Quantity);

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

    /// <summary>When the sale was refunded; a sale is refunded at most once.</summary>
    public DateTime? RefundedAt { get; private set; }

    /// <summary>Unique: the idempotency key of the refund.</summary>
    public string? RefundIdempotencyKey { get; private set; }

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
        DateTime now)
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
            throw DomainRuleException.Invalid("The house account does not record sales.", "distributorId");
        }

        if (seller.Status != DistributorStatus.Active)
        {
            throw DomainRuleException.Invalid($"Only Active distributors can sell; this one is {seller.Status}.", "distributorId");
        }

        if (items.Count == 0)
        {
            throw DomainRuleException.Invalid("A sale needs at least one line.", "lines");
        }

        if (items.Count > MaxLines)
        {
            throw DomainRuleException.Invalid($"A sale has at most {MaxLines} lines.", "lines");
        }

        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > IdempotencyKeyMaxLength)
        {
            throw DomainRuleException.Invalid($"An idempotency key of 1 to {IdempotencyKeyMaxLength} characters is required.", "Idempotency-Key");
        }

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
        };

        var total = Money.Zero;
        var commissionBase = Money.Zero;
        foreach (var item in items)
        {
            var line = SaleLine.For(item.Product, item.Quantity);
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
    /// Refunds the sale (rule 7): a reversing line for every line it produced that is not
    /// reversed yet (earned lines, and forfeits of them), so it nets to zero for every
    /// beneficiary, also for lines already paid out. A sale is refunded once: a second refund
    /// is a conflict. Returns the reversing lines.
    /// </summary>
    public IReadOnlyList<CommissionLine> Refund(string idempotencyKey, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > IdempotencyKeyMaxLength)
        {
            throw DomainRuleException.Invalid($"An idempotency key of 1 to {IdempotencyKeyMaxLength} characters is required.", "Idempotency-Key");
        }

        if (RefundedAt is not null)
        {
            throw DomainRuleException.Conflict($"Sale {Id} was already refunded.");
        }

        var alreadyReversed = commissions
            .Where(c => c.Kind == CommissionLineKind.Reversal)
            .Select(c => c.ReversesLineId)
            .ToHashSet();
        var reversals = commissions
            .Where(c => c.Kind != CommissionLineKind.Reversal && !alreadyReversed.Contains(c.Id))
            .Select(c => c.Reverse($"Refund of sale {Id}", now))
            .ToList();
        RefundedAt = now;
        RefundIdempotencyKey = idempotencyKey;
        commissions.AddRange(reversals);
        return reversals;
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

    public Money LineTotal => UnitPrice * Quantity;

    public Money LineBase => UnitCommissionBase * Quantity;

    internal static SaleLine For(Product product, int quantity)
    {
        ArgumentNullException.ThrowIfNull(product);
        if (!product.IsActive)
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
            UnitPrice = product.Price,
            UnitCommissionBase = product.CommissionBase,
        };
    }
}
