using MlmNetwork.Domain;

namespace MlmNetwork.Domain.Tests;

public class PartialRefundTests
{
    private static readonly DateTime Now = new(2026, 11, 10, 12, 0, 0, DateTimeKind.Utc);

    private static CommissionPlan Plan(int personalBp, params int[] levelsBp) =>
        CommissionPlan.Create(1, new Percent(personalBp), [.. levelsBp.Select(bp => new Percent(bp))], false, Money.Zero, Now.AddDays(-30), "test");

    private static IReadOnlyList<UplineMember> Chain(int length) =>
        [.. Enumerable.Range(0, length).Select(d => new UplineMember(100 + d, d, false, DistributorStatus.Active))];

    private static Sale SaleOf(CommissionPlan plan, int chainLength, params (string Sku, long PriceCents, int Quantity)[] items) =>
        Sale.Record([.. items.Select(i => new SaleItem(Product.Create(i.Sku, i.Sku, new Money(i.PriceCents), null, Now), i.Quantity))], plan, Chain(chainLength), "sale", "hash", null, Now);

    private static Dictionary<long, Money> NetByBeneficiary(Sale sale) =>
        sale.Commissions.GroupBy(c => c.BeneficiaryId).ToDictionary(g => g.Key, g => Money.Sum(g.Select(c => c.Amount)));

    [Fact]
    public void Refunding_part_reverses_that_parts_base_times_each_percent_rounded_half_away_from_zero()
    {
        var sale = SaleOf(Plan(1000, 500, 300), 3, ("A", 3333, 3), ("B", 1000, 1));

        var refund = sale.Refund("r1", "h1", [new RefundPart("A", 1)], Now);

        Assert.Equal((new Money(3333), new Money(3333), false), (refund.Total, refund.Base, refund.Completes));
        Assert.Equal([-333L, -167L, -100L], refund.Reversals.Select(r => r.Amount.Cents)); // 333.3, 166.65, 99.99 cents
        Assert.Equal(1, sale.Lines.Single(l => l.Sku == "A").RefundedQuantity);
        Assert.Null(sale.RefundedAt);
    }

    [Fact]
    public void The_refund_that_completes_the_sale_reverses_exactly_what_remains()
    {
        var sale = SaleOf(Plan(1000, 500, 300), 3, ("A", 3333, 3));
        sale.Refund("r1", "h1", [new RefundPart("A", 1)], Now);
        sale.Refund("r2", "h2", [new RefundPart("A", 1)], Now);

        var last = sale.Refund("r3", "h3", [new RefundPart("A", 1)], Now);

        Assert.True(last.Completes);
        Assert.Equal(Now, sale.RefundedAt);
        Assert.All(NetByBeneficiary(sale), net => Assert.Equal(Money.Zero, net.Value));
        Assert.Equal(RuleBreach.Conflict, Assert.Throws<DomainRuleException>(() => sale.Refund("r4", "h4", null, Now)).Breach);
    }

    [Theory]
    [InlineData("C", 1, "has no line of C")]
    [InlineData("A", 4, "Refund 1 to 3 of A")]
    [InlineData("A", 0, "Refund 1 to 3 of A")]
    [InlineData("A", -2, "Refund 1 to 3 of A")]
    public void A_refund_never_takes_back_more_than_remains(string sku, int quantity, string message)
    {
        var sale = SaleOf(Plan(1000, 500), 2, ("A", 1000, 3));

        var refused = Assert.Throws<DomainRuleException>(() => sale.Refund("r", "h", [new RefundPart(sku, quantity)], Now));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        Assert.Empty(sale.Refunds);
        Assert.Equal(0, sale.Lines[0].RefundedQuantity);
    }

    /// <summary>Whatever the order and size of the partial refunds, a fully refunded sale nets to zero for everybody, and no part reverses more than its share.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Partial_refunds_in_any_order_net_a_fully_refunded_sale_to_zero(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 200; round++)
        {
            var levels = Enumerable.Range(0, random.Next(0, 6)).Select(_ => random.Next(0, 900)).ToArray();
            var plan = Plan(random.Next(0, 1500), levels);
            var items = Enumerable.Range(0, random.Next(1, 4)).Select(i => ($"P{i}", (long)random.Next(1, 20_000), random.Next(1, 8))).ToArray();
            var sale = SaleOf(plan, random.Next(1, 8), items);
            var earned = NetByBeneficiary(sale);
            var step = 0;
            while (sale.RefundedAt is null)
            {
                var open = sale.Lines.Where(l => l.RemainingQuantity > 0).ToList();
                var line = open[random.Next(open.Count)];
                var part = new RefundPart(line.Sku, random.Next(1, line.RemainingQuantity + 1));
                var refund = sale.Refund($"r{step}", $"h{step++}", [part], Now);
                foreach (var reversal in refund.Reversals)
                {
                    var original = sale.Commissions.Single(c => reversal.Cancels(c));
                    Assert.True(refund.Completes || -reversal.Amount <= refund.Base.PercentOf(original.Percent), $"seed {seed}, round {round}: a partial refund reversed {reversal.Amount} of a line at {original.Percent}");
                    Assert.True(sale.Outstanding(original) >= Money.Zero, $"seed {seed}, round {round}: line reversed past what it earned");
                }
            }

            Assert.All(NetByBeneficiary(sale), net => Assert.True(net.Value == Money.Zero, $"seed {seed}, round {round}: beneficiary {net.Key} keeps {net.Value} of {earned[net.Key]}"));
        }
    }
}
