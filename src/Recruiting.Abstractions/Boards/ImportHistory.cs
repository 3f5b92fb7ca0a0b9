namespace Recruiting.Boards;

/// <summary>What started an import run.</summary>
public enum ImportTrigger
{
    /// <summary>The scheduler, or a person asking for an automatic run now.</summary>
    Automatic,

    /// <summary>A person importing a file downloaded from the board.</summary>
    Manual,
}

/// <summary>Where an import run stands.</summary>
public enum ImportRunStatus
{
    /// <summary>Started, not ended.</summary>
    Running,

    /// <summary>Ended; every applicant was handled (imported, duplicate, skipped or failed with a reason).</summary>
    Completed,

    /// <summary>Ended early: the board refused the login, changed its layout, was unavailable, or the file could not be read.</summary>
    Failed,

    /// <summary>Found still running after its process ended (a crash); its pending applicants are replayed by the next run.</summary>
    Abandoned,
}

/// <summary>The counts of a run.</summary>
/// <param name="Seen">Applicants (or data rows) seen.</param>
/// <param name="Imported">Applicants handed to the host for the first time.</param>
/// <param name="Duplicates">Applicants already imported (by any run, automatic or manual).</param>
/// <param name="NotOnAllowList">Applicants to postings not on the active-postings list, or ended longer ago than the grace period.</param>
/// <param name="Failed">Applicants (or rows) that could not be imported, each with an error.</param>
public sealed record ImportCounts(int Seen = 0, int Imported = 0, int Duplicates = 0, int NotOnAllowList = 0, int Failed = 0)
{
    /// <summary>Gets counts of zero.</summary>
    public static ImportCounts Zero { get; } = new();
}

/// <summary>Something that went wrong in a run.</summary>
/// <param name="Code">A stable camelCase code (for example <c>missingName</c>, <c>noPostingMapping</c>, <c>boardLayoutChanged</c>).</param>
/// <param name="Message">A message for people.</param>
/// <param name="Row">The 1-based data record of a file, when the error concerns one.</param>
/// <param name="BoardApplicantId">The board's applicant id, when the error concerns one.</param>
public sealed record ImportRunError(string Code, string Message, int? Row = null, string? BoardApplicantId = null);

/// <summary>One import run of a board account (登録履歴).</summary>
public sealed record ImportRun
{
    /// <summary>Gets the run id (time-ordered).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId Tenant { get; init; }

    /// <summary>Gets the board's service name.</summary>
    public required string Board { get; init; }

    /// <summary>Gets the account name.</summary>
    public required string Account { get; init; }

    /// <summary>Gets what started the run.</summary>
    public required ImportTrigger Trigger { get; init; }

    /// <summary>Gets where the run stands.</summary>
    public ImportRunStatus Status { get; init; } = ImportRunStatus.Running;

    /// <summary>Gets when the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets when the run ended.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Gets the counts (as of the last update while running).</summary>
    public ImportCounts Counts { get; init; } = ImportCounts.Zero;

    /// <summary>Gets the code of what ended a failed run (for example <c>boardLoginRejected</c>, <c>missingNameColumn</c>).</summary>
    public string? FailureCode { get; init; }

    /// <summary>Gets the file name of a manual import, or another short description of the source.</summary>
    public string? Source { get; init; }

    /// <summary>Gets the errors kept (at most the store's limit, oldest first).</summary>
    public IReadOnlyList<ImportRunError> Errors { get; init; } = [];

    /// <summary>Gets how many more errors happened than were kept.</summary>
    public int ErrorsOmitted { get; init; }
}

/// <summary>Which runs to list.</summary>
/// <param name="Board">Only this board's, when given.</param>
/// <param name="Account">Only this account's (with <paramref name="Board"/>), when given.</param>
/// <param name="Limit">The most runs returned.</param>
/// <param name="StartedBefore">Only runs started before this instant (for paging back), when given.</param>
public sealed record ImportRunQuery(string? Board = null, string? Account = null, int Limit = 50, DateTimeOffset? StartedBefore = null);

/// <summary>
/// The import history (取り込み履歴): every run, automatic or manual, with its counts and errors. The manual-file
/// importer and the automatic runner both write it; hosts read it per tenant. Implemented by the SDK store.
/// </summary>
public interface IBoardImportHistoryStore
{
    /// <summary>Records a run as started.</summary>
    /// <param name="run">The run, in state <see cref="ImportRunStatus.Running"/>.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask StartAsync(ImportRun run, CancellationToken cancellationToken = default);

    /// <summary>Updates a running run's counts and appends errors (kept up to the store's limit, the rest counted).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="runId">The run.</param>
    /// <param name="counts">The counts so far.</param>
    /// <param name="newErrors">Errors since the last update.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask UpdateAsync(TenantId tenant, string runId, ImportCounts counts, IReadOnlyList<ImportRunError> newErrors, CancellationToken cancellationToken = default);

    /// <summary>Ends a run.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="runId">The run.</param>
    /// <param name="status">How it ended.</param>
    /// <param name="endedAt">When.</param>
    /// <param name="counts">The final counts.</param>
    /// <param name="newErrors">Errors since the last update.</param>
    /// <param name="failureCode">What ended a failed run.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The run as stored.</returns>
    /// <exception cref="InvalidOperationException">The run is unknown.</exception>
    ValueTask<ImportRun> CompleteAsync(TenantId tenant, string runId, ImportRunStatus status, DateTimeOffset endedAt, ImportCounts counts, IReadOnlyList<ImportRunError> newErrors, string? failureCode = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a run with its errors.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The run, or <see langword="null"/>.</returns>
    ValueTask<ImportRun?> GetAsync(TenantId tenant, string runId, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's runs, newest first, with their errors.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="query">Which runs.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The runs.</returns>
    ValueTask<IReadOnlyList<ImportRun>> ListAsync(TenantId tenant, ImportRunQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Marks runs still <see cref="ImportRunStatus.Running"/> that started before an instant as <see cref="ImportRunStatus.Abandoned"/> (after a crash).</summary>
    /// <param name="startedBefore">The instant.</param>
    /// <param name="endedAt">The end time to record.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>How many runs were marked.</returns>
    ValueTask<int> AbandonRunningAsync(DateTimeOffset startedBefore, DateTimeOffset endedAt, CancellationToken cancellationToken = default);
}
