namespace MlmNetwork.Domain;

/// <summary>A product and how many of it a starter kit holds.</summary>
public sealed record StarterKitContent(Product Product, int Quantity);

/// <summary>
/// A bundle of products a recruit buys on joining, at a price of its own. Its order is a real
/// sale of the recruit that pays no commission to anyone and counts for nobody's volume
/// (docs/rules.md rule 9; see <see cref="Sale.RecordStarterKit"/>). Kits are never deleted:
/// a kit that is no longer offered is deactivated, so the orders made of it keep their kit.
/// </summary>
public sealed class StarterKit
{
    public const int NameMaxLength = 120;
    public const int DescriptionMaxLength = 2000;
    public const int MaxItems = 20;
    public const int MaxQuantity = 100;

    private readonly List<StarterKitItem> items = [];

    private StarterKit()
    {
        Name = string.Empty;
        Description = string.Empty;
    }

    public long Id { get; private set; }

    public string Name { get; private set; }

    public string Description { get; private set; }

    /// <summary>What the recruit pays for the whole kit (not the sum of its products' prices).</summary>
    public Money Price { get; private set; }

    public bool IsActive { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>
    /// 1 when created, one more on every change (a concurrency token): a recruit's order and an
    /// admin's edit name the version they were shown, so neither acts on a kit that changed meanwhile.
    /// </summary>
    public int Version { get; private set; }

    public IReadOnlyList<StarterKitItem> Items => items;

    public static StarterKit Create(string name, string? description, Money price, IReadOnlyList<StarterKitContent> contents, bool active, DateTime now)
    {
        var kit = new StarterKit { CreatedAt = now };
        kit.Update(name, description, price, contents, active, now);
        return kit;
    }

    /// <summary>
    /// Sets what the kit is. Refused: no name, no product, more than <see cref="MaxItems"/>
    /// products, a quantity outside 1 to <see cref="MaxQuantity"/>, a price that is not more than
    /// zero, and a product that is not for sale (a kit ships products the company sells). The
    /// same product twice is one line with the quantities added. Orders already made keep what
    /// they recorded.
    /// </summary>
    public void Update(string name, string? description, Money price, IReadOnlyList<StarterKitContent> contents, bool active, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var cleanName = (name ?? string.Empty).Trim();
        if (cleanName.Length == 0 || cleanName.Length > NameMaxLength)
        {
            throw DomainRuleException.Invalid($"Name is required (at most {NameMaxLength} characters).", "name");
        }

        var cleanDescription = (description ?? string.Empty).Trim();
        if (cleanDescription.Length > DescriptionMaxLength)
        {
            throw DomainRuleException.Invalid($"The description is longer than {DescriptionMaxLength} characters.", "description");
        }

        if (price <= Money.Zero)
        {
            throw DomainRuleException.Invalid($"Price must be more than zero.", "price");
        }

        var merged = contents
            .GroupBy(c => c.Product.Id)
            .Select(g => (Product: g.First().Product, Quantity: g.Sum(c => (long)c.Quantity), Any: g.Any(c => c.Quantity < 1)))
            .ToList();
        if (merged.Count == 0)
        {
            throw DomainRuleException.Invalid($"A starter kit holds at least one product.", "items");
        }

        if (merged.Count > MaxItems)
        {
            throw DomainRuleException.Invalid($"A starter kit holds at most {MaxItems} different products.", "items");
        }

        foreach (var (product, quantity, belowOne) in merged)
        {
            if (belowOne || quantity > MaxQuantity)
            {
                throw DomainRuleException.Invalid($"Quantity of {product.Sku} must be between 1 and {MaxQuantity}.", "items");
            }

            if (!product.IsActive)
            {
                throw DomainRuleException.Invalid($"Product {product.Sku} is not for sale, so no kit can hold it.", "items");
            }
        }

        Name = cleanName;
        Description = cleanDescription;
        Price = price;
        IsActive = active;
        Changed(now);
        items.RemoveAll(i => !merged.Any(m => m.Product.Id == i.ProductId));
        foreach (var (product, quantity, _) in merged)
        {
            var existing = items.FirstOrDefault(i => i.ProductId == product.Id);
            if (existing is null)
            {
                items.Add(new StarterKitItem(product.Id, (int)quantity));
            }
            else
            {
                existing.SetQuantity((int)quantity);
            }
        }
    }

    public void Deactivate(DateTime now)
    {
        IsActive = false;
        Changed(now);
    }

    /// <summary>Offers the kit again; refused while one of its products is not for sale.</summary>
    public void Activate(IReadOnlyDictionary<long, Product> products, DateTime now)
    {
        if (Unavailable(products) is { } missing)
        {
            throw DomainRuleException.Invalid($"Product {missing} is not for sale, so the kit cannot be offered.", "items");
        }

        IsActive = true;
        Changed(now);
    }

    /// <summary>
    /// Refuses to order the kit when it changed since the recruit was shown <paramref name="shownVersion"/>
    /// (its price or contents may not be what they read), like terms that changed while they read them.
    /// </summary>
    public void CheckShown(int? shownVersion)
    {
        if (shownVersion != Version)
        {
            throw ChangedWhileReading();
        }
    }

    /// <summary>The refusal of an order of a kit that changed since the recruit was shown it.</summary>
    public static DomainRuleException ChangedWhileReading() =>
        DomainRuleException.Conflict($"The starter kit changed while you were reading: check its price and contents and join again.", "starterKitVersion");

    /// <summary>Refuses an admin's change based on <paramref name="basedOnVersion"/> when another change came first: no change is silently lost.</summary>
    public void CheckEditedFrom(int? basedOnVersion)
    {
        if (basedOnVersion != Version)
        {
            throw StaleEdit();
        }
    }

    /// <summary>The refusal of a change made to an older version of the kit.</summary>
    public static DomainRuleException StaleEdit() =>
        DomainRuleException.Conflict($"Another admin changed this kit since you opened it; here it is now.", "version");

    private void Changed(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Whether recruits are offered the kit: it is active and every product in it is for sale.</summary>
    public bool IsOffered(IReadOnlyDictionary<long, Product> products) => IsActive && Unavailable(products) is null;

    /// <summary>The SKU of the first product of the kit that is not for sale (or unknown), or null when all are.</summary>
    public string? Unavailable(IReadOnlyDictionary<long, Product> products)
    {
        ArgumentNullException.ThrowIfNull(products);
        foreach (var item in items)
        {
            if (!products.TryGetValue(item.ProductId, out var product))
            {
                return $"#{item.ProductId}";
            }

            if (!product.IsActive)
            {
                return product.Sku;
            }
        }

        return null;
    }

    /// <summary>The products and quantities an order of the kit ships; refused when the kit is not offered.</summary>
    public IReadOnlyList<StarterKitContent> ContentsForOrder(IReadOnlyDictionary<long, Product> products)
    {
        if (!IsActive)
        {
            throw DomainRuleException.Invalid($"That starter kit is not offered.", "starterKitId");
        }

        if (Unavailable(products) is { } missing)
        {
            throw DomainRuleException.Invalid($"That starter kit is not offered now: {missing} is not for sale.", "starterKitId");
        }

        return [.. items.Select(i => new StarterKitContent(products[i.ProductId], i.Quantity))];
    }
}

/// <summary>One product of a starter kit and its quantity.</summary>
public sealed class StarterKitItem
{
    private StarterKitItem()
    {
    }

    internal StarterKitItem(long productId, int quantity)
    {
        ProductId = productId;
        Quantity = quantity;
    }

    public long Id { get; private set; }

    public long StarterKitId { get; private set; }

    public long ProductId { get; private set; }

    public int Quantity { get; private set; }

    internal void SetQuantity(int quantity) => Quantity = quantity;
}
