using System.Globalization;
using Microsoft.Extensions.Options;
using MlmNetwork.Domain;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// How numbers, amounts and dates read on a page: in the reader's culture (thousands separators,
/// decimal comma in Russian) with the installation's currency symbol beside every amount.
/// Views reach it as <c>Show</c> (see _ViewImports).
/// </summary>
public sealed class Display(IOptions<CurrencyOptions> currency)
{
    public string CurrencyCode => currency.Value.Code;

    public string CurrencySymbol => currency.Value.Symbol;

    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    /// <summary>An amount with the currency symbol where the reader's culture puts it: "€1,234.50", "1 234,50 €".</summary>
    public string Money(Money amount) => Money(amount.Amount);

    public string Money(decimal amount)
    {
        var format = (NumberFormatInfo)Culture.NumberFormat.Clone();
        format.CurrencySymbol = CurrencySymbol;
        format.CurrencyDecimalDigits = Domain.Money.MinorUnitDigits;
        // The culture's pattern puts a plain space between the number and the symbol ("n €"): a
        // line may not break there, any more than inside the number.
        return amount.ToString("C", format).Replace(' ', '\u00a0');
    }

    /// <summary>An amount without the symbol, for a column whose heading names the currency: "1,234.50".</summary>
    public string Amount(Money amount) => amount.Amount.ToString("N2", Culture);

    public string Amount(decimal amount) => amount.ToString("N2", Culture);

    /// <summary>A count or quantity: "1,234", "1 234".</summary>
    public string Number(long value) => value.ToString("N0", Culture);

    public string Percent(Percent percent) => percent.Value.ToString("0.##", Culture) + "\u00a0%";

    public string Percent(decimal percent) => percent.ToString("0.##", Culture) + "\u00a0%";

    public string Date(DateTime instant) => instant.ToString("d", Culture);

    public string Date(DateOnly date) => date.ToString("d", Culture);

    /// <summary>A date and time, UTC: "11/27/2026 9:05 AM", "27.11.2026 09:05".</summary>
    public string DateTime(DateTime instant) => instant.ToString("g", Culture);

    /// <summary>A month as its name and year: "November 2026", "ноябрь 2026 г.".</summary>
    public string Month(Period period) => period.StartsAt.ToString("Y", Culture);

    /// <summary>A month short, for a chart's axis: "Nov 2026", "нояб. 2026".</summary>
    public string ShortMonth(Period period) => period.StartsAt.ToString("MMM yyyy", Culture);
}
