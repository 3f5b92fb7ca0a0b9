namespace Recruiting.Automation;

/// <summary>
/// Wakes the hosted dispatcher before its next poll, e.g. when a confirmed bulk leaves its host side (status, "queued"
/// records, <see cref="CandidateRejected"/>) to the dispatcher. Signals coalesce: many signals before the dispatcher
/// wakes cause one extra pass.
/// </summary>
internal sealed class DispatcherWakeUp : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Asks the dispatcher to run now; a no-op when a wake-up is already pending.</summary>
    public void Signal()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one pass serves every signal before it.
        }
        catch (ObjectDisposedException)
        {
            // The host is stopping.
        }
    }

    /// <summary>Waits for the next signal.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _signal.WaitAsync(cancellationToken);

    public void Dispose() => _signal.Dispose();
}
