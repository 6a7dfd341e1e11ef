namespace MlmNetwork.Web.Infrastructure.Mail;

/// <summary>Wakes this instance's worker when something was written for it, so a message leaves in moments instead of at the next look.</summary>
public sealed class MailSignal : IDisposable
{
    private readonly SemaphoreSlim pending = new(0, 1);

    public void Poke()
    {
        if (pending.CurrentCount == 0)
        {
            try
            {
                pending.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already poked.
            }
        }
    }

    public void Dispose() => pending.Dispose();

    /// <summary>Waits for a poke or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => pending.WaitAsync(timeout, ct);
}
