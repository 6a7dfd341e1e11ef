using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// Keeps the team counters up to date in the background: runs <see cref="TeamVolumeRollup"/>
/// rounds back to back while entries wait, and looks again every <c>TeamVolume:IntervalMilliseconds</c>
/// (1,000 by default) when the queue is empty, so a sale shows in its upline's team figures
/// within about a second. One round costs about the same for one sale as for hundreds
/// (a walk up the tree is as long as the deepest upline in it), so rounds are not run more often.
/// </summary>
public sealed class TeamVolumeRollupService(TeamVolumeRollup rollup, IConfiguration configuration, ILogger<TeamVolumeRollupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(10, configuration.GetValue("TeamVolume:IntervalMilliseconds", 1000)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await rollup.RunRoundAsync(stoppingToken) < TeamVolumeRollup.RoundSize)
                {
                    await Task.Delay(interval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Nothing is lost: a failed round rolls back and its entries wait for the next one.
                logger.LogError(e, "Team volume rollup failed; trying again in {RetrySeconds} s", 5);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }
}
