using System.Globalization;
using System.Text;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// The benchmark's yardstick for the dashboard (issue 11): <c>GET /bench/bare/dashboard/{id}?bytes=N</c>
/// runs exactly the dashboard's batch of SQL (<see cref="DashboardQuery"/>) for distributor
/// <c>id</c> in the open month, on the database the dashboard reads (<see cref="ReadDb"/>), and writes <c>N</c> bytes (the size of the rendered dashboard the
/// benchmark fetched just before), without the page: no cookie sign-in, no antiforgery token, no
/// Razor rendering. Dashboard requests/s ÷ bare requests/s in the same run is a ratio the
/// machine's speed hardly moves.
/// It answers anybody, about anybody: it is mapped only when <c>Benchmark:BareEndpoints</c> is
/// true (the benchmark sets it on the app it starts); by default the path does not exist (404).
/// </summary>
public static class BareBenchmarkEndpoints
{
    public const string Setting = "Benchmark:BareEndpoints";

    public const string DashboardPath = "/bench/bare/dashboard";

    /// <summary>The most bytes one request may ask for (a dashboard page is about 10–40 KB).</summary>
    public const int MaxBytes = 1 << 20;

    public static void MapBareBenchmarkEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Configuration.GetValue<bool>(Setting))
        {
            return;
        }

        app.Logger.LogWarning("{Setting} is on: {Path}/{{id}} answers anybody with any distributor's dashboard figures. Only for the benchmark.", Setting, DashboardPath);
        app.MapGet(DashboardPath + "/{id:long}", async (long id, int? bytes, HttpContext http, ReadDb reads, BusinessClock clock, CancellationToken ct) =>
        {
            var size = Math.Clamp(bytes ?? 0, 0, MaxBytes);
            var data = await DashboardQuery.LoadAsync(reads.Context, id, Period.Of(clock.UtcNow), ct);
            // A few of the figures read (so the batch's answer is used), then padding up to the page's size.
            var head = Encoding.UTF8.GetBytes(string.Create(
                CultureInfo.InvariantCulture,
                $"<!-- bare dashboard {id}: balance {data.Balance.Amount.Cents}, {data.Months.Count} months, {data.Earnings.Count} earnings, {data.Recruits.Count} recruits, {data.LatestLines.Count} lines -->\n"));
            var body = new byte[Math.Max(size, head.Length)];
            head.CopyTo(body, 0);
            body.AsSpan(head.Length).Fill((byte)' ');
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.ContentLength = body.Length;
            await http.Response.Body.WriteAsync(body, ct);
        }).ExcludeFromDescription();
    }
}
