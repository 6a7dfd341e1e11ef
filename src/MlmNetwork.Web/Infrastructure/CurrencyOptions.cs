namespace MlmNetwork.Web.Infrastructure;

/// <summary>The installation's one currency (section <c>Currency</c>): shown with every amount, never converted.</summary>
public sealed class CurrencyOptions
{
    /// <summary>ISO 4217 code, such as EUR or RUB.</summary>
    public string Code { get; set; } = "EUR";

    /// <summary>What is written beside an amount, such as € or ₽.</summary>
    public string Symbol { get; set; } = "€";
}
