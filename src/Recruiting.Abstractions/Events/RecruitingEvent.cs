namespace Recruiting;

/// <summary>The base of every event the SDK raises through <see cref="IRecruitingEventSink"/>.</summary>
/// <param name="Tenant">The tenant the event concerns.</param>
/// <param name="OccurredAt">When it happened (from the SDK's <see cref="TimeProvider"/>).</param>
public abstract record RecruitingEvent(TenantId Tenant, DateTimeOffset OccurredAt);

/// <summary>The health of a board account's connection.</summary>
public enum BoardHealth
{
    /// <summary>The last run worked.</summary>
    Healthy,

    /// <summary>The board's pages no longer match the connector's definition; a manual import is needed until it is fixed.</summary>
    LayoutChanged,

    /// <summary>The board refused the stored credentials; runs stop until the account is edited.</summary>
    CredentialsRejected,

    /// <summary>The board could not be reached or kept failing.</summary>
    Unavailable,
}

/// <summary>An applicant was imported from a board or a file.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Board">The board's service name.</param>
/// <param name="Account">The board account.</param>
/// <param name="Application">The application created.</param>
/// <param name="Candidate">The candidate created.</param>
/// <param name="ExternalId">The board's applicant id, when any.</param>
/// <param name="Manual">Whether it came from a manual file import.</param>
public sealed record ApplicantImported(TenantId Tenant, DateTimeOffset OccurredAt, string Board, string Account, ApplicationId Application, CandidateId Candidate, string? ExternalId, bool Manual)
    : RecruitingEvent(Tenant, OccurredAt);

/// <summary>An import run ended (successfully or not).</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Board">The board's service name.</param>
/// <param name="Account">The board account.</param>
/// <param name="RunId">The run.</param>
/// <param name="Seen">Applicants seen.</param>
/// <param name="Imported">Applicants imported.</param>
/// <param name="Duplicates">Applicants already imported.</param>
/// <param name="NotOnAllowList">Applicants to postings not on the active-postings list.</param>
/// <param name="Failed">Applicants that failed.</param>
/// <param name="Errors">The run's errors.</param>
public sealed record ImportRunCompleted(TenantId Tenant, DateTimeOffset OccurredAt, string Board, string Account, string RunId, int Seen, int Imported, int Duplicates, int NotOnAllowList, int Failed, IReadOnlyList<string> Errors)
    : RecruitingEvent(Tenant, OccurredAt);

/// <summary>A board account's health changed.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Board">The board's service name.</param>
/// <param name="Account">The board account.</param>
/// <param name="Previous">The health before.</param>
/// <param name="Current">The health now.</param>
/// <param name="Detail">What failed (for a layout change, the failing selector).</param>
public sealed record BoardHealthChanged(TenantId Tenant, DateTimeOffset OccurredAt, string Board, string Account, BoardHealth Previous, BoardHealth Current, string? Detail)
    : RecruitingEvent(Tenant, OccurredAt);

/// <summary>A forwarded mail reply was filed in an application's history.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Application">The application.</param>
/// <param name="HistoryEntry">The history entry.</param>
/// <param name="Reference">The reference number read from the subject.</param>
/// <param name="Documents">The documents filed.</param>
public sealed record MailReplyImported(TenantId Tenant, DateTimeOffset OccurredAt, ApplicationId Application, HistoryEntryId HistoryEntry, ApplicationReference Reference, IReadOnlyList<DocumentId> Documents)
    : RecruitingEvent(Tenant, OccurredAt);

/// <summary>A message could not be imported and was kept in quarantine with a reason.</summary>
/// <param name="Tenant">The tenant whose import address received it.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="QuarantineId">The quarantine record.</param>
/// <param name="Reason">The reason, as its camelCase word (for example <c>unknownReference</c>).</param>
/// <param name="Detail">Details for people.</param>
public sealed record MailQuarantined(TenantId Tenant, DateTimeOffset OccurredAt, string QuarantineId, string Reason, string? Detail)
    : RecruitingEvent(Tenant, OccurredAt);

/// <summary>An application was rejected.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="RejectionId">The rejection record.</param>
/// <param name="Application">The application.</param>
/// <param name="Reason">The rejection reason id.</param>
/// <param name="Actor">Who rejected it.</param>
/// <param name="WithActions">Whether the reason's automatic actions were queued.</param>
public sealed record CandidateRejected(TenantId Tenant, DateTimeOffset OccurredAt, string RejectionId, ApplicationId Application, string Reason, UserId? Actor, bool WithActions)
    : RecruitingEvent(Tenant, OccurredAt);

/// <summary>The state of one automated action.</summary>
public enum AutomatedActionState
{
    /// <summary>Queued, waiting for its due time or the end of the cancel window.</summary>
    Pending,

    /// <summary>Running now.</summary>
    Running,

    /// <summary>Done.</summary>
    Done,

    /// <summary>Not run, with a reason (role lacks the feature, member left, no e-mail address …).</summary>
    Skipped,

    /// <summary>Failed after the retries, with the error.</summary>
    Failed,

    /// <summary>Cancelled by a user or because the application left the rejected state.</summary>
    Cancelled,
}

/// <summary>An automated action changed state.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="RejectionId">The rejection that queued it.</param>
/// <param name="ActionIndex">The action's index in its rule.</param>
/// <param name="ActionKind">The action kind as its camelCase word (for example <c>email</c>).</param>
/// <param name="State">The new state.</param>
/// <param name="Detail">The reason or error, when any.</param>
public sealed record AutomatedActionExecuted(TenantId Tenant, DateTimeOffset OccurredAt, string RejectionId, int ActionIndex, string ActionKind, AutomatedActionState State, string? Detail)
    : RecruitingEvent(Tenant, OccurredAt);

/// <summary>A hiring client did something recruiters are told about.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Client">The client.</param>
/// <param name="Action">The action as its camelCase word (for example <c>moveStage</c>).</param>
/// <param name="Job">The vacancy concerned.</param>
/// <param name="Application">The application concerned.</param>
/// <param name="Detail">A short description.</param>
public sealed record ClientActionPerformed(TenantId Tenant, DateTimeOffset OccurredAt, ClientId Client, string Action, JobId? Job, ApplicationId? Application, string? Detail)
    : RecruitingEvent(Tenant, OccurredAt);

/// <summary>The state of a reference check.</summary>
public enum ReferenceCheckState
{
    /// <summary>Requested from the provider.</summary>
    Requested,

    /// <summary>The candidate has named referees.</summary>
    RefereesNamed,

    /// <summary>Referees are answering.</summary>
    InProgress,

    /// <summary>Every reference answered; the report is available.</summary>
    Completed,

    /// <summary>Cancelled.</summary>
    Cancelled,

    /// <summary>Failed at the provider.</summary>
    Failed,
}

/// <summary>A reference check changed.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="CheckId">The check.</param>
/// <param name="Candidate">The candidate.</param>
/// <param name="Application">The application it was requested for.</param>
/// <param name="State">The state.</param>
/// <param name="Requested">References requested.</param>
/// <param name="Answered">References answered.</param>
public sealed record ReferenceCheckUpdated(TenantId Tenant, DateTimeOffset OccurredAt, string CheckId, CandidateId Candidate, ApplicationId? Application, ReferenceCheckState State, int Requested, int Answered)
    : RecruitingEvent(Tenant, OccurredAt);
