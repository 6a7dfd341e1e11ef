using System.Reflection;

namespace MlmNetwork.Domain.Tests;

public class SaleAndTreeTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);

    private static T WithId<T>(T entity, long id)
    {
        typeof(T).GetProperty("Id", BindingFlags.Public | BindingFlags.Instance)!.SetValue(entity, id);
        return entity;
    }

    private static (Distributor House, Distributor Sponsor, Distributor Seller) Tree()
    {
        var house = WithId(Distributor.CreateHouse("Company", "house@example.com", "HOUSE234", Now), 1);
        var sponsor = WithId(Distributor.Join(house, "Sam Sponsor", "sam@example.com", "SAMSAM22", Now), 2);
        var seller = WithId(Distributor.Join(sponsor, "Sue Seller", "sue@example.com", "SUESUE22", Now), 3);
        return (house, sponsor, seller);
    }

    private static List<UplineMember> ChainOf(params Distributor[] members) =>
        [.. members.Select((d, i) => new UplineMember(d.Id, i, d.IsHouse, d.Status))];

    private static CommissionPlan Plan() =>
        CommissionPlan.Create(3, new Percent(1000), [new Percent(500), new Percent(300)], false, Money.Zero, Now, "test");

    [Fact]
    public void Record_totals_price_and_base_times_quantity_and_pays_on_the_base()
    {
        var (house, sponsor, seller) = Tree();
        var shampoo = Product.Create("sh-1", "Shampoo", new Money(1999), new Money(1500), Now);
        var cream = Product.Create("CR-2", "Cream", new Money(1000), null, Now);

        var sale = Sale.Record([new SaleItem(shampoo, 2), new SaleItem(cream, 3)], Plan(), ChainOf(seller, sponsor, house), "key-1", "hash", "ext-9", Now);

        Assert.Equal(new Money(6998), sale.Total); // 2 x 19.99 + 3 x 10.00
        Assert.Equal(new Money(6000), sale.Base); // 2 x 15.00 + 3 x 10.00 (base defaults to price)
        Assert.Equal(3, sale.PlanVersion);
        Assert.Equal(202611, sale.PeriodKey);
        Assert.Equal("SH-1", sale.Lines[0].Sku);
        Assert.Equal(
            [(3L, 0, 600L), (2L, 1, 300L)],
            sale.Commissions.Select(c => (c.BeneficiaryId, c.Level, c.Amount.Cents)));
        Assert.All(sale.Commissions, c => Assert.Equal(3, c.PlanVersion));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(Sale.MaxQuantity + 1)]
    public void Record_refuses_a_quantity_out_of_range(int quantity)
    {
        var (house, sponsor, seller) = Tree();
        var product = Product.Create("P1", "P", new Money(100), null, Now);
        Assert.Throws<DomainRuleException>(() => Sale.Record([new SaleItem(product, quantity)], Plan(), ChainOf(seller, sponsor, house), "k", "h", null, Now));
    }

    [Fact]
    public void Record_refuses_an_empty_sale_a_deactivated_product_and_the_house()
    {
        var (house, sponsor, seller) = Tree();
        var product = Product.Create("P1", "P", new Money(100), null, Now);
        Assert.Throws<DomainRuleException>(() => Sale.Record([], Plan(), ChainOf(seller, sponsor, house), "k", "h", null, Now));
        Assert.Throws<DomainRuleException>(() => Sale.Record([new SaleItem(product, 1)], Plan(), ChainOf(house), "k", "h", null, Now));
        product.Deactivate();
        Assert.Throws<DomainRuleException>(() => Sale.Record([new SaleItem(product, 1)], Plan(), ChainOf(seller, sponsor, house), "k", "h", null, Now));
    }

    [Fact]
    public void Joining_places_the_recruit_one_level_below_the_sponsor_and_pays_nobody()
    {
        var (_, sponsor, seller) = Tree();
        Assert.Equal(sponsor.Id, seller.SponsorId);
        Assert.Equal(2, seller.Depth);
        Assert.Equal(DistributorStatus.Active, seller.Status);
        Assert.Equal("sue@example.com", seller.Email);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("two words@example.com")]
    public void Joining_refuses_a_bad_email(string email)
    {
        var (house, _, _) = Tree();
        var error = Assert.Throws<DomainRuleException>(() => Distributor.Join(house, "Name", email, "ABCDEFGH", Now));
        Assert.Equal("email", error.Field);
    }

    [Fact]
    public void MoveTo_refuses_a_cycle()
    {
        var (house, sponsor, seller) = Tree();
        // Moving the sponsor under its own recruit: the recruit's upline contains the sponsor.
        var error = Assert.Throws<DomainRuleException>(() => sponsor.MoveTo(seller, [sponsor.Id, house.Id]));
        Assert.Equal(RuleBreach.Conflict, error.Breach);
        Assert.Throws<DomainRuleException>(() => sponsor.MoveTo(sponsor, [house.Id]));
        Assert.Equal(house.Id, sponsor.SponsorId);
    }

    [Fact]
    public void MoveTo_places_under_the_new_sponsor_when_there_is_no_cycle()
    {
        var (house, sponsor, seller) = Tree();
        seller.MoveTo(house, []);
        Assert.Equal(house.Id, seller.SponsorId);
        Assert.Equal(1, seller.Depth);
        Assert.Equal(house.Id, sponsor.SponsorId);
    }

    [Theory]
    [InlineData("abcd2345", "ABCD2345")]
    [InlineData(" ABCD2345 ", "ABCD2345")]
    [InlineData("ABCD234", null)]
    [InlineData("ABCD2340", null)] // 0 is not in the alphabet
    [InlineData("../../x", null)]
    [InlineData(null, null)]
    public void ReferralCode_normalizes_what_was_typed(string? typed, string? expected)
    {
        Assert.Equal(expected, ReferralCode.Normalize(typed));
    }

    [Fact]
    public void ReferralCode_new_codes_are_valid_codes()
    {
        for (var i = 0; i < 1000; i++)
        {
            var code = ReferralCode.New();
            Assert.Equal(code, ReferralCode.Normalize(code));
        }
    }

    [Theory]
    [InlineData(0L, null)]
    [InlineData(100, 101L)]
    [InlineData(100, -1L)]
    public void Product_refuses_a_bad_price_or_base(long priceCents, long? baseCents)
    {
        Assert.Throws<DomainRuleException>(() => Product.Create("SKU", "Name", new Money(priceCents), baseCents is null ? null : new Money(baseCents.Value), Now));
    }
}
