using Microsoft.AspNetCore.Mvc.RazorPages;
using MlmNetwork.Infrastructure.Ledger;

namespace MlmNetwork.Web.Pages.Admin.Ledger;

public sealed class IndexModel(LedgerCheck check) : PageModel
{
    public LedgerReport? Report { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostAsync(CancellationToken ct)
    {
        Report = await check.RunAsync(ct);
    }
}
