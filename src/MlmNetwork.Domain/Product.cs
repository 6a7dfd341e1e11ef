namespace MlmNetwork.Domain;

/// <summary>Something distributors sell. Commissions are computed on its commission base (BV), which defaults to the price.</summary>
public sealed class Product
{
    public const int SkuMaxLength = 40;
    public const int NameMaxLength = 120;

    private Product()
    {
        Sku = string.Empty;
        Name = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>Upper-cased; unique.</summary>
    public string Sku { get; private set; }

    public string Name { get; private set; }

    public Money Price { get; private set; }

    public Money CommissionBase { get; private set; }

    public bool IsActive { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public static Product Create(string sku, string name, Money price, Money? commissionBase, DateTime now)
    {
        var product = new Product { Sku = CleanSku(sku), CreatedAt = now, IsActive = true };
        product.Update(name, price, commissionBase);
        return product;
    }

    /// <summary>A price or base change applies to sales made from now on; posted sales keep what they recorded.</summary>
    public void Update(string name, Money price, Money? commissionBase)
    {
        var cleanName = (name ?? string.Empty).Trim();
        if (cleanName.Length == 0 || cleanName.Length > NameMaxLength)
        {
            throw DomainRuleException.Invalid($"Name is required (at most {NameMaxLength} characters).", "name");
        }

        if (price <= Money.Zero)
        {
            throw DomainRuleException.Invalid($"Price must be more than zero.", "price");
        }

        var basis = commissionBase ?? price;
        if (basis < Money.Zero || basis > price)
        {
            throw DomainRuleException.Invalid($"Commission base must be between zero and the price.", "commissionBase");
        }

        Name = cleanName;
        Price = price;
        CommissionBase = basis;
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;

    public static string CleanSku(string sku)
    {
        var clean = (sku ?? string.Empty).Trim().ToUpperInvariant();
        if (clean.Length == 0 || clean.Length > SkuMaxLength || !clean.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw DomainRuleException.Invalid($"SKU is required: up to {SkuMaxLength} letters, digits, '-', '_' or '.'.", "sku");
        }

        return clean;
    }
}
