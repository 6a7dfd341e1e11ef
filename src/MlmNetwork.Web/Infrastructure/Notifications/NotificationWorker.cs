using MlmNetwork.Infrastructure.Mail;
using MlmNetwork.Web.Infrastructure.Mail;

namespace MlmNetwork.Web.Infrastructure.Notifications;

/// <summary>
/// Runs in every app instance: schedules the daily notifications, turns waiting events into
/// notifications and e-mails, and sends the outbox; then waits for a poke
/// (<see cref="MailSignal"/>) or <c>Mail:PollSeconds</c> (5 by default). Safe to run in several
/// instances at once (ADR 010). A failed round is logged and tried again: nothing is lost.
/// </summary>
public sealed class NotificationWorker(NotificationDispatcher dispatcher, OutboxSender sender, MailSignal signal, IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<NotificationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Links in e-mails written in the background use the address the app listens on, known once it started.
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Mail:PollSeconds", 5)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.ScheduleAsync(stoppingToken);
                await dispatcher.DispatchAsync(stoppingToken);
                await sender.DrainAsync(stoppingToken);
                await signal.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Notifications and e-mail round failed; trying again in {RetrySeconds} s", 10);
                await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken);
            }
        }
    }
}
