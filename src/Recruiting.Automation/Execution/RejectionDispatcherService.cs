using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Recruiting.Automation;

/// <summary>The hosted dispatcher: calls <see cref="IRejectionDispatcher.DispatchDueAsync"/> every poll interval on the SDK's <see cref="TimeProvider"/>.</summary>
internal sealed class RejectionDispatcherService(
    IRejectionDispatcher dispatcher,
    IOptions<RejectionAutomationOptions> options,
    TimeProvider time,
    ILogger<RejectionDispatcherService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
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
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
