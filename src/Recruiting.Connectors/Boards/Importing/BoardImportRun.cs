using Microsoft.Extensions.Logging;
using Recruiting.Boards;

namespace Recruiting.Connectors.Boards;

/// <summary>
/// One import run of a board account, shared by automatic runs (the runner feeds it the applicants it reads from the
/// board) and manual files (the file importer feeds it the CSV records). It holds the settings snapshot read at its
/// start (edits take effect from the next run), applies the allow-list and grace period (automatic runs only), maps
/// postings, keeps the ledger (pending → host → done), counts, raises events, and writes the import history.
/// Calls may come from several tasks at once; dispose (or complete) it once.
/// </summary>
internal sealed partial class BoardImportRun : IAsyncDisposable
{
    private readonly BoardImportPipeline.Services _services;
    private readonly object _gate = new();
    private readonly int _flushInterval;
    private Dictionary<string, BoardPosting> _postingsById = new(StringComparer.Ordinal);
    private Dictionary<string, BoardPosting> _postingsByTitle = new(StringComparer.Ordinal);
    private List<ImportRunError> _pendingErrors = [];
    private int _seen;
    private int _imported;
    private int _duplicates;
    private int _notOnAllowList;
    private int _failed;
    private int _sinceFlush;
    private bool _accountDeleted;
    private ImportRun? _completed;

    internal BoardImportRun(BoardImportPipeline.Services services, ImportRun run, BoardAccount account, BoardSettingsSnapshot settings, TimeSpan gracePeriod, TimeZoneInfo timeZone, int flushInterval)
    {
        _services = services;
        Record = run;
        Account = account;
        Settings = settings;
        GracePeriod = gracePeriod;
        TimeZone = timeZone;
        _flushInterval = flushInterval;
    }

    /// <summary>Gets the run as recorded at its start.</summary>
    public ImportRun Record { get; }

    /// <summary>Gets the run id.</summary>
    public string Id => Record.Id;

    /// <summary>Gets the tenant.</summary>
    public TenantId Tenant => Record.Tenant;

    /// <summary>Gets the board's service name.</summary>
    public string Board => Record.Board;

    /// <summary>Gets the account as read at the start of the run.</summary>
    public BoardAccount Account { get; }

    /// <summary>Gets what started the run.</summary>
    public ImportTrigger Trigger => Record.Trigger;

    /// <summary>Gets the settings read at the start of the run.</summary>
    public BoardSettingsSnapshot Settings { get; }

    /// <summary>Gets the grace period in force for this run.</summary>
    public TimeSpan GracePeriod { get; }

    /// <summary>Gets the tenant's time zone (dates without an offset, the applied date of fingerprints).</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Gets whether the account was deleted during the run (nothing more is imported; stop reading the board).</summary>
    public bool AccountDeleted => Volatile.Read(ref _accountDeleted);

    /// <summary>Gets the counts so far.</summary>
    public ImportCounts Counts
    {
        get
        {
            lock (_gate)
            {
                return new ImportCounts(_seen, _imported, _duplicates, _notOnAllowList, _failed);
            }
        }
    }

    /// <summary>Gets the run as recorded at its end, once completed.</summary>
    public ImportRun? Completed => _completed;

    /// <summary>Gives the run the board's postings (read by the runner after login), for the grace period of ended postings.</summary>
    /// <param name="postings">The postings.</param>
    public void SetPostings(IEnumerable<BoardPosting> postings)
    {
        ArgumentNullException.ThrowIfNull(postings);
        var byId = new Dictionary<string, BoardPosting>(StringComparer.Ordinal);
        var byTitle = new Dictionary<string, BoardPosting>(StringComparer.Ordinal);
        foreach (var posting in postings)
        {
            byId.TryAdd(posting.Id.Trim(), posting);
            byTitle.TryAdd(PostingMatch.FoldTitle(posting.Title), posting);
        }

        _postingsById = byId;
        _postingsByTitle = byTitle;
    }

