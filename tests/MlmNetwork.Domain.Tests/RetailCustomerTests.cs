using System.Reflection;

namespace MlmNetwork.Domain.Tests;

/// <summary>Every sale is to one of the seller's own customers or for personal use; customer orders are paid once and cancelled by the refund rules.</summary>
public class RetailCustomerTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);

    private static T WithId<T>(T entity, long id)
    {
        typeof(T).GetProperty("Id", BindingFlags.Public | BindingFlags.Instance)!.SetValue(entity, id);
        return entity;
    }

    private static readonly CommissionPlan Plan = CommissionPlan.Create(1, new Percent(1000), [new Percent(500)], false, Money.Zero, Now, "test");

    private static readonly Product Vitamins = WithId(Product.Create("VIT", "Vitamins", new Money(2000), new Money(1500), Now), 1);

    private static List<UplineMember> Chain(long seller, DistributorStatus status = DistributorStatus.Active) =>
        [new UplineMember(seller, 0, false, status), new UplineMember(1, 1, true, DistributorStatus.Active)];

    private static Customer CustomerOf(long distributorId, long id) => WithId(Customer.Create(distributorId, "Anna Berg", "anna@example.com", null, false, Now), id);

    private static Sale Record(long seller, Customer? customer, string key = "k") =>
        Sale.Record([new SaleItem(Vitamins, 2)], Plan, Chain(seller), key, "h", null, Now, customer);

    [Theory]
    [InlineData(7L, 7L, true)]
    [InlineData(7L, 8L, false)]
    public void A_sale_to_a_customer_is_made_only_by_that_customers_distributor(long seller, long customersDistributor, bool allowed)
    {
        var customer = CustomerOf(customersDistributor, 40);
        if (allowed)
        {
            var sale = Record(seller, customer);
            Assert.Equal(40, sale.CustomerId);
            Assert.False(sale.IsPersonalUse);
        }
        else
        {
            var refused = Assert.Throws<DomainRuleException>(() => Record(seller, customer));
            Assert.Equal("Customer {0} is not a customer of the seller.", refused.Template);
            Assert.Equal("customerId", refused.Field);
        }
    }

    [Fact]
    public void A_sale_with_no_customer_is_for_personal_use_and_pays_the_same()
    {
        var personal = Record(7, null);
        var retail = Record(7, CustomerOf(7, 40));

        Assert.True(personal.IsPersonalUse);
        Assert.Null(personal.CustomerId);
        Assert.Equal(retail.Commissions.Select(c => c.Amount), personal.Commissions.Select(c => c.Amount));
    }

    [Theory]
    [InlineData("customer-order:12")]
    [InlineData("CUSTOMER-ORDER:x")]
    public void Keys_of_customer_orders_are_kept_for_them(string key)
    {
        var refused = Assert.Throws<DomainRuleException>(() => Record(7, null, key));
        Assert.Equal("Idempotency keys that start with {0} are kept for customer orders.", refused.Template);
    }

    [Theory]
    [InlineData(false, false, null)]
    [InlineData(true, false, "now")]
    [InlineData(true, true, "first")]
    public void Consent_keeps_the_time_it_was_first_given_and_is_cleared_when_withdrawn(bool consent, bool givenBefore, string? expected)
    {
        var customer = Customer.Create(7, "Anna", null, null, givenBefore, Now.AddDays(-3));
        customer.Update("Anna", null, null, consent, Now);

        Assert.Equal(consent, customer.ConsentToContact);
        Assert.Equal(expected switch { "now" => Now, "first" => Now.AddDays(-3), _ => (DateTime?)null }, customer.ConsentGivenAt);
    }

    [Theory]
    [InlineData(" ", null, null, "Name is required.")]
    [InlineData("Anna", "not-an-address", null, "Email is not a valid address.")]
    [InlineData("Anna", null, "12", "A phone number is 7 to {0} characters: digits, spaces, + - ( ) and dots.")]
    public void A_customer_needs_a_name_and_valid_contact_details_when_given(string name, string? email, string? phone, string expected)
    {
        var refused = Assert.Throws<DomainRuleException>(() => Customer.Create(7, name, email, phone, false, Now));
        Assert.Equal(expected, refused.Template);
    }

    private static Distributor Seller(DistributorStatus status)
    {
        var house = WithId(Distributor.CreateHouse("Company", "house@example.com", "HOUSE234", Now), 1);
        var seller = WithId(Distributor.Join(house, "Sue Seller", "sue@example.com", "SUESUE22", Now), 7);
        if (status != DistributorStatus.Active)
        {
            seller.ChangeStatus(status, Now);
        }

        return seller;
    }

    [Theory]
    [InlineData(DistributorStatus.Active, true)]
    [InlineData(DistributorStatus.Inactive, false)]
    [InlineData(DistributorStatus.Terminated, false)]
    public void Only_an_Active_distributor_takes_customer_orders(DistributorStatus status, bool taken)
    {
        var seller = Seller(status);
        var customer = CustomerOf(7, 40);
        if (taken)
        {
            var order = CustomerOrder.Place(seller, customer, [new SaleItem(Vitamins, 3)], Now);
            Assert.Equal((CustomerOrderState.Placed, 6000L, 40L), (order.State, order.Total.Cents, order.CustomerId));
        }
        else
        {
            var refused = Assert.Throws<DomainRuleException>(() => CustomerOrder.Place(seller, customer, [new SaleItem(Vitamins, 3)], Now));
            Assert.Equal("This distributor cannot take orders at the moment.", refused.Template);
        }
    }

    [Fact]
    public void A_customer_order_is_only_for_the_distributors_own_customer()
    {
        var refused = Assert.Throws<DomainRuleException>(() => CustomerOrder.Place(Seller(DistributorStatus.Active), CustomerOf(8, 40), [new SaleItem(Vitamins, 1)], Now));
        Assert.Equal("customerId", refused.Field);
    }

    [Theory]
    [InlineData(CustomerOrderState.Placed, "pay", CustomerOrderState.Paid)]
    [InlineData(CustomerOrderState.Paid, "pay", null)]
    [InlineData(CustomerOrderState.Cancelled, "pay", null)]
    [InlineData(CustomerOrderState.Placed, "cancel", CustomerOrderState.Cancelled)]
    [InlineData(CustomerOrderState.Paid, "cancel", CustomerOrderState.Cancelled)]
    [InlineData(CustomerOrderState.Cancelled, "cancel", null)]
    public void A_customer_order_is_paid_once_and_cancelled_once(CustomerOrderState from, string action, CustomerOrderState? to)
    {
        var order = WithId(CustomerOrder.Place(Seller(DistributorStatus.Active), CustomerOf(7, 40), [new SaleItem(Vitamins, 1)], Now), 5);
        if (from == CustomerOrderState.Paid)
        {
            order.MarkPaid(99, Now);
        }
        else if (from == CustomerOrderState.Cancelled)
        {
            order.Cancel(Now);
        }

        void Act()
        {
            if (action == "pay")
            {
                order.MarkPaid(100, Now);
            }
            else
            {
                order.Cancel(Now);
            }
        }

        if (to is { } expected)
        {
            Act();
            Assert.Equal(expected, order.State);
        }
        else
        {
            Assert.Equal(RuleBreach.Conflict, Assert.Throws<DomainRuleException>(Act).Breach);
        }
    }

    [Fact]
    public void A_customer_orders_sale_is_posted_under_the_orders_own_key_to_its_customer()
    {
        var customer = CustomerOf(7, 40);
        var order = WithId(CustomerOrder.Place(Seller(DistributorStatus.Active), customer, [new SaleItem(Vitamins, 1)], Now), 5);

        var sale = Sale.Record([new SaleItem(Vitamins, 1)], Plan, Chain(7), order.SaleKey, "h", null, Now, customer, order);

        Assert.Equal(("customer-order:5", 40L), (sale.IdempotencyKey, sale.CustomerId!.Value));
        Assert.Throws<ArgumentException>(() => Sale.Record([new SaleItem(Vitamins, 1)], Plan, Chain(7), "other", "h", null, Now, customer, order));
    }

    [Fact]
    public void A_quoted_sale_is_at_the_quoted_prices_even_for_a_product_repriced_or_withdrawn_since()
    {
        var tea = WithId(Product.Create("TEA", "Tea", new Money(899), new Money(700), Now), 2);
        tea.Update("Tea", new Money(1299), new Money(1000));
        tea.Deactivate();

        var sale = Sale.Record([new SaleItem(tea, 10, new SaleQuote(new Money(899), new Money(700)))], Plan, Chain(7), "k", "h", null, Now);

        Assert.Equal((89_90L, 70_00L), (sale.Total.Cents, sale.Base.Cents));
        Assert.Equal([7_00L], sale.Commissions.Select(c => c.Amount.Cents)); // the upline is the house: 10 % of the quoted base only
        // Without a quote, a withdrawn product is not sold.
        var refused = Assert.Throws<DomainRuleException>(() => Sale.Record([new SaleItem(tea, 1)], Plan, Chain(7), "k", "h", null, Now));
        Assert.Equal("Product {0} is not for sale any more.", refused.Template);
    }

    [Theory]
    [InlineData(new[] { 10_000 }, true)]
    [InlineData(new[] { 5_000, 5_000 }, true)]
    [InlineData(new[] { 5_000, 5_001 }, false)]
    [InlineData(new[] { 10_000, 10_000, 10_000 }, false)]
    public void A_product_on_several_lines_is_limited_like_one_line(int[] quantities, bool allowed)
    {
        var items = quantities.Select(q => new SaleItem(Vitamins, q)).ToList();

        var sale = Xunit.Record.Exception(() => Sale.Record(items, Plan, Chain(7), "k", "h", null, Now));
        var order = Xunit.Record.Exception(() => CustomerOrder.Place(Seller(DistributorStatus.Active), CustomerOf(7, 40), items, Now));

        if (allowed)
        {
            Assert.Null(sale);
            Assert.Null(order);
        }
        else
        {
            Assert.Equal("The quantities of {0} add up to {1}; a sale takes at most {2} of a product.", Assert.IsType<DomainRuleException>(sale).Template);
            Assert.Equal("The quantities of {0} add up to {1}; a sale takes at most {2} of a product.", Assert.IsType<DomainRuleException>(order).Template);
        }
    }
}
