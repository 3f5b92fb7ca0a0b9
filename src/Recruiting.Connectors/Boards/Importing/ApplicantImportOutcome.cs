namespace Recruiting.Connectors.Boards;

/// <summary>What became of one applicant handed to an import run.</summary>
internal enum ApplicantImportStatus
{
    /// <summary>Handed to the host for the first time (or replayed after a crash) and marked done.</summary>
    Imported,

    /// <summary>Already imported by an earlier run or an earlier row (automatic or manual).</summary>
    Duplicate,

    /// <summary>The posting is not on the active-postings list, or ended longer ago than the grace period (automatic runs only).</summary>
    NotOnAllowList,

    /// <summary>Not imported, with a reason; left pending in the ledger when the host failed, so the next run retries it.</summary>
    Failed,

    /// <summary>The account was deleted during the run: nothing more is imported for it.</summary>
    AccountDeleted,
}

/// <summary>What became of one applicant.</summary>
/// <param name="Status">The status.</param>
/// <param name="Key">The applicant's idempotency key.</param>
/// <param name="Reason">The camelCase reason of a skip or failure (<c>missingName</c>, <c>noPostingMapping</c>, <c>intakeFailed</c>, <c>notOnAllowList</c>, <c>postingEnded</c>).</param>
/// <param name="Detail">Details for people.</param>
/// <param name="Result">The host's result of an import (the first result for a duplicate, when the ledger has it).</param>
internal sealed record ApplicantImportOutcome(ApplicantImportStatus Status, IdempotencyKey? Key, string? Reason = null, string? Detail = null, IntakeResult? Result = null);