    /// <summary>Computes an applicant's idempotency key.</summary>
    /// <param name="applicant">The applicant.</param>
    /// <returns>The key.</returns>
    public IdempotencyKey KeyOf(BoardApplicant applicant) => ApplicantKeys.For(Board, Account.Name, applicant, TimeZone);

    /// <summary>Tells which applicants of a page were already imported (done in the ledger), in one ledger read.</summary>
    /// <param name="applicants">The applicants (list summaries are enough when they carry the board id).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>Whether each is done, in order.</returns>
    public async ValueTask<bool[]> AreAlreadyImportedAsync(IReadOnlyList<BoardApplicant> applicants, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applicants);
        var done = new bool[applicants.Count];
        if (applicants.Count == 0)
        {
            return done;
        }

        var keys = new IdempotencyKey[applicants.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = KeyOf(applicants[i]);
        }

        var entries = await _services.Ledger.GetManyAsync(Tenant, keys, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < done.Length; i++)
        {
            done[i] = entries[i]?.State == LedgerState.Done;
        }

        return done;
    }

    /// <summary>Imports one applicant.</summary>
    /// <param name="applicant">The applicant.</param>
    /// <param name="documents">The applicant's files, already opened through the connector.</param>
    /// <param name="row">The data record of a file, for errors.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>What became of it.</returns>
    /// <exception cref="InvalidOperationException">The run was completed.</exception>
    public async ValueTask<ApplicantImportOutcome> ImportAsync(BoardApplicant applicant, IReadOnlyList<DocumentUpload>? documents = null, int? row = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        var outcomes = await ImportBatchAsync([new ApplicantToImport(applicant, documents, row)], cancellationToken).ConfigureAwait(false);
        return outcomes[0];
    }

    /// <summary>
    /// Imports a batch of applicants (a page of the board, a block of file records) with two ledger writes for the whole
    /// batch: one records every new key as pending (ledger before effect), then the host is called for each with its key,
    /// then one marks the confirmed ones done. A crash between the two writes leaves the batch pending: the next run or
    /// <see cref="BoardImportPipeline.ReplayPendingAsync"/> calls the host again with the same keys and the host answers
    /// its first results, so nothing is lost and nothing is duplicated. An applicant whose key came earlier in the same
    /// batch is a duplicate of that one.
    /// </summary>
    /// <param name="batch">The applicants, in order.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>What became of each, in order.</returns>
    /// <exception cref="InvalidOperationException">The run was completed.</exception>
    public async ValueTask<ApplicantImportOutcome[]> ImportBatchAsync(IReadOnlyList<ApplicantToImport> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_completed is not null)
        {
            throw new InvalidOperationException($"Import run {Id} is completed.");
        }

        var outcomes = new ApplicantImportOutcome[batch.Count];
        if (batch.Count == 0)
        {
            return outcomes;
        }

        if (Trigger == ImportTrigger.Automatic && !await AccountStillExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            var deleted = new ApplicantImportOutcome(ApplicantImportStatus.AccountDeleted, null, "accountDeleted", "The account was deleted; its imports stopped.");
            Array.Fill(outcomes, deleted);
            return outcomes;
        }

        // Decide each applicant without the ledger; the importable ones go to one pending write.
        var begins = new List<LedgerBegin>(batch.Count);
        var pending = new List<(int Index, IntakePayload Payload)>(batch.Count);
        Dictionary<string, int>? firstOfKey = null;
        int[]? sameKeyAs = null;
        for (var i = 0; i < batch.Count; i++)
        {
            var (outcome, payload) = Decide(batch[i].Applicant);
            if (payload is null)
            {
                outcomes[i] = outcome!.Status == ApplicantImportStatus.Failed && outcome.Reason == NoMappingReason
                    ? await UnmappedAsync(outcome, cancellationToken).ConfigureAwait(false)
                    : outcome;
                continue;
            }

            var key = outcome!.Key!.Value;
            if (batch.Count > 1)
            {
                firstOfKey ??= new Dictionary<string, int>(batch.Count, StringComparer.Ordinal);
                if (!firstOfKey.TryAdd(key.Value, i))
                {
                    sameKeyAs ??= new int[batch.Count];
                    sameKeyAs[i] = firstOfKey[key.Value] + 1;
                    continue;
                }
            }

            outcomes[i] = outcome;
            begins.Add(new LedgerBegin(key, BoardImportConstants.IntakeOperation, payload.Serialize()));
            pending.Add((i, payload));
        }

        if (begins.Count > 0)
        {
            await ImportPendingAsync(batch, begins, pending, outcomes, cancellationToken).ConfigureAwait(false);
        }

        if (sameKeyAs is not null)
        {
            for (var i = 0; i < sameKeyAs.Length; i++)
            {
                if (sameKeyAs[i] > 0)
                {
                    var first = outcomes[sameKeyAs[i] - 1];
                    outcomes[i] = first.Status is ApplicantImportStatus.Imported or ApplicantImportStatus.Duplicate
                        ? new ApplicantImportOutcome(ApplicantImportStatus.Duplicate, first.Key, Result: first.Result)
                        : first;
                }
            }
        }

        for (var i = 0; i < outcomes.Length; i++)
        {
            await CountAsync(batch[i].Applicant, outcomes[i], batch[i].Row, cancellationToken).ConfigureAwait(false);
        }

        return outcomes;
    }

    /// <summary>Records a run-level error (a page that failed, a connector error) without ending the run.</summary>
    /// <param name="error">The error.</param>
    public void RecordError(ImportRunError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        lock (_gate)
        {
            _pendingErrors.Add(error);
        }
    }

    /// <summary>Ends the run as completed, writes the history and raises <see cref="ImportRunCompleted"/>.</summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The run as recorded.</returns>
    public ValueTask<ImportRun> CompleteAsync(CancellationToken cancellationToken = default) => EndAsync(ImportRunStatus.Completed, null, null, cancellationToken);

    /// <summary>Ends the run as failed (login refused, layout changed, board unavailable, unreadable file), writes the history and raises <see cref="ImportRunCompleted"/>.</summary>
    /// <param name="code">The camelCase failure code (for example <c>boardLoginRejected</c>).</param>
    /// <param name="message">A message for people.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The run as recorded.</returns>
    public ValueTask<ImportRun> FailAsync(string code, string message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        return EndAsync(ImportRunStatus.Failed, code, message, cancellationToken);
    }

    /// <summary>Ends a run that was neither completed nor failed (an exception escaped) as failed with code <c>interrupted</c>.</summary>
    /// <returns>A task that completes when recorded.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_completed is null)
        {
            await EndAsync(ImportRunStatus.Failed, "interrupted", "The run ended without completing.", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private const string NoMappingReason = "noPostingMapping";

    /// <summary>Decides an applicant without the ledger: a final outcome, or (with its key in the outcome) the payload to import.</summary>
    private (ApplicantImportOutcome? Outcome, IntakePayload? Payload) Decide(BoardApplicant applicant)
    {
        if (string.IsNullOrWhiteSpace(applicant.Profile.Name.Full))
        {
            return (new ApplicantImportOutcome(ApplicantImportStatus.Failed, null, "missingName", "The applicant has no name."), null);
        }

        if (Trigger == ImportTrigger.Automatic)
        {
            if (!Settings.IsActive(Account.Name, applicant.PostingId, applicant.PostingTitle))
            {
                return (new ApplicantImportOutcome(ApplicantImportStatus.NotOnAllowList, null, "notOnAllowList", $"Posting '{applicant.PostingTitle ?? applicant.PostingId}' is not on the active-postings list."), null);
            }

            if (FindPosting(applicant) is { State: BoardPostingState.Ended, EndedAt: { } ended } && _services.Time.GetUtcNow() > ended + GracePeriod)
            {
                return (new ApplicantImportOutcome(ApplicantImportStatus.NotOnAllowList, null, "postingEnded", $"Posting '{applicant.PostingTitle ?? applicant.PostingId}' ended on {ended:yyyy-MM-dd}, more than {GracePeriod.TotalDays:0.#} days ago."), null);
            }
        }

        var key = KeyOf(applicant);
        var mapping = Settings.FindMapping(Account.Name, applicant.PostingId, applicant.PostingTitle);
        if (mapping is null)
        {
            return (new ApplicantImportOutcome(ApplicantImportStatus.Failed, key, NoMappingReason, $"No job is mapped to posting '{applicant.PostingTitle ?? applicant.PostingId ?? "(none)"}'."), null);
        }

        var payload = new IntakePayload(
            Board,
            Account.Name,
            Trigger == ImportTrigger.Manual,
            applicant.Profile,
            mapping.Job,
            mapping.Flow,
            new ApplicantSource(Board, Account.Name, applicant.BoardApplicantId, applicant.PostingId, applicant.PostingTitle),
            applicant.AppliedAt,
            applicant.ExtraFields);
        return (new ApplicantImportOutcome(ApplicantImportStatus.Imported, key), payload);
    }

    /// <summary>A removed mapping must not turn an applicant imported earlier into a failure.</summary>
    private async ValueTask<ApplicantImportOutcome> UnmappedAsync(ApplicantImportOutcome failed, CancellationToken cancellationToken)
    {
        var known = await _services.Ledger.GetAsync(Tenant, failed.Key!.Value, cancellationToken).ConfigureAwait(false);
        return known?.State == LedgerState.Done
            ? new ApplicantImportOutcome(ApplicantImportStatus.Duplicate, failed.Key, Result: IntakeResultPayload.Deserialize(known.Result))
            : failed;
    }

    /// <summary>Pending write for the batch → the host with each key → done write for the confirmed ones → events.</summary>
    private async ValueTask ImportPendingAsync(IReadOnlyList<ApplicantToImport> batch, List<LedgerBegin> begins, List<(int Index, IntakePayload Payload)> pending, ApplicantImportOutcome[] outcomes, CancellationToken cancellationToken)
    {
        var entries = await _services.Ledger.BeginManyAsync(Tenant, begins, cancellationToken).ConfigureAwait(false);
        var completions = new List<LedgerCompletion>(entries.Count);
        var imported = new List<(int Index, IntakeResult Result)>(entries.Count);
        try
        {
            for (var j = 0; j < entries.Count; j++)
            {
                var (index, payload) = pending[j];
                var key = begins[j].Key;
                var entry = entries[j];
                if (entry.State == LedgerState.Done)
                {
                    outcomes[index] = new ApplicantImportOutcome(ApplicantImportStatus.Duplicate, key, Result: IntakeResultPayload.Deserialize(entry.Result));
                    continue;
                }

                IntakeResult result;
                try
                {
                    result = await _services.Intake.ImportApplicantAsync(Tenant, payload.ToRequest(batch[index].Documents), key, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The key stays pending: the next run (or ReplayPendingAsync) calls the host again with the same key.
                    LogIntakeFailed(_services.Logger, ex, Tenant.Value, Board, Account.Name);
                    outcomes[index] = new ApplicantImportOutcome(ApplicantImportStatus.Failed, key, "intakeFailed", ex.Message);
                    continue;
                }

                completions.Add(new LedgerCompletion(key, IntakeResultPayload.Serialize(result)));
                imported.Add((index, result));
                outcomes[index] = new ApplicantImportOutcome(ApplicantImportStatus.Imported, key, Result: result);
            }
        }
        catch when (completions.Count > 0)
        {
            // Cancelled (or the host threw what the SDK cannot handle) mid-batch: keep the marks of what the host
            // confirmed, so only the interrupted applicant is sent again. A real crash loses these marks and the
            // rerun sends the batch's keys again, which the host answers with its first results.
            await _services.Ledger.CompleteManyAsync(Tenant, completions, CancellationToken.None).ConfigureAwait(false);
            await PublishImportedAsync(batch, imported, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (completions.Count > 0)
        {
            await _services.Ledger.CompleteManyAsync(Tenant, completions, cancellationToken).ConfigureAwait(false);
            await PublishImportedAsync(batch, imported, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask PublishImportedAsync(IReadOnlyList<ApplicantToImport> batch, List<(int Index, IntakeResult Result)> imported, CancellationToken cancellationToken)
    {
        var manual = Trigger == ImportTrigger.Manual;
        foreach (var (index, result) in imported)
        {
            await _services.Events.PublishAsync(new ApplicantImported(Tenant, _services.Time.GetUtcNow(), Board, Account.Name, result.Application, result.Candidate, batch[index].Applicant.BoardApplicantId, manual), cancellationToken).ConfigureAwait(false);
        }
    }

    private BoardPosting? FindPosting(BoardApplicant applicant)
    {
        if (applicant.PostingId is { } id && _postingsById.TryGetValue(id.Trim(), out var byId))
        {
            return byId;
        }

        return applicant.PostingTitle is { } title && _postingsByTitle.TryGetValue(PostingMatch.FoldTitle(title), out var byTitle) ? byTitle : null;
    }

    private async ValueTask<bool> AccountStillExistsAsync(CancellationToken cancellationToken)
    {
        if (AccountDeleted)
        {
            return false;
        }

        var current = await _services.Accounts.GetAsync(Tenant, Board, Account.Name, cancellationToken).ConfigureAwait(false);
        if (current is not null && current.CreatedAt == Account.CreatedAt)
        {
            return true;
        }

        // Deleted (or deleted and created again, which is another account): stop from this moment.
        Volatile.Write(ref _accountDeleted, true);
        LogAccountDeleted(_services.Logger, Tenant.Value, Board, Account.Name, Id);
        RecordError(new ImportRunError("accountDeleted", "The account was deleted during the run; its imports stopped."));
        return false;
    }

    private async ValueTask CountAsync(BoardApplicant applicant, ApplicantImportOutcome outcome, int? row, CancellationToken cancellationToken)
    {
        var tags = BoardImportMetrics.Tags(Tenant, Board);
        bool flush;
        lock (_gate)
        {
            _seen++;
            switch (outcome.Status)
            {
                case ApplicantImportStatus.Imported:
                    _imported++;
                    _services.Metrics.Imported.Add(1, tags);
                    break;
                case ApplicantImportStatus.Duplicate:
                    _duplicates++;
                    _services.Metrics.Duplicates.Add(1, tags);
                    break;
                case ApplicantImportStatus.NotOnAllowList:
                    _notOnAllowList++;
                    _services.Metrics.Skipped.Add(1, tags);
                    break;
                default:
                    _failed++;
                    _services.Metrics.Failed.Add(1, tags);
                    _pendingErrors.Add(new ImportRunError(outcome.Reason ?? "failed", outcome.Detail ?? outcome.Reason ?? "failed", row, applicant.BoardApplicantId));
                    break;
            }

            flush = ++_sinceFlush >= _flushInterval;
            if (flush)
            {
                _sinceFlush = 0;
            }
        }

        if (flush)
        {
            var (counts, errors) = TakePending();
            await _services.History.UpdateAsync(Tenant, Id, counts, errors, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Counts a record the run never got an applicant for (a malformed CSV record), with its reason.</summary>
    internal void CountRejectedRecord(int row, string reason, string? detail)
    {
        lock (_gate)
        {
            _seen++;
            _failed++;
            _pendingErrors.Add(new ImportRunError(reason, detail ?? reason, row));
        }

        _services.Metrics.Failed.Add(1, BoardImportMetrics.Tags(Tenant, Board));
    }

    /// <summary>Counts an applicant the run could not read (its detail page failed), with its reason; the next run reads it again.</summary>
    internal void CountUnreadApplicant(BoardApplicant applicant, string reason, string detail)
    {
        lock (_gate)
        {
            _seen++;
            _failed++;
            _pendingErrors.Add(new ImportRunError(reason, detail, null, applicant.BoardApplicantId));
        }

        _services.Metrics.Failed.Add(1, BoardImportMetrics.Tags(Tenant, Board));
    }

    private (ImportCounts Counts, List<ImportRunError> Errors) TakePending()
    {
        lock (_gate)
        {
            var errors = _pendingErrors;
            _pendingErrors = [];
            return (new ImportCounts(_seen, _imported, _duplicates, _notOnAllowList, _failed), errors);
        }
    }

    private async ValueTask<ImportRun> EndAsync(ImportRunStatus status, string? code, string? message, CancellationToken cancellationToken)
    {
        if (_completed is { } done)
        {
            return done;
        }

        if (message is not null)
        {
            RecordError(new ImportRunError(code!, message));
        }

        var (counts, errors) = TakePending();
        var recorded = await _services.History.CompleteAsync(Tenant, Id, status, _services.Time.GetUtcNow(), counts, errors, code, cancellationToken).ConfigureAwait(false);
        _completed = recorded;
        LogRunEnded(_services.Logger, Tenant.Value, Board, Account.Name, Id, status, counts.Seen, counts.Imported, counts.Duplicates, counts.NotOnAllowList, counts.Failed);
        await _services.Events.PublishAsync(new ImportRunCompleted(
            Tenant, recorded.EndedAt ?? _services.Time.GetUtcNow(), Board, Account.Name, Id,
            counts.Seen, counts.Imported, counts.Duplicates, counts.NotOnAllowList, counts.Failed,
            [.. recorded.Errors.Select(e => e.Row is { } r ? $"row {r}: {e.Code}: {e.Message}" : $"{e.Code}: {e.Message}")]), cancellationToken).ConfigureAwait(false);
        return recorded;
    }

    [LoggerMessage(EventId = RecruitingEventIds.Boards + 2, Level = LogLevel.Warning, Message = "The host failed to import an applicant of {Tenant}/{Board}/{Account}; the key stays pending and is retried")]
    private static partial void LogIntakeFailed(ILogger logger, Exception exception, string tenant, string board, string account);

    [LoggerMessage(EventId = RecruitingEventIds.Boards + 3, Level = LogLevel.Information, Message = "Account {Tenant}/{Board}/{Account} was deleted during run {RunId}; its imports stopped")]
    private static partial void LogAccountDeleted(ILogger logger, string tenant, string board, string account, string runId);

    [LoggerMessage(EventId = RecruitingEventIds.Boards + 4, Level = LogLevel.Information, Message = "Import run {RunId} of {Tenant}/{Board}/{Account} ended {Status}: seen {Seen}, imported {Imported}, duplicates {Duplicates}, not on allow-list {NotOnAllowList}, failed {Failed}")]
    private static partial void LogRunEnded(ILogger logger, string tenant, string board, string account, string runId, ImportRunStatus status, int seen, int imported, int duplicates, int notOnAllowList, int failed);
}

/// <summary>An applicant handed to <see cref="BoardImportRun.ImportBatchAsync"/>.</summary>
/// <param name="Applicant">The applicant.</param>
/// <param name="Documents">The applicant's files, already opened through the connector.</param>
/// <param name="Row">The data record of a file, for errors.</param>
internal readonly record struct ApplicantToImport(BoardApplicant Applicant, IReadOnlyList<DocumentUpload>? Documents = null, int? Row = null);
