using MlmNetwork.Domain;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// An income disclosure as CSV, one figure a row (<c>group,figure,value</c>): the range, the
/// ledger's totals, the statistics of everybody and of each tenure group, and each starter kit
/// set against the earnings. Amounts in major units of <c>currency</c>, shares in percent.
/// </summary>
public static class DisclosureCsv
{
    public static CsvFile Of(IncomeDisclosure d, DateTime? publishedAt, string currency)
    {
        ArgumentNullException.ThrowIfNull(d);
        var csv = new CsvFile("group", "figure", "value");
        csv.Row("range", "from", d.From).Row("range", "to", d.To).Row("range", "months", d.Months).Row("range", "generated_at", d.GeneratedAt);
        if (publishedAt is { } at)
        {
            csv.Row("range", "published_at", at);
        }

        csv.Row("range", "currency", currency);
        csv.Row("commissions", "earned", d.Earned).Row("commissions", "reversed", d.Reversed).Row("commissions", "forfeited", d.Forfeited)
            .Row("commissions", "net", d.NetCommissions).Row("commissions", "paid_out", d.Paid).Row("commissions", "distributors_paid", d.PaidPeople);
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

        foreach (var kit in d.Kits)
        {
            var name = "starter_kit " + kit.Name;
            csv.Row(name, "price", kit.Price).Row(name, "cheapest", kit.Cheapest).Row(name, "most_chosen", kit.MostChosen)
                .Row(name, "earned_less_than_price", kit.EarnedLess).Row(name, "earned_less_than_price_percent", kit.EarnedLessShare);
        }

        return csv;
    }

    private static void Summary(CsvFile csv, string group, EarningsSummary s)
    {
        csv.Row(group, "distributors", s.Count).Row(group, "earned_nothing", s.EarnedNothing).Row(group, "earned_nothing_percent", s.EarnedNothingShare)
            .Row(group, "total", s.Total).Row(group, "mean", s.Mean).Row(group, "median", s.Median);
        foreach (var p in s.Percentiles)
        {
            csv.Row(group, "p" + p.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Value);
        }

        csv.Row(group, "top_1_percent_share", s.Top1Share).Row(group, "top_10_percent_share", s.Top10Share);
    }
}
