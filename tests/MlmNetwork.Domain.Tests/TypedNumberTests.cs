using System.Globalization;
using MlmNetwork.Domain;

namespace MlmNetwork.Domain.Tests;

public class TypedNumberTests
{
    private static readonly CultureInfo Russian = new("ru-RU");
    private static readonly CultureInfo English = new("en-US");

    [Theory]
    [InlineData("ru-RU", "12,50", "12.50")]
    [InlineData("ru-RU", "12.50", "12.50")]
    [InlineData("en-US", "12,50", "12.50")]
    [InlineData("en-US", "12.5", "12.5")]
    [InlineData("en-US", " 7 ", "7")]
    [InlineData("ru-RU", "2,5 %", "2.5")]
    [InlineData("ru-RU", "-3,25", "-3.25")]
    [InlineData("ru-RU", "1,255", "1.255")]
    [InlineData("en-US", "1.255", "1.255")]
    public void Typed_numbers_are_read_with_either_decimal_separator(string culture, string typed, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), TypedNumber.Parse(typed, new CultureInfo(culture), "price"));
    }

    [Theory]
    [InlineData("en-US", "1,250", "ambiguous")]
    [InlineData("ru-RU", "1.250", "ambiguous")]
    [InlineData("en-US", "1,250.00", "more than one separator")]
    [InlineData("ru-RU", "1 250,00", "not a number")]
    [InlineData("ru-RU", "1\u00a0250", "not a number")]
    [InlineData("en-US", "12,", "not a number")]
    [InlineData("en-US", ",5", "not a number")]
    [InlineData("en-US", "0x10", "not a number")]
    [InlineData("en-US", "1e3", "not a number")]
    [InlineData("en-US", "", "required")]
    [InlineData("en-US", "١٢", "not a number")]
    [InlineData("en-US", "9999999999999999999999999", "too long")]
    public void Ambiguous_or_grouped_numbers_are_refused_with_a_message(string culture, string typed, string message)
    {
        var refused = Assert.Throws<DomainRuleException>(() => TypedNumber.Parse(typed, new CultureInfo(culture), "price"));
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal("price", refused.Field);
    }

    [Theory]
    [InlineData("0x10", "Commission base: '0x10' is not a number.")]
    [InlineData("", "Commission base is required.")]
    [InlineData("1,2.3", "Commission base: '1,2.3' has more than one separator.")]
    [InlineData("1.255", "Commission base has more than 2 decimals.")]
    [InlineData("-1", null)]
    public void A_refusal_names_the_field_by_its_label_and_keeps_the_field_key(string typed, string? message)
    {
        if (message is null)
        {
            Assert.Equal(new Money(-100), TypedNumber.ParseMoney(typed, English, "commissionBase", "Commission base"));
            return;
        }

        var refused = Assert.Throws<DomainRuleException>(() => TypedNumber.ParseMoney(typed, English, "commissionBase", "Commission base"));
        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal("commissionBase", refused.Field);
    }

    [Theory]
    [InlineData("101", "Level 2 must be between 0 and 100.")]
    [InlineData("2,555", "Level 2 has more than 2 decimals.")]
    public void A_percent_refusal_names_the_field_by_its_label(string typed, string message)
    {
        var refused = Assert.Throws<DomainRuleException>(() => TypedNumber.ParsePercent(typed, Russian, "levels[1]", "Level 2"));
        Assert.Equal(message, refused.Message);
        Assert.Equal("levels[1]", refused.Field);
    }

    [Fact]
    public void Money_and_percents_read_in_russian_are_never_rescaled()
    {
        Assert.Equal(new Money(1250), TypedNumber.ParseMoney("12,50", Russian, "price"));
        Assert.Equal(new Percent(250), TypedNumber.ParsePercent("2,5", Russian, "level"));
        Assert.Throws<DomainRuleException>(() => TypedNumber.ParseMoney("1,255", Russian, "price"));
        Assert.Throws<DomainRuleException>(() => TypedNumber.ParsePercent("250", English, "level"));
        Assert.Equal("12,50", TypedNumber.Format(new Money(1250), Russian));
        Assert.Equal("12.50", TypedNumber.Format(new Money(1250), English));
    }

    [Fact]
    public void An_amount_too_large_for_decimal_arithmetic_is_refused_not_crashed()
    {
        var refused = Assert.Throws<DomainRuleException>(() => Money.FromAmount(decimal.MaxValue, "price"));
        Assert.Contains("too large", refused.Message, StringComparison.Ordinal);
    }
}
