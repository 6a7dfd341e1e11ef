namespace MlmNetwork.Domain;

/// <summary>How long somebody had been a distributor at a moment: the income disclosure's tenure groups.</summary>
public enum Tenure
{
    /// <summary>Joined less than a year before.</summary>
    UnderOneYear = 0,
    /// <summary>At least one year and less than two.</summary>
    OneToTwoYears = 1,
    /// <summary>Two years or more.</summary>
    OverTwoYears = 2,
}

public static class Tenures
{
    /// <summary>
    /// The tenure at <paramref name="at"/> of someone who joined at <paramref name="joinedAt"/>:
    /// under one year when they joined after the same instant a year earlier, one to two years
    /// when after the same instant two years earlier, otherwise over two years.
    /// </summary>
    public static Tenure At(DateTime joinedAt, DateTime at) =>
        joinedAt > at.AddYears(-1) ? Tenure.UnderOneYear
        : joinedAt > at.AddYears(-2) ? Tenure.OneToTwoYears
        : Tenure.OverTwoYears;
}
