using MlmNetwork.Infrastructure.Ledger;

namespace MlmNetwork.Web.Infrastructure;

/// <summary><c>dotnet run --project src/MlmNetwork.Web -- check-ledger</c>: verifies the ledger and exits 0 when it holds, 1 when it does not.</summary>
public static class LedgerCommand
{
    public static async Task<int> RunAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<LedgerCheck>().RunAsync(CancellationToken.None);
        var output = Console.Out;
        await output.WriteLineAsync($"Checked {report.SalesChecked} sales and {report.LinesChecked} ledger lines.");
        foreach (var breach in report.Breaches)
        {
            await output.WriteLineAsync($"BREACH [{breach.Rule}] {breach.Detail}");
        }

        await output.WriteLineAsync(report.Holds ? "The ledger holds: no breach." : $"{report.Breaches.Count} breaches.");
        return report.Holds ? 0 : 1;
    }
}
