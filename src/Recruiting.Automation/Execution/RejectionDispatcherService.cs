using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Recruiting.Automation;

/// <summary>
/// The hosted dispatcher: calls <see cref="IRejectionDispatcher.DispatchDueAsync"/> every poll interval on the SDK's
/// <see cref="TimeProvider"/>, and at once when <see cref="DispatcherWakeUp"/> is signalled (a confirmed bulk).
/// </summary>
internal sealed class RejectionDispatcherService(
    IRejectionDispatcher dispatcher,
    IOptions<RejectionAutomationOptions> options,
    TimeProvider time,
    DispatcherWakeUp wakeUp,
    ILogger<RejectionDispatcherService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);

        // Both waits outlive a pass they did not end: a PeriodicTimer allows one outstanding wait, and an abandoned
        // semaphore waiter would swallow the next signal.
        Task<bool>? tick = null;
        Task? woken = null;
        do
        {
            try
            {
                await dispatcher.DispatchDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A broken store or host must not stop the dispatcher; the next tick tries again.
                AutomationLog.DispatchFailed(logger, ex);
            }
        }
        while (await NextAsync().ConfigureAwait(false));

        async Task<bool> NextAsync()
        {
            try
            {
                tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
                woken ??= wakeUp.WaitAsync(stoppingToken);
                var first = await Task.WhenAny(tick, woken).ConfigureAwait(false);
                if (first == woken)
                {
                    await woken.ConfigureAwait(false);
                    woken = null;
                    return true;
                }

                var more = await tick.ConfigureAwait(false);
                tick = null;
                return more;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}
