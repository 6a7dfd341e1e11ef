using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// Measures the read replica's lag once a second (<see cref="ReplicaLag"/>), so the read pages
/// leave a replica that fell behind or went down within about a second, and come back to it when
/// it has caught up; says so in the log when that changes.
/// </summary>
public sealed class ReplicaLagWorker(ReplicaLag lag, ILogger<ReplicaLagWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        bool? wasUsable = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var usable = await lag.SampleAsync(stoppingToken);
                if (usable != wasUsable)
                {
                    if (usable)
                    {
                        logger.LogInformation("Reads go to the replica: it is {LagSeconds:F1} s behind the primary", lag.Last?.TotalSeconds);
                    }
                    else
                    {
                        logger.LogWarning(
                            "Reads go to the primary: the replica is {State}",
                            lag.Last is { } behind ? $"{behind.TotalSeconds:F1} s behind (more than {lag.MaxLag.TotalSeconds:F0} s)"
                            : lag.Answered ? "behind every primary position this instance has noted (since it started, or for the last two minutes)"
                            : "not answering as a standby");
                    }

                    wasUsable = usable;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The primary itself did not answer: the pages will say so; keep measuring.
                logger.LogWarning(e, "Could not measure the replica's lag");
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
