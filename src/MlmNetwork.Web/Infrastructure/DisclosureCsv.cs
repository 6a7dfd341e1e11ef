using MlmNetwork.Domain;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// An income disclosure as CSV, one figure a row (<c>group,figure,value</c>): the range, the
/// ledger's totals, the statistics of everybody and of each tenure group, and each starter kit
/// set against the earnings. Amounts in major units of <c>currency</c>, shares in percent. A
/// figure the disclosure rule withholds (<see cref="DisclosureRule"/>) reads <c>withheld</c>; each
/// group's <c>withheld_because</c> row says why its figures are (empty when they are shown), so
/// the rows are the same whatever is withheld.
/// </summary>
public static class DisclosureCsv
{
    private const string Withheld = "withheld";

    public static CsvFile Of(DisclosedIncome d, DateTime? publishedAt, string currency)
    {
        ArgumentNullException.ThrowIfNull(d);
        var csv = new CsvFile("group", "figure", "value");
        csv.Row("range", "from", d.From).Row("range", "to", d.To).Row("range", "months", d.Months).Row("range", "generated_at", d.GeneratedAt);
        if (publishedAt is { } at)
        {
            csv.Row("range", "published_at", at);
        }

        csv.Row("range", "currency", currency);
        var c = d.Commissions;
        csv.Row("commissions", "earned", Or(c?.Earned)).Row("commissions", "reversed", Or(c?.Reversed)).Row("commissions", "forfeited", Or(c?.Forfeited))
            .Row("commissions", "net", Or(c?.Net)).Row("commissions", "paid_out", Or(c?.Paid)).Row("commissions", "distributors_paid", Or(c?.PaidPeople));
        Summary(csv, "all", d.All);
        foreach (var group in d.ByTenure)
        {
            Summary(csv, group.Tenure switch
            {
                Tenure.UnderOneYear => "tenure_under_1_year",
                Tenure.OneToTwoYears => "tenure_1_to_2_years",
                _ => "tenure_2_years_or_more",
            }, group.Earnings);
        }

        if (d.Kits is null)
        {
            csv.Row("starter_kits", "withheld_because", Because(WithheldBecause.FewerThanMinimum));
        }

        foreach (var kit in d.Kits ?? [])
        {
            var name = "starter_kit " + kit.Name;
            csv.Row(name, "price", kit.Price).Row(name, "cheapest", kit.Cheapest).Row(name, "most_chosen", kit.MostChosen)
                .Row(name, "earned_less_than_price", kit.EarnedLess).Row(name, "earned_less_than_price_percent", kit.EarnedLessShare);
        }

        return csv;
    }

    private static void Summary(CsvFile csv, string group, DisclosedEarnings s)
    {
        csv.Row(group, "distributors", s.Count).Row(group, "withheld_because", s.Withheld is { } why ? Because(why) : null)
            .Row(group, "earned_nothing", Or(s.EarnedNothing)).Row(group, "earned_nothing_percent", Or(s.EarnedNothingShare))
            .Row(group, "total", Or(s.Total)).Row(group, "mean", Or(s.Mean)).Row(group, "median", Or(s.Median));
        foreach (var p in s.Percentiles)
        {
            csv.Row(group, "p" + p.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), Or(p.Value));
        }

        csv.Row(group, "top_1_percent_share", s.Top1Withheld ? Withheld : s.Top1Share).Row(group, "top_10_percent_share", s.Top10Withheld ? Withheld : s.Top10Share);
    }

    private static object Or<T>(T? value)
        where T : struct => value is { } shown ? shown : Withheld;

    private static string Because(WithheldBecause why) => why switch
    {
        WithheldBecause.FewerThanMinimum => $"fewer_than_{DisclosureRule.MinPeople}_distributors",
        WithheldBecause.RevealsSmallerGroups => "would_reveal_smaller_groups",
        _ => throw new ArgumentOutOfRangeException(nameof(why)),
    };
}
