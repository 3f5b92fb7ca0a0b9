using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Recruiting.References;

/// <summary>
/// Polls every configured tenant's open checks every <see cref="ReferenceCheckOptions.PollInterval"/> (when set), so a
/// host without a reachable webhook still sees checks complete and reports filed; a failing tenant is logged and the
/// others go on.
/// </summary>
internal sealed partial class ReferenceCheckPoller(
    IReferenceCheckService service,
    IReferenceProviderSettingsStore settings,
    IOptions<ReferenceCheckOptions> options,
    TimeProvider time,
    ILogger<ReferenceCheckPoller> logger) : BackgroundService
{
    private PeriodicTimer? _timer;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // The timer starts with the host, not when ExecuteAsync gets a thread, so the first tick is one interval after start.
        if (options.Value.PollInterval is { } interval)
        {
            _timer = new PeriodicTimer(interval, time);
        }

        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_timer is not { } timer)
        {
            return;
        }

        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await PollAllAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal async Task PollAllAsync(CancellationToken cancellationToken)
    {
        var tenants = new List<TenantId>();
        await foreach (var tenant in settings.ListTenantsAsync(cancellationToken).ConfigureAwait(false))
        {
            tenants.Add(tenant);
        }

        foreach (var tenant in tenants)
        {
            try
            {
                var result = await service.PollAsync(tenant, cancellationToken).ConfigureAwait(false);
                LogPolled(logger, tenant.Value, result.Polled, result.Changed, result.ReportsFiled, result.Failed);
            }
#pragma warning disable CA1031 // One tenant's broken store or provider must not stop the others' polling; it is logged.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogPollFailed(logger, ex, tenant.Value);
            }
        }
    }

    [LoggerMessage(EventId = RecruitingEventIds.References + 8, Level = LogLevel.Debug, Message = "Polled reference checks of tenant {Tenant}: {Polled} open, {Changed} changed, {Filed} reports filed, {Failed} failed")]
    private static partial void LogPolled(ILogger logger, string tenant, int polled, int changed, int filed, int failed);

    [LoggerMessage(EventId = RecruitingEventIds.References + 9, Level = LogLevel.Error, Message = "Polling the reference checks of tenant {Tenant} failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string tenant);
}
