using System.Reflection;

namespace MlmNetwork.Domain.Tests;

/// <summary>Rule 9: a starter kit is a real order of the recruit that pays nobody and counts for no volume.</summary>
public class StarterKitTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);

    private static T WithId<T>(T entity, long id)
    {
        typeof(T).GetProperty("Id", BindingFlags.Public | BindingFlags.Instance)!.SetValue(entity, id);
        return entity;
    }

    private static Product Vitamins() => WithId(Product.Create("VIT-C", "Vitamin C", new Money(1999), new Money(1500), Now), 11);

    private static Product Tea() => WithId(Product.Create("TEA", "Green tea", new Money(899), null, Now), 12);

    private static Dictionary<long, Product> Catalogue(params Product[] products) => products.ToDictionary(p => p.Id);

    private static Distributor Recruit()
    {
        var house = WithId(Distributor.CreateHouse("Company", "house@example.com", "HOUSE234", Now), 1);
        var sponsor = WithId(Distributor.Join(house, "Sam Sponsor", "sam@example.com", "SAMSAM22", Now), 2);
        return WithId(Distributor.Join(sponsor, "Rita Recruit", "rita@example.com", "RITARI22", Now), 3);
    }

    private static StarterKit WelcomeKit(Product vitamins, Product tea) =>
        WithId(StarterKit.Create("Welcome kit", "Try them", new Money(3900), [new(vitamins, 1), new(tea, 2)], true, Now), 7);

    [Fact]
    public void A_kit_order_is_a_sale_of_the_kit_price_with_no_commission_line_and_no_volume()
    {
        var (vitamins, tea) = (Vitamins(), Tea());
        var kit = WelcomeKit(vitamins, tea);

        var order = Sale.RecordStarterKit(kit, Catalogue(vitamins, tea), Recruit(), 4, Now);

        Assert.Equal(new Money(3900), order.Total);
        Assert.Equal(Money.Zero, order.Base);
        Assert.Empty(order.Commissions);
        Assert.Empty(order.Unpaid);
        Assert.False(order.CountsAsVolume);
        Assert.True(order.IsStarterKitOrder);
        Assert.Equal(7, order.StarterKitId);
        Assert.Equal(3, order.DistributorId);
        Assert.Equal(4, order.PlanVersion);
        Assert.Equal("starter-kit:3", order.IdempotencyKey);
        Assert.Equal([("VIT-C", 1), ("TEA", 2)], order.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.All(order.Lines, l => Assert.Equal((Money.Zero, Money.Zero), (l.UnitPrice, l.UnitCommissionBase)));
    }

    [Fact]
    public void A_sale_to_a_customer_counts_as_volume()
    {
        var plan = CommissionPlan.Create(1, new Percent(1000), [new Percent(500)], false, Money.Zero, Now, "test");
        var sale = Sale.Record([new SaleItem(Vitamins(), 1)], plan, [new UplineMember(3, 0, false, DistributorStatus.Active)], "k", "h", null, Now);

        Assert.True(sale.CountsAsVolume);
        Assert.False(sale.IsStarterKitOrder);
    }

    [Theory]
    [InlineData("starter-kit:3")]
    [InlineData("STARTER-KIT:99")]
    public void No_other_sale_can_take_the_key_of_a_kit_order(string key)
    {
        var plan = CommissionPlan.Create(1, new Percent(1000), [], false, Money.Zero, Now, "test");

        var refused = Assert.Throws<DomainRuleException>(() => Sale.Record([new SaleItem(Vitamins(), 1)], plan, [new UplineMember(3, 0, false, DistributorStatus.Active)], key, "h", null, Now));

        Assert.Equal("Idempotency-Key", refused.Field);
    }

    [Fact]
    public void Refunding_a_kit_order_gives_back_its_price_and_reverses_nothing()
    {
        var (vitamins, tea) = (Vitamins(), Tea());
        var order = Sale.RecordStarterKit(WelcomeKit(vitamins, tea), Catalogue(vitamins, tea), Recruit(), 1, Now);

        var refund = order.Refund("r1", "h", null, Now);

        Assert.Equal((new Money(3900), Money.Zero, true), (refund.Total, refund.Base, refund.Completes));
        Assert.Empty(refund.Reversals);
        Assert.Empty(order.Commissions);
        Assert.Equal(Now, order.RefundedAt);
        Assert.All(order.Lines, l => Assert.Equal(l.Quantity, l.RefundedQuantity));
    }

    [Fact]
    public void A_kit_order_is_refunded_whole_never_in_parts()
    {
        var (vitamins, tea) = (Vitamins(), Tea());
        var order = Sale.RecordStarterKit(WelcomeKit(vitamins, tea), Catalogue(vitamins, tea), Recruit(), 1, Now);

        var refused = Assert.Throws<DomainRuleException>(() => order.Refund("r1", "h", [new RefundPart("TEA", 1)], Now));
        var whole = order.Refund("r2", "h", [new RefundPart("VIT-C", 1), new RefundPart("tea", 2)], Now);

        Assert.Contains("refunded whole", refused.Message, StringComparison.Ordinal);
        Assert.True(whole.Completes);
        Assert.Equal(new Money(3900), whole.Total);
    }

    [Fact]
    public void A_kit_whose_product_is_no_longer_for_sale_is_not_offered_and_cannot_be_ordered()
    {
        var (vitamins, tea) = (Vitamins(), Tea());
        var kit = WelcomeKit(vitamins, tea);
        tea.Deactivate();

        Assert.False(kit.IsOffered(Catalogue(vitamins, tea)));
        Assert.Equal("TEA", kit.Unavailable(Catalogue(vitamins, tea)));
        var refused = Assert.Throws<DomainRuleException>(() => Sale.RecordStarterKit(kit, Catalogue(vitamins, tea), Recruit(), 1, Now));
        Assert.Equal("That starter kit is not offered now: {0} is not for sale.", refused.Template);
        Assert.Throws<DomainRuleException>(() => kit.Activate(Catalogue(vitamins, tea), Now));
    }

    [Fact]
    public void An_inactive_kit_cannot_be_ordered()
    {
        var (vitamins, tea) = (Vitamins(), Tea());
        var kit = WelcomeKit(vitamins, tea);
        kit.Deactivate(Now);

        Assert.False(kit.IsOffered(Catalogue(vitamins, tea)));
        Assert.Throws<DomainRuleException>(() => Sale.RecordStarterKit(kit, Catalogue(vitamins, tea), Recruit(), 1, Now));
        kit.Activate(Catalogue(vitamins, tea), Now);
        Assert.True(kit.IsOffered(Catalogue(vitamins, tea)));
    }

    [Theory]
    [InlineData("", 3900, 1, true, "Name is required")]
    [InlineData("Kit", 0, 1, true, "Price must be more than zero")]
    [InlineData("Kit", -100, 1, true, "Price must be more than zero")]
    [InlineData("Kit", 3900, 0, true, "Quantity of VIT-C must be between 1 and 100")]
    [InlineData("Kit", 3900, 101, true, "Quantity of VIT-C must be between 1 and 100")]
    [InlineData("Kit", 3900, 1, false, "VIT-C is not for sale, so no kit can hold it")]
    public void A_kit_is_refused_when_it_is_not_a_sensible_bundle(string name, long priceCents, int quantity, bool productForSale, string message)
    {
        var vitamins = Vitamins();
        if (!productForSale)
        {
            vitamins.Deactivate();
        }

        var refused = Assert.Throws<DomainRuleException>(() => StarterKit.Create(name, null, new Money(priceCents), [new(vitamins, quantity)], true, Now));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kit_holds_at_least_one_product_and_the_same_product_twice_is_one_line()
    {
        var vitamins = Vitamins();

        Assert.Throws<DomainRuleException>(() => StarterKit.Create("Empty", null, new Money(100), [], true, Now));
        var kit = StarterKit.Create("Double", null, new Money(100), [new(vitamins, 1), new(vitamins, 2)], true, Now);

        Assert.Equal([(11L, 3)], kit.Items.Select(i => (i.ProductId, i.Quantity)));
    }

    [Fact]
    public void Every_change_of_a_kit_is_a_new_version()
    {
        var kit = WelcomeKit(Vitamins(), Tea());
        var versions = new List<int> { kit.Version };

        kit.Update("Welcome kit", "Try them", new Money(70000), [new(Tea(), 1)], true, Now);
        versions.Add(kit.Version);
        kit.Deactivate(Now);
        versions.Add(kit.Version);
        kit.Activate(Catalogue(Tea()), Now);
        versions.Add(kit.Version);

        Assert.Equal([1, 2, 3, 4], versions);
    }

    [Theory]
    [InlineData(2, null)]
    [InlineData(1, "The starter kit changed while you were reading: check its price and contents and join again.")]
    [InlineData(3, "The starter kit changed while you were reading: check its price and contents and join again.")]
    [InlineData(null, "The starter kit changed while you were reading: check its price and contents and join again.")]
    public void A_kit_is_ordered_only_in_the_version_the_recruit_was_shown(int? shown, string? refusal)
    {
        var kit = WelcomeKit(Vitamins(), Tea());
        kit.Update("Welcome kit", "Try them", new Money(70000), [new(Tea(), 1)], true, Now);

        var outcome = Record.Exception(() => kit.CheckShown(shown));

        Assert.Equal(refusal, (outcome as DomainRuleException)?.Template);
    }

    [Theory]
    [InlineData(2, null)]
    [InlineData(1, "Another admin changed this kit since you opened it; here it is now.")]
    [InlineData(null, "Another admin changed this kit since you opened it; here it is now.")]
    public void An_admin_changes_a_kit_only_from_its_latest_version(int? basedOn, string? refusal)
    {
        var kit = WelcomeKit(Vitamins(), Tea());
        kit.Update("Welcome kit", "Try them", new Money(4900), [new(Tea(), 1)], true, Now);

        var outcome = Record.Exception(() => kit.CheckEditedFrom(basedOn));

        Assert.Equal(refusal, (outcome as DomainRuleException)?.Template);
        Assert.Equal(refusal is null ? null : RuleBreach.Conflict, (outcome as DomainRuleException)?.Breach);
    }

    [Fact]
    public void The_house_account_orders_no_kit()
    {
        var (vitamins, tea) = (Vitamins(), Tea());
        var house = WithId(Distributor.CreateHouse("Company", "house@example.com", "HOUSE234", Now), 1);

        Assert.Throws<DomainRuleException>(() => Sale.RecordStarterKit(WelcomeKit(vitamins, tea), Catalogue(vitamins, tea), house, 1, Now));
    }
}
