using System.ComponentModel.DataAnnotations;

namespace Recruiting.Connectors.Boards;

/// <summary>Options of the automatic import runner.</summary>
public sealed class BoardRunnerOptions
{
    /// <summary>Gets or sets how long a run's lease holds; a run of a crashed process is taken over after it.</summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets whether applicants' files (résumés) are downloaded and handed to the host.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool DownloadAttachments { get; set; } = true;

    /// <summary>Gets or sets whether a notification goes to the tenant's notification addresses when a run completes.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool NotifyRunCompleted { get; set; }

    /// <summary>Gets or sets the number of first-page rows of the last run from which an empty first page is taken for a layout change.</summary>
    /// <value>The default value is 5.</value>
    [Range(1, int.MaxValue)]
    public int ZeroRowsThreshold { get; set; } = 5;

    /// <summary>
    /// Gets or sets how many detail pages in a row may fail (after the HTTP pipeline's retries) before the run ends as
    /// unavailable. A failed page is recorded in the run's errors (<c>detailPageFailed</c>), counted as failed, and keeps
    /// the watermark where it was, so the next run reads it again; 0 ends the run at the first failed page.
    /// </summary>
    /// <value>The default value is 3.</value>
    [Range(0, 1000)]
    public int MaxFailedDetailPagesInARow { get; set; } = 3;

    /// <summary>Lists every problem (empty when usable).</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (LeaseDuration < TimeSpan.FromMinutes(1))
        {
            problems.Add($"{nameof(LeaseDuration)} is at least one minute.");
        }

        if (MaxFailedDetailPagesInARow < 0)
        {
            problems.Add($"{nameof(MaxFailedDetailPagesInARow)} is at least 0.");
        }

        if (ZeroRowsThreshold < 1)
        {
            problems.Add($"{nameof(ZeroRowsThreshold)} is at least 1.");
        }

        return problems;
    }
}

/// <summary>How a run request ended.</summary>
public enum BoardRunStatus
{
    /// <summary>The run read the board and handled every new applicant.</summary>
    Completed,

    /// <summary>The run ended early (login refused, layout changed, board unavailable); see <see cref="BoardRunResult.Health"/>.</summary>
    Failed,

    /// <summary>No run: see <see cref="BoardRunResult.SkipReason"/>.</summary>
    Skipped,
}

/// <summary>Why no run happened.</summary>
public enum BoardRunSkipReason
{
    /// <summary>The account does not exist (any more).</summary>
    AccountMissing,

    /// <summary>No connector is registered for the board.</summary>
    NoConnector,

    /// <summary>Another run of the account holds the lease (in this or another process).</summary>
    AlreadyRunning,

    /// <summary>The board refused the credentials and the account was not edited since.</summary>
    CredentialsRejected,
}

/// <summary>What a run request did.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Run">The run as recorded in the history, when one ran.</param>
/// <param name="Health">The account's health afterwards.</param>
/// <param name="HealthDetail">What failed (the failing selector of a layout change).</param>
/// <param name="SkipReason">Why nothing ran.</param>
public sealed record BoardRunResult(BoardRunStatus Status, Recruiting.Boards.ImportRun? Run, BoardHealth Health, string? HealthDetail = null, BoardRunSkipReason? SkipReason = null);

/// <summary>Runs automatic imports; the scheduler uses it, and hosts call it to start a run by hand.</summary>
public interface IBoardImportRunner
{
    /// <summary>Runs one import of a board account: log in, read postings, read applicants newer than the watermark, import them, advance the watermark.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">The board's service name.</param>
    /// <param name="account">The account name.</param>
    /// <param name="cancellationToken">A token to cancel the run (what was imported stays imported; the rest is read again next time).</param>
    /// <returns>What happened.</returns>
    ValueTask<BoardRunResult> RunAsync(TenantId tenant, string board, string account, CancellationToken cancellationToken = default);
}
