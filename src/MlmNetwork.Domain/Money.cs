using System.Globalization;

namespace MlmNetwork.Domain;

/// <summary>
/// An amount in the company's one currency, held as whole minor units (cents) so that no
/// binary floating point ever touches money.
/// </summary>
public readonly record struct Money(long Cents) : IComparable<Money>
{
    public const int MinorUnitDigits = 2;

    public static Money Zero => new(0);

    /// <summary>The largest amount anyone may type or send (about 92 billion), far from where sums could overflow.</summary>
    public const decimal MaxAmount = long.MaxValue / 100_000_000m;

    /// <summary>The amount in major units (12.34), for JSON and display.</summary>
    public decimal Amount => Cents / 100m;

    /// <summary>
    /// Reads an amount given in major units. More than two decimals is refused rather than
    /// silently rounded, because an integration that sends 9.999 has a bug we should show it.
    /// A refusal is for <paramref name="field"/> and names it as <paramref name="label"/> when given.
    /// </summary>
    public static Money FromAmount(decimal amount, string field = "amount", string? label = null)
    {
        var name = label ?? field;
        if (amount > MaxAmount || amount < -MaxAmount)
        {
            throw DomainRuleException.Invalid($"{name} is too large.", field);
        }

        var cents = amount * 100m;
        if (cents != decimal.Truncate(cents))
        {
            throw DomainRuleException.Invalid($"{name} has more than {MinorUnitDigits} decimals.", field);
        }

        return new Money((long)cents);
    }

    public static Money Sum(IEnumerable<Money> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var total = Zero;
        foreach (var amount in amounts)
        {
            total += amount;
        }

        return total;
    }

    public static Money operator +(Money left, Money right) => new(checked(left.Cents + right.Cents));

    public static Money operator -(Money left, Money right) => new(checked(left.Cents - right.Cents));

    public static Money operator -(Money value) => new(-value.Cents);

    public static Money operator *(Money value, int factor) => new(checked(value.Cents * factor));

    public static bool operator <(Money left, Money right) => left.Cents < right.Cents;

    public static bool operator >(Money left, Money right) => left.Cents > right.Cents;

    public static bool operator <=(Money left, Money right) => left.Cents <= right.Cents;

    public static bool operator >=(Money left, Money right) => left.Cents >= right.Cents;

    public Money Add(Money other) => this + other;

    public Money Subtract(Money other) => this - other;

    public Money Multiply(int factor) => this * factor;

    public Money Negate() => -this;

    /// <summary>
    /// The given percent of this amount, rounded on its own to the cent, half away from zero
    /// (PRODUCT.md rule 3). Computed in integers: cents x basis points / 10,000.
    /// </summary>
    public Money PercentOf(Percent percent)
    {
        var scaled = checked((Int128)Cents * percent.BasisPoints);
        var magnitude = Int128.Abs(scaled);
        var rounded = (magnitude + 5_000) / 10_000;
        return new Money((long)(scaled < 0 ? -rounded : rounded));
    }

    public int CompareTo(Money other) => Cents.CompareTo(other.Cents);

    public override string ToString() => Amount.ToString("0.00", CultureInfo.InvariantCulture);
}
