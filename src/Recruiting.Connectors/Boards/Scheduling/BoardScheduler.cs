using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recruiting.Boards;

namespace Recruiting.Connectors.Boards;

/// <summary>
/// Finds due accounts and runs them: every account gets a next-due instant in the SDK store (its slot in the next
/// window); when it is due, the next slot is stored first and the run is started (the runner's lease keeps a second
/// process from running the same account). Runs missed while no process was up run once, at the next tick.
/// </summary>
internal sealed partial class BoardScheduler
{
    private readonly IBoardAccountStore _accounts;
    private readonly IBoardRunnerStore _state;
    private readonly IBoardImportRunner _runner;
    private readonly IEnumerable<ITenantDirectory> _tenants;
    private readonly IOptionsMonitor<BoardScheduleOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BoardScheduler> _logger;

    public BoardScheduler(IBoardAccountStore accounts, IBoardRunnerStore state, IBoardImportRunner runner, IEnumerable<ITenantDirectory> tenants, IOptionsMonitor<BoardScheduleOptions> options, TimeProvider time, ILogger<BoardScheduler> logger)
    {
        _accounts = accounts;
        _state = state;
        _runner = runner;
        _tenants = tenants;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Schedules new accounts and runs the due ones; returns the runs performed.</summary>
    public async Task<IReadOnlyList<BoardRunResult>> TickAsync(CancellationToken cancellationToken = default)
    {
        var options = _options.CurrentValue;
        var (windows, problems) = options.ParseWindows();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(nameof(BoardScheduleOptions), typeof(BoardScheduleOptions), problems);
        }

        var now = _time.GetUtcNow();
        var zones = new Dictionary<TenantId, TimeZoneInfo>();
        var due = new List<BoardAccount>();
        await foreach (var account in _accounts.ListAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!zones.TryGetValue(account.Tenant, out var zone))
            {
                zone = await ZoneAsync(account.Tenant, options, cancellationToken).ConfigureAwait(false);
                zones[account.Tenant] = zone;
            }

            var state = await _state.GetAsync(account.Tenant, account.Board, account.Name, cancellationToken).ConfigureAwait(false);
            var spread = BoardSchedule.Spread(account.Tenant, account.Board, account.Name);
            if (state?.NextDueAt is not { } nextDue)
            {
                await _state.SetNextDueAsync(account.Tenant, account.Board, account.Name, BoardSchedule.NextRun(now, zone, windows, spread), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (nextDue <= now)
            {
                await _state.SetNextDueAsync(account.Tenant, account.Board, account.Name, BoardSchedule.NextRun(now, zone, windows, spread), cancellationToken).ConfigureAwait(false);
                due.Add(account);
            }
        }

        var results = new BoardRunResult[due.Count];
        await Parallel.ForAsync(0, due.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentRuns, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var account = due[i];
            try
            {
                results[i] = await _runner.RunAsync(account.Tenant, account.Board, account.Name, token).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // One account's broken run must not stop the others; it is logged and recorded by the runner.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogRunCrashed(_logger, ex, account.Tenant.Value, account.Board, account.Name);
                results[i] = new BoardRunResult(BoardRunStatus.Failed, null, BoardHealth.Unavailable, ex.Message);
            }
        }).ConfigureAwait(false);
        return results;
    }

    private async Task<TimeZoneInfo> ZoneAsync(TenantId tenant, BoardScheduleOptions options, CancellationToken cancellationToken)
    {
        foreach (var directory in _tenants)
        {
            if (await directory.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false) is { } info && TimeZoneInfo.TryFindSystemTimeZoneById(info.TimeZoneId, out var zone))
            {
                return zone;
            }
        }

        return TimeZoneInfo.FindSystemTimeZoneById(options.DefaultTimeZone);
    }

    [LoggerMessage(EventId = RecruitingEventIds.Boards + 110, Level = LogLevel.Error, Message = "The scheduled run of {Tenant}/{Board}/{Account} crashed")]
    private static partial void LogRunCrashed(ILogger logger, Exception exception, string tenant, string board, string account);
}

/// <summary>Drives <see cref="BoardScheduler"/> on the SDK's <see cref="TimeProvider"/> (tests advance a fake clock).</summary>
internal sealed partial class BoardSchedulerService(BoardScheduler scheduler, IOptionsMonitor<BoardScheduleOptions> options, TimeProvider time, ILogger<BoardSchedulerService> logger) : BackgroundService
{
    /// <summary>Gets the number of ticks done (for tests and diagnostics).</summary>
    public int Ticks => Volatile.Read(ref _ticks);

    private int _ticks;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.CurrentValue.PollInterval, time);
        do
        {
            try
            {
                await scheduler.TickAsync(stoppingToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The scheduler keeps going after a failing tick (a store briefly locked …); the failure is logged.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogTickFailed(logger, ex);
            }

            Interlocked.Increment(ref _ticks);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = RecruitingEventIds.Boards + 111, Level = LogLevel.Error, Message = "A board scheduler tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
