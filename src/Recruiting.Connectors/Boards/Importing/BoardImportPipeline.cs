using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recruiting.Boards;

namespace Recruiting.Connectors.Boards;

/// <summary>
/// Starts import runs (automatic and manual share it) and replays intakes left pending by a crash.
/// A run reads the account and the settings once, at its start: a changed password, mapping or allow-list takes
/// effect from the next run; a deleted account stops an automatic run at the next applicant.
/// </summary>
internal sealed partial class BoardImportPipeline
{
    private readonly Services _services;
    private readonly IBoardRegistry _registry;
    private readonly IBoardSettingsStore _settings;
    private readonly IEnumerable<ITenantDirectory> _tenants;
    private readonly BoardImportOptions _options;
    private readonly string _defaultTimeZone;

    public BoardImportPipeline(
        IBoardRegistry registry,
        IBoardAccountStore accounts,
        IBoardSettingsStore settings,
        IBoardImportHistoryStore history,
        IIdempotencyLedger ledger,
        IApplicantIntake intake,
        EventPublisher events,
        IEnumerable<ITenantDirectory> tenants,
        IOptions<BoardImportOptions> options,
        IOptions<RecruitingOptions> recruitingOptions,
        TimeProvider time,
        BoardImportMetrics metrics,
        ILogger<BoardImportPipeline> logger)
    {
        _registry = registry;
        _settings = settings;
        _tenants = tenants;
        _options = options.Value;
        _defaultTimeZone = recruitingOptions.Value.DefaultTimeZoneId;
        _services = new Services(accounts, history, ledger, intake, events, time, metrics, logger);
    }

    /// <summary>Gets the options.</summary>
    public BoardImportOptions Options => _options;

    /// <summary>Starts a run: reads the account and a settings snapshot, and records the run as started in the history.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">The board's registered service name.</param>
    /// <param name="account">The account name.</param>
    /// <param name="trigger">Automatic or manual.</param>
    /// <param name="source">A short description of the source (the file name of a manual import).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The run, or <see langword="null"/> when the account does not exist (any more).</returns>
    /// <exception cref="ArgumentException">The board is not registered.</exception>
    public async ValueTask<BoardImportRun?> StartRunAsync(TenantId tenant, string board, string account, ImportTrigger trigger, string? source = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(board);
        ArgumentException.ThrowIfNullOrEmpty(account);
        if (_registry.Find(board) is null)
        {
            throw new ArgumentException($"Board '{board}' is not registered.", nameof(board));
        }

        var stored = await _services.Accounts.GetAsync(tenant, board, account, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : await StartRunAsync(tenant, stored, trigger, source, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a run of an account the caller has just read (the runner, which reads it to check its health): reads a settings snapshot and records the run as started.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="stored">The account, as read by the caller at the start of the run.</param>
    /// <param name="trigger">Automatic or manual.</param>
    /// <param name="source">A short description of the source.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The run.</returns>
    /// <exception cref="ArgumentException">The board is not registered.</exception>
    public async ValueTask<BoardImportRun> StartRunAsync(TenantId tenant, BoardAccount stored, ImportTrigger trigger, string? source = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var board = stored.Board;
        var account = stored.Name;
        if (_registry.Find(board) is null)
        {
            throw new ArgumentException($"Board '{board}' is not registered.", nameof(stored));
        }

        var snapshot = await _settings.GetSnapshotAsync(tenant, board, account, cancellationToken).ConfigureAwait(false);
        var zone = await GetTimeZoneAsync(tenant, cancellationToken).ConfigureAwait(false);
        var now = _services.Time.GetUtcNow();
        var run = new ImportRun
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            Tenant = tenant,
            Board = board,
            Account = account,
            Trigger = trigger,
            StartedAt = now,
            Source = source,
        };
        await _services.History.StartAsync(run, cancellationToken).ConfigureAwait(false);
        LogRunStarted(_services.Logger, tenant.Value, board, account, run.Id, trigger);
        return new BoardImportRun(_services, run, stored, snapshot, snapshot.GracePeriod ?? _options.GracePeriod, zone, _options.HistoryFlushInterval);
    }

    /// <summary>Gets a tenant's time zone from the host, or the SDK's default when the host does not know it.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The zone.</returns>
    public async ValueTask<TimeZoneInfo> GetTimeZoneAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        foreach (var directory in _tenants)
        {
            if (await directory.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false) is { } info
                && TimeZoneInfo.TryFindSystemTimeZoneById(info.TimeZoneId, out var zone))
            {
                return zone;
            }
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(_defaultTimeZone, out var fallback) ? fallback : TimeZoneInfo.Utc;
    }

    /// <summary>Calls the host again for every intake left pending by a crash (same key: the host answers its first result if it had applied it), and marks them done.</summary>
    /// <param name="tenant">Only this tenant's, when given.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>How many were completed.</returns>
    public async ValueTask<int> ReplayPendingAsync(TenantId? tenant = null, CancellationToken cancellationToken = default)
    {
        var pending = new List<LedgerEntry>();
        await foreach (var entry in _services.Ledger.ListPendingAsync(BoardImportConstants.IntakeOperation, tenant, cancellationToken).ConfigureAwait(false))
        {
            pending.Add(entry);
        }

        var completed = 0;
        foreach (var entry in pending)
        {
            var payload = IntakePayload.Deserialize(entry.Payload);
            if (payload is null)
            {
                continue;
            }

            IntakeResult result;
            try
            {
                result = await _services.Intake.ImportApplicantAsync(entry.Tenant, payload.ToRequest(), entry.Key, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReplayFailed(_services.Logger, ex, entry.Tenant.Value, entry.Key.Value);
                continue;
            }

            await _services.Ledger.CompleteAsync(entry.Tenant, entry.Key, IntakeResultPayload.Serialize(result), cancellationToken).ConfigureAwait(false);
            await _services.Events.PublishAsync(new ApplicantImported(entry.Tenant, _services.Time.GetUtcNow(), payload.Board, payload.Account, result.Application, result.Candidate, payload.Source.ExternalId, payload.Manual), cancellationToken).ConfigureAwait(false);
            completed++;
        }

        return completed;
    }

    [LoggerMessage(EventId = RecruitingEventIds.Boards + 1, Level = LogLevel.Information, Message = "Import run {RunId} of {Tenant}/{Board}/{Account} started ({Trigger})")]
    private static partial void LogRunStarted(ILogger logger, string tenant, string board, string account, string runId, ImportTrigger trigger);

    [LoggerMessage(EventId = RecruitingEventIds.Boards + 5, Level = LogLevel.Warning, Message = "Replaying pending intake {Key} of {Tenant} failed; it stays pending")]
    private static partial void LogReplayFailed(ILogger logger, Exception exception, string tenant, string key);

    /// <summary>What a run needs from the container.</summary>
    internal sealed record Services(
        IBoardAccountStore Accounts,
        IBoardImportHistoryStore History,
        IIdempotencyLedger Ledger,
        IApplicantIntake Intake,
        EventPublisher Events,
        TimeProvider Time,
        BoardImportMetrics Metrics,
        ILogger Logger);
}
