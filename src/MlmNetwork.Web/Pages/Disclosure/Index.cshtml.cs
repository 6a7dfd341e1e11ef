using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Reports;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Disclosure;

/// <summary>The published income disclosure, for anybody (a recruit before joining above all), and its CSV; both as the disclosure rule lets them be shown.</summary>
public sealed class IndexModel(IncomeDisclosures disclosures, Display show) : PageModel
{
    public DisclosedIncome? Disclosure { get; private set; }

    public DateTime PublishedAt { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await disclosures.PublishedAsync(ct) is { } published)
        {
            (Disclosure, PublishedAt) = published;
        }
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (await disclosures.PublishedAsync(ct) is not { } published)
        {
            return NotFound();
        }

        var d = published.Figures;
        return DisclosureCsv.Of(d, published.PublishedAt, show.CurrencyCode).Download($"income-disclosure-{d.From}-{d.To}.csv");
    }
}
