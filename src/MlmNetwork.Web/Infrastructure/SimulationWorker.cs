using MlmNetwork.Infrastructure.Simulator;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>Wakes the <see cref="SimulationWorker"/> when a replay is queued, so it starts at once.</summary>
public sealed class SimulationSignal : IDisposable
{
    private readonly SemaphoreSlim queued = new(0);

    public void Wake() => queued.Release();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => queued.WaitAsync(timeout, ct);

    public void Dispose() => queued.Dispose();
}

/// <summary>
/// Runs the plan simulator's queued replays in the background, one at a time, so a long replay
/// never holds a request (its progress is in its row: <see cref="SimulationRuns"/>). Every
/// instance runs one; the one that takes the simulator's cluster lock for a round fails a run
/// left running by a stopped instance and starts the queued run, so a run starts once. Every
/// <c>Simulator:IntervalSeconds</c> (5) the queue is looked at again, since a run queued on
/// another instance wakes only that one.
/// </summary>
public sealed class SimulationWorker(SimulationRuns runs, SimulationSignal signal, IConfiguration configuration, ILogger<SimulationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Simulator:IntervalSeconds", 5)));
        try
        {
            await runs.RecoverAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not look for interrupted simulation runs");
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await runs.RunNextAsync(stoppingToken))
                {
                    await signal.WaitAsync(interval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "The simulation worker failed; trying again in {RetrySeconds} s", 5);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }
}
