using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recruiting.Boards;

namespace Recruiting.Connectors.Boards;

/// <summary>
/// The automatic import runner: one run per (tenant, board, account) at a time (a lease in the SDK store), reading the
/// board newest first down to the account's watermark, handing each applicant to the import pipeline (ledger, mapping,
/// allow-list, host intake), then advancing the watermark once every applicant read is done in the ledger. Connector
/// failures become the account's health, a <see cref="BoardHealthChanged"/> event and, when a manual import is needed,
/// a notification to the tenant.
/// </summary>
internal sealed partial class BoardImportRunner : IBoardImportRunner
{
    private static readonly ActivitySource Activity = new(RecruitingTelemetry.Connectors);
    private readonly IEnumerable<IBoardConnector> _connectors;
    private readonly BoardImportPipeline _pipeline;
    private readonly IBoardAccounts _accounts;
    private readonly IBoardAccountStore _accountStore;
    private readonly IBoardRunnerStore _state;
    private readonly EventPublisher _events;
    private readonly INotifier _notifier;
    private readonly IEnumerable<ITenantDirectory> _tenants;
    private readonly IOptionsMonitor<BoardRunnerOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BoardImportRunner> _logger;
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public BoardImportRunner(
        IEnumerable<IBoardConnector> connectors,
        BoardImportPipeline pipeline,
        IBoardAccounts accounts,
        IBoardAccountStore accountStore,
        IBoardRunnerStore state,
        EventPublisher events,
        INotifier notifier,
        IEnumerable<ITenantDirectory> tenants,
        IOptionsMonitor<BoardRunnerOptions> options,
        TimeProvider time,
        ILogger<BoardImportRunner> logger)
    {
        _connectors = connectors;
        _pipeline = pipeline;
        _accounts = accounts;
        _accountStore = accountStore;
        _state = state;
        _events = events;
        _notifier = notifier;
        _tenants = tenants;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async ValueTask<BoardRunResult> RunAsync(TenantId tenant, string board, string account, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(board);
        ArgumentException.ThrowIfNullOrEmpty(account);
        var options = _options.CurrentValue;
        var connector = _connectors.FirstOrDefault(c => string.Equals(c.Board, board, StringComparison.Ordinal));
        var stored = await _accountStore.GetAsync(tenant, board, account, cancellationToken).ConfigureAwait(false);
        var state = await _state.GetAsync(tenant, board, account, cancellationToken).ConfigureAwait(false);
        var health = state?.Health ?? BoardHealth.Healthy;
        if (stored is null)
        {
            return new BoardRunResult(BoardRunStatus.Skipped, null, health, state?.HealthDetail, BoardRunSkipReason.AccountMissing);
        }

        if (connector is null)
        {
            return new BoardRunResult(BoardRunStatus.Skipped, null, health, state?.HealthDetail, BoardRunSkipReason.NoConnector);
        }

        if (state is { Health: BoardHealth.CredentialsRejected } && state.HealthAccountRevision == stored.Revision)
        {
            // Retrying refused credentials could lock the account on the board: wait until someone edits it.
            return new BoardRunResult(BoardRunStatus.Skipped, null, health, state.HealthDetail, BoardRunSkipReason.CredentialsRejected);
        }

        if (!await _state.TryAcquireLeaseAsync(tenant, board, account, _owner, _time.GetUtcNow(), options.LeaseDuration, cancellationToken).ConfigureAwait(false))
        {
            return new BoardRunResult(BoardRunStatus.Skipped, null, health, state?.HealthDetail, BoardRunSkipReason.AlreadyRunning);
        }

        try
        {
            using var activity = Activity.StartActivity("board.run");
            activity?.SetTag(RecruitingTelemetry.TenantTag, tenant.Value);
            activity?.SetTag("board", board);
            return await RunLeasedAsync(connector, tenant, stored, state, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _state.ReleaseLeaseAsync(tenant, board, account, _owner, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<BoardCredentials?> GetCredentialsAsync(BoardAccount account, CancellationToken cancellationToken)
        => _accounts is BoardAccountService service
            ? await service.GetCredentialsAsync(account, cancellationToken).ConfigureAwait(false)
            : await _accounts.GetCredentialsAsync(account.Tenant, account.Board, account.Name, cancellationToken).ConfigureAwait(false);

    private async Task<BoardRunResult> RunLeasedAsync(IBoardConnector connector, TenantId tenant, BoardAccount account, BoardRunnerState? state, BoardRunnerOptions options, CancellationToken cancellationToken)
    {
        var board = account.Board;
        // The account was read at the start of RunAsync: the run and the credentials use it (a deletion since then is
        // met by the run's account check before each batch, or by the password being gone). The login is sent first;
        // the run is recorded (settings snapshot, history row) while the board answers, and the login's outcome is
        // taken in once the run exists, exactly as if the login had come after.
        BoardCredentials? credentials;
        Task<BoardSession>? login = null;
        BoardImportRun run;
        try
        {
            credentials = await GetCredentialsAsync(account, cancellationToken).ConfigureAwait(false);
            if (credentials is not null)
            {
                login = LogInAsync(connector, credentials, cancellationToken);
            }

            run = await _pipeline.StartRunAsync(tenant, account, ImportTrigger.Automatic, null, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // No run to record it in: the run start (or the credentials) failed. Let the login end and close its session.
            if (login is not null)
            {
                await ((Task)login).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (login.IsCompletedSuccessfully)
                {
                    await login.Result.DisposeAsync().ConfigureAwait(false);
                }
            }

            throw;
        }

        await using (run.ConfigureAwait(false))
        {
            if (credentials is null)
            {
                var ended = await run.FailAsync("accountMissing", "The account or its password is gone.", cancellationToken).ConfigureAwait(false);
                return new BoardRunResult(BoardRunStatus.Failed, ended, state?.Health ?? BoardHealth.Healthy, state?.HealthDetail);
            }

            var watermark = state?.WatermarkAppliedAt is { } at ? new BoardWatermark(at, state.WatermarkApplicantId) : null;
            BoardSession? session = null;
            try
            {
                session = await login!.ConfigureAwait(false);
                var postings = new Dictionary<string, BoardPosting>(StringComparer.Ordinal);
                var postingsRead = !connector.Capabilities.HasFlag(BoardCapabilities.ListPostings);

                // The posting list (for the grace period of ended postings) is read once the board shows an applicant
                // newer than the watermark: a rerun with nothing new reads the first list page only.
                async Task ReadPostingsAsync()
                {
                    if (postingsRead)
                    {
                        return;
                    }

                    postingsRead = true;
                    var listed = await connector.ListPostingsAsync(session, cancellationToken).ConfigureAwait(false);
                    run.SetPostings(listed);
                    foreach (var posting in listed)
                    {
                        postings.TryAdd(posting.Id.Trim(), posting);
                    }
                }

                var now = _time.GetUtcNow();
                bool WorthOpening(BoardApplicant summary)
                    => run.Settings.IsActive(run.Account.Name, summary.PostingId, summary.PostingTitle)
                    && !(summary.PostingId is { } id && postings.TryGetValue(id.Trim(), out var posting)
                        && posting is { State: BoardPostingState.Ended, EndedAt: { } ended } && now > ended + run.GracePeriod);

                var read = await ReadApplicantsAsync(_logger, connector, session, run, watermark, state, options, WorthOpening, ReadPostingsAsync, cancellationToken).ConfigureAwait(false);
                var completed = await run.CompleteAsync(cancellationToken).ConfigureAwait(false);

                // Ledger before watermark: only once every applicant read is done (or failed for good) does the watermark move.
                if (read.Newest is { AppliedAt: { } newest } top && !read.RetryableFailures)
                {
                    await _state.AdvanceWatermarkAsync(tenant, board, account.Name, newest, top.BoardApplicantId, read.FirstPageRows, cancellationToken).ConfigureAwait(false);
                }

                if (state is not { Health: BoardHealth.Healthy, HealthDetail: null } || state.HealthAccountRevision != account.Revision)
                {
                    // Healthy already (and we hold the account's lease): nothing to write.
                    await SetHealthAsync(tenant, account, BoardHealth.Healthy, null, cancellationToken).ConfigureAwait(false);
                }

                await NotifyCompletedAsync(completed, options, cancellationToken).ConfigureAwait(false);
                LogRunDone(_logger, tenant.Value, board, account.Name, completed.Counts.Seen, completed.Counts.Imported);
                return new BoardRunResult(BoardRunStatus.Completed, completed, BoardHealth.Healthy);
            }
            catch (BoardConnectorException ex)
            {
                LogConnectorFailed(_logger, tenant.Value, board, account.Name, ex.Code, ex.Message);
                var failed = await run.FailAsync(ex.Code, ex.Message, cancellationToken).ConfigureAwait(false);
                await SetHealthAsync(tenant, account, ex.Health, ex.Detail, cancellationToken).ConfigureAwait(false);
                await NotifyCompletedAsync(failed, options, cancellationToken).ConfigureAwait(false);
                return new BoardRunResult(BoardRunStatus.Failed, failed, ex.Health, ex.Detail);
            }
            finally
            {
                if (session is not null)
                {
                    await session.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>The connector's login as a task that carries its failure (a connector may also throw before its first await).</summary>
    private static async Task<BoardSession> LogInAsync(IBoardConnector connector, BoardCredentials credentials, CancellationToken cancellationToken)
        => await connector.LoginAsync(credentials, cancellationToken).ConfigureAwait(false);

    private sealed record ReadSummary(BoardApplicant? Newest, bool RetryableFailures, int FirstPageRows);

    private static async Task<ReadSummary> ReadApplicantsAsync(ILogger logger, IBoardConnector connector, BoardSession session, BoardImportRun run, BoardWatermark? watermark, BoardRunnerState? state, BoardRunnerOptions options, Func<BoardApplicant, bool> worthOpening, Func<Task> readPostings, CancellationToken cancellationToken)
    {
        var imports = new PageImports(run, cancellationToken);
        try
        {
            var firstPageRows = await ReadPagesAsync(logger, connector, session, run, watermark, state, options, worthOpening, readPostings, imports, cancellationToken).ConfigureAwait(false);
            return new ReadSummary(imports.Newest, imports.Retryable, firstPageRows);
        }
        finally
        {
            // Leaving with an exception (the board failed, cancellation): the batch in flight finishes its ledger writes
            // before the run is ended; the exception that ended the read is the one reported.
            await imports.DrainAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A page's batch is imported (ledger pending write, host calls, ledger done write) while the next page is read from
    /// the board. One batch at a time and in page order: a batch starts only once the one before it is done, so each
    /// batch sees the ledger a sequential run would show it, and no batch starts after one ran into a deleted account.
    /// </summary>
    private sealed class PageImports(BoardImportRun run, CancellationToken cancellationToken)
    {
        private Task<ApplicantImportOutcome[]>? _importing;
        private List<ApplicantToImport>? _batch;

        /// <summary>Gets the newest applicant imported (or counted) so far.</summary>
        public BoardApplicant? Newest { get; private set; }

        /// <summary>Gets or sets whether something failed that the next run should read again (the watermark stays).</summary>
        public bool Retryable { get; set; }

        /// <summary>Gets whether a batch ran into a deleted account.</summary>
        public bool AccountDeleted { get; private set; }

        /// <summary>Waits for the batch in flight (if any), then starts importing <paramref name="batch"/> on the pool; false when the account was deleted (nothing started).</summary>
        public async ValueTask<bool> StartAsync(List<ApplicantToImport> batch)
        {
            if (!await SettleAsync().ConfigureAwait(false))
            {
                return false;
            }

            // On the pool: the SQLite ledger completes synchronously, so a direct call would return only once it is done.
            _importing = Task.Run(() => run.ImportBatchAsync(batch, cancellationToken).AsTask(), cancellationToken);
            _batch = batch;
            return true;
        }

        /// <summary>Waits for the batch in flight and takes its outcomes in; false when the account was deleted.</summary>
        public async ValueTask<bool> SettleAsync()
        {
            if (_importing is null)
            {
                return !AccountDeleted;
            }

            var importing = _importing;
            var batch = _batch!;
            _importing = null;
            _batch = null;
            var outcomes = await importing.ConfigureAwait(false);
            for (var i = 0; i < outcomes.Length; i++)
            {
                if (outcomes[i].Status == ApplicantImportStatus.AccountDeleted)
                {
                    AccountDeleted = true;
                    return false;
                }

                Retryable |= outcomes[i].Status == ApplicantImportStatus.Failed && outcomes[i].Reason == "intakeFailed";
                var applicant = batch[i].Applicant;
                if (Newest is null || (applicant.AppliedAt is { } applied && Newest.AppliedAt is { } best && applied > best))
                {
                    Newest = applicant;
                }
            }

            return true;
        }

        /// <summary>Lets a batch still in flight finish, whatever its outcome (used on the way out of a failed read).</summary>
        public async ValueTask DrainAsync()
        {
            if (_importing is { } importing)
            {
                _importing = null;
                await ((Task)importing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>
    /// Reads the detail pages of a page's applicants in their order, with at most one read ahead (only for a connector
    /// that declares <see cref="BoardCapabilities.OverlappedDetails"/>): the next read is started before the current one
    /// is awaited, and its failure surfaces when it is awaited in its turn, exactly as if it had been started then.
    /// </summary>
    private sealed class DetailReads(IBoardConnector connector, BoardSession session, IReadOnlyList<BoardApplicant> reading, bool overlapped, CancellationToken cancellationToken)
    {
        private int _next;
        private Task<BoardApplicant>? _ahead;

        /// <summary>Tells whether <paramref name="summary"/> is the applicant whose detail is read next.</summary>
        public bool IsNext(BoardApplicant summary) => _next < reading.Count && ReferenceEquals(reading[_next], summary);

        /// <summary>Reads the next applicant's detail (already started when it was read ahead) and starts the one after it.</summary>
        public Task<BoardApplicant> ReadNextAsync()
        {
            var current = _ahead ?? StartAsync(reading[_next]);
            _ahead = null;
            _next++;
            if (overlapped && _next < reading.Count)
            {
                _ahead = StartAsync(reading[_next]);
            }

            return current;
        }

        /// <summary>Lets a read started ahead and never awaited finish, whatever its outcome.</summary>
        public async ValueTask DrainAsync()
        {
            if (_ahead is { } ahead)
            {
                _ahead = null;
                await ((Task)ahead).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        // A connector may throw before its first await: as a task, the failure waits for the read's turn.
        private async Task<BoardApplicant> StartAsync(BoardApplicant summary)
            => await connector.GetApplicantDetailAsync(session, summary, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ReadPagesAsync(ILogger logger, IBoardConnector connector, BoardSession session, BoardImportRun run, BoardWatermark? watermark, BoardRunnerState? state, BoardRunnerOptions options, Func<BoardApplicant, bool> worthOpening, Func<Task> readPostings, PageImports imports, CancellationToken cancellationToken)
    {
        var failedInARow = 0;
        var firstPageRows = -1;
        string? page = null;
        var detail = connector.Capabilities.HasFlag(BoardCapabilities.ApplicantDetail);
        var attachments = options.DownloadAttachments && connector.Capabilities.HasFlag(BoardCapabilities.Attachments);
        var overlapped = detail && connector.Capabilities.HasFlag(BoardCapabilities.OverlappedDetails);
        do
        {
            var result = await connector.ListApplicantsAsync(session, watermark, page, cancellationToken).ConfigureAwait(false);
            if (firstPageRows < 0)
            {
                firstPageRows = result.Applicants.Count;
                if (firstPageRows == 0 && !result.EmptySinceWatermark && state?.LastFirstPageRows is { } last && last >= options.ZeroRowsThreshold)
                {
                    throw new BoardLayoutChangedException(run.Board, "applicants.row", $"{run.Board}: the applicant list shows no rows where the last run saw {last}.");
                }
            }

            // One page is one ledger batch: one read of which applicants are done, one pending write, one done write.
            var summaries = new List<BoardApplicant>(result.Applicants.Count);
            foreach (var summary in result.Applicants)
            {
                if (watermark is null || watermark.IsNewer(summary))
                {
                    summaries.Add(summary);
                }
            }

            if (summaries.Count > 0)
            {
                if (run.AccountDeleted)
                {
                    await imports.SettleAsync().ConfigureAwait(false);
                    imports.Retryable = true;
                    return firstPageRows;
                }

                await readPostings().ConfigureAwait(false);

                // Skip the detail page of applicants already imported, not on the allow-list or past the grace period: the run counts them from the summary.
                var open = new List<BoardApplicant>(summaries.Count);
                if (detail)
                {
                    foreach (var summary in summaries)
                    {
                        if (worthOpening(summary))
                        {
                            open.Add(summary);
                        }
                    }
                }

                var done = await run.AreAlreadyImportedAsync(open, cancellationToken).ConfigureAwait(false);
                var reading = new List<BoardApplicant>(open.Count);
                for (var i = 0; i < open.Count; i++)
                {
                    if (!done[i])
                    {
                        reading.Add(open[i]);
                    }
                }

                // With a connector that keeps one request per session at a time itself, the next detail page is asked for
                // before this one is awaited: its request goes out once this page has arrived, while this one is parsed.
                var batch = new List<ApplicantToImport>(summaries.Count);
                var details = new DetailReads(connector, session, reading, overlapped, cancellationToken);
                try
                {
                    foreach (var summary in summaries)
                    {
                        var applicant = summary;
                        IReadOnlyList<DocumentUpload>? documents = null;
                        if (details.IsNext(summary))
                        {
                            try
                            {
                                applicant = await details.ReadNextAsync().ConfigureAwait(false);
                                if (attachments && applicant.Attachments.Count > 0)
                                {
                                    documents = await DownloadAsync(connector, session, applicant, cancellationToken).ConfigureAwait(false);
                                }

                                failedInARow = 0;
                            }
                            catch (BoardUnavailableException ex) when (failedInARow < options.MaxFailedDetailPagesInARow)
                            {
                                // One page failed after the pipeline's retries on a board that otherwise answers: record it and
                                // go on; the watermark stays where it was, so the next run reads this applicant again.
                                failedInARow++;
                                imports.Retryable = true;
                                LogDetailPageFailed(logger, run.Tenant.Value, run.Board, run.Account.Name, summary.BoardApplicantId, ex.Message);
                                run.CountUnreadApplicant(summary, "detailPageFailed", ex.Message);
                                continue;
                            }
                        }

                        batch.Add(new ApplicantToImport(applicant, documents));
                    }
                }
                finally
                {
                    // Leaving with an exception: the read asked for ahead ends (its outcome unobserved) before the session is closed.
                    await details.DrainAsync().ConfigureAwait(false);
                }

                if (!await imports.StartAsync(batch).ConfigureAwait(false))
                {
                    imports.Retryable = true;
                    return firstPageRows;
                }
            }

            foreach (var record in CsvExport.RejectedRecords.Take(session))
            {
                run.CountRejectedRecord(record.Row, record.RejectReason ?? "rejectedRecord", record.Detail);
            }

            page = result.NextPage;
        }
        while (page is not null);

        if (!await imports.SettleAsync().ConfigureAwait(false))
        {
            imports.Retryable = true;
        }

        return Math.Max(firstPageRows, 0);
    }

    private static async Task<IReadOnlyList<DocumentUpload>> DownloadAsync(IBoardConnector connector, BoardSession session, BoardApplicant applicant, CancellationToken cancellationToken)
    {
        var documents = new List<DocumentUpload>(applicant.Attachments.Count);
        foreach (var attachment in applicant.Attachments)
        {
            var stream = await connector.OpenAttachmentAsync(session, attachment, cancellationToken).ConfigureAwait(false);
            byte[] bytes;
            await using (stream.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                bytes = buffer.ToArray();
            }

            documents.Add(new DocumentUpload
            {
                FileName = SafeFileName(attachment.FileName),
                ContentType = attachment.ContentType ?? "application/octet-stream",
                Kind = KindOf(attachment.FileName),
                Length = bytes.Length,
                OpenRead = _ => ValueTask.FromResult<Stream>(new MemoryStream(bytes, writable: false)),
            });
        }

        return documents;
    }

    internal static string SafeFileName(string name)
    {
        var file = Path.GetFileName(name.Replace('\\', '/'));
        var clean = new string([.. file.Where(c => !char.IsControl(c) && c is not ('/' or ':' or '*' or '?' or '"' or '<' or '>' or '|'))]).Trim();
        return clean.Length == 0 ? "attachment" : clean;
    }

    internal static DocumentKind KindOf(string fileName)
    {
        var name = fileName.ToUpperInvariant();
        return name.Contains("履歴書", StringComparison.Ordinal) || name.Contains("職務経歴書", StringComparison.Ordinal)
            || name.Contains("RESUME", StringComparison.Ordinal) || name.Contains("CV", StringComparison.Ordinal)
            ? DocumentKind.Cv
            : DocumentKind.Other;
    }

    private async Task SetHealthAsync(TenantId tenant, BoardAccount account, BoardHealth health, string? detail, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var previous = await _state.SetHealthAsync(tenant, account.Board, account.Name, health, detail, account.Revision, now, cancellationToken).ConfigureAwait(false);
        if (previous == health)
        {
            return;
        }

        await _events.PublishAsync(new BoardHealthChanged(tenant, now, account.Board, account.Name, previous, health, detail), cancellationToken).ConfigureAwait(false);
        if (health is BoardHealth.LayoutChanged or BoardHealth.CredentialsRejected)
        {
            var addresses = await AddressesAsync(tenant, cancellationToken).ConfigureAwait(false);
            var why = health == BoardHealth.LayoutChanged
                ? $"The board's pages no longer match the connector's definition (failing: {detail})."
                : "The board refused the stored login id or password; automatic imports stop until the account is edited.";
            await _notifier.NotifyAsync(new Notification
            {
                Tenant = tenant,
                Kind = NotificationKind.BoardNeedsAttention,
                Addresses = addresses,
                Subject = $"[{account.Board}] 媒体自動取り込みを停止しました / automatic import stopped ({account.Name})",
                Body = $"{why}\n手動での取り込み（CSVファイル）をお願いします。 Please import the board's applicant file by hand until this is fixed.",
                Key = IdempotencyKey.Create("board-health", tenant.Value, account.Board, account.Name, health.ToString(), now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task NotifyCompletedAsync(ImportRun run, BoardRunnerOptions options, CancellationToken cancellationToken)
    {
        if (!options.NotifyRunCompleted)
        {
            return;
        }

        var addresses = await AddressesAsync(run.Tenant, cancellationToken).ConfigureAwait(false);
        if (addresses.Count == 0)
        {
            return;
        }

        var c = run.Counts;
        var problems = run.Errors.Count == 0 ? "なし / none" : string.Join("\n", run.Errors.Take(20).Select(e => $"- {e.Code}: {e.Message}"));
        await _notifier.NotifyAsync(new Notification
        {
            Tenant = run.Tenant,
            Kind = NotificationKind.ImportRunCompleted,
            Addresses = addresses,
            Subject = $"[{run.Board}] 媒体自動取り込み完了: {c.Imported}件 / import run completed ({run.Account})",
            Body = $"状態 / status: {run.Status}\n取り込み / imported: {c.Imported}\n重複 / duplicates: {c.Duplicates}\n対象外求人 / not on allow-list: {c.NotOnAllowList}\n失敗 / failed: {c.Failed}\n確認件数 / seen: {c.Seen}\n問題 / problems:\n{problems}",
            Key = IdempotencyKey.Create("board-run", run.Tenant.Value, run.Id),
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<string>> AddressesAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        foreach (var directory in _tenants)
        {
            if (await directory.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false) is { } info)
            {
                return info.NotificationAddresses;
            }
        }

        return [];
    }

    [LoggerMessage(EventId = RecruitingEventIds.Boards + 100, Level = LogLevel.Information, Message = "Board run of {Tenant}/{Board}/{Account} completed: seen {Seen}, imported {Imported}")]
    private static partial void LogRunDone(ILogger logger, string tenant, string board, string account, int seen, int imported);

    [LoggerMessage(EventId = RecruitingEventIds.Boards + 102, Level = LogLevel.Warning, Message = "Board run of {Tenant}/{Board}/{Account}: the detail page of applicant {ApplicantId} failed and is read again by the next run: {Message}")]
    private static partial void LogDetailPageFailed(ILogger logger, string tenant, string board, string account, string? applicantId, string message);

    [LoggerMessage(EventId = RecruitingEventIds.Boards + 101, Level = LogLevel.Warning, Message = "Board run of {Tenant}/{Board}/{Account} failed: {Code}: {Message}")]
    private static partial void LogConnectorFailed(ILogger logger, string tenant, string board, string account, string code, string message);
}
