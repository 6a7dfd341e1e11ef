using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MlmNetwork.Infrastructure.Ledger;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Ledger;

public sealed class IndexModel(LedgerCheck check, TemplateText texts, IStringLocalizer<IndexModel> t) : PageModel
{
    public LedgerReport? Report { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostAsync(CancellationToken ct)
    {
        Report = await check.RunAsync(ct);
    }

    /// <summary>The rule a breach broke, in the reader's language.</summary>
    public string Rule(LedgerBreach breach) => t[breach.Rule];

    /// <summary>What is wrong, in the reader's language, amounts and months in their culture.</summary>
    public string Detail(LedgerBreach breach) => texts.Format(t, breach.Text);
}
