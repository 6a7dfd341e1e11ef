using System.Globalization;

namespace MlmNetwork.Domain;

/// <summary>A percentage with at most two decimals, held as basis points (10.25% = 1025).</summary>
public readonly record struct Percent(int BasisPoints) : IComparable<Percent>
{
    public static Percent Zero => new(0);

    public decimal Value => BasisPoints / 100m;

    /// <summary>Reads 0 to 100 with at most two decimals; anything else is refused (for <paramref name="field"/>, named as <paramref name="label"/> when given).</summary>
    public static Percent FromValue(decimal value, string field = "percent", string? label = null)
    {
        var name = label ?? field;
        if (value < 0m || value > 100m)
        {
            throw DomainRuleException.Invalid($"{name} must be between 0 and 100.", field);
        }

        var basisPoints = value * 100m;
        if (basisPoints != decimal.Truncate(basisPoints))
        {
            throw DomainRuleException.Invalid($"{name} has more than 2 decimals.", field);
        }

        return new Percent((int)basisPoints);
    }

    public int CompareTo(Percent other) => BasisPoints.CompareTo(other.BasisPoints);

    public static bool operator <(Percent left, Percent right) => left.BasisPoints < right.BasisPoints;

    public static bool operator >(Percent left, Percent right) => left.BasisPoints > right.BasisPoints;

    public static bool operator <=(Percent left, Percent right) => left.BasisPoints <= right.BasisPoints;

    public static bool operator >=(Percent left, Percent right) => left.BasisPoints >= right.BasisPoints;

    public override string ToString() => Value.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
