namespace Recruiting.Automation;

/// <summary>Why an application left the rejected state, cancelling its pending actions.</summary>
public enum UnrejectCause
{
    /// <summary>A user un-rejected it.</summary>
    Unrejected,

    /// <summary>It was moved back into the hiring flow.</summary>
    MovedBack,

    /// <summary>It was reassigned to another job.</summary>
    Reassigned,
}

/// <summary>A rejection as the SDK records it.</summary>
public sealed record RejectionRecord
{
    /// <summary>Gets the tenant.</summary>
    public required TenantId Tenant { get; init; }

    /// <summary>Gets the rejection id.</summary>
    public required string RejectionId { get; init; }

    /// <summary>Gets the application.</summary>
    public required ApplicationId Application { get; init; }

    /// <summary>Gets the candidate.</summary>
    public required CandidateId Candidate { get; init; }

    /// <summary>Gets the reason id.</summary>
    public required string ReasonId { get; init; }

    /// <summary>Gets the rule version that planned the actions (0 when the reason had no rule).</summary>
    public int ReasonVersion { get; init; }

    /// <summary>Gets who rejected.</summary>
    public UserId? Actor { get; init; }

    /// <summary>Gets when.</summary>
    public required DateTimeOffset RejectedAt { get; init; }

    /// <summary>Gets whether the reason's actions were queued (a bulk may reject without actions).</summary>
    public bool WithActions { get; init; } = true;

    /// <summary>Gets whether it was part of a confirmed bulk rejection (no cancel window).</summary>
    public bool Bulk { get; init; }

    /// <summary>Gets the end of the cancel window.</summary>
    public required DateTimeOffset CancelUntil { get; init; }

    /// <summary>Gets the caller's request id that makes a repeated submission a no-op, when given.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets whether the host's application status and the "queued" history records were written.</summary>
    public bool HostSynced { get; init; }

    /// <summary>
    /// Gets from when a dispatcher may write the host side (<see cref="IRejectionOutboxStore.ClaimHostSyncsAsync"/>);
    /// <see langword="null"/> means at <see cref="RejectedAt"/>. A process that writes it itself right after recording
    /// sets a lease here, so a dispatcher takes over only if that process died or the host failed.
    /// </summary>
    public DateTimeOffset? HostSyncAfter { get; init; }

    /// <summary>Gets when the application left the rejected state, when it did.</summary>
    public DateTimeOffset? UnrejectedAt { get; init; }

    /// <summary>Gets why it left the rejected state.</summary>
    public UnrejectCause? UnrejectCause { get; init; }
}

/// <summary>One queued action of a rejection (a row of the durable outbox).</summary>
public sealed record OutboxAction
{
    /// <summary>Gets the tenant.</summary>
    public required TenantId Tenant { get; init; }

    /// <summary>Gets the rejection.</summary>
    public required string RejectionId { get; init; }

    /// <summary>Gets the action's index in its rule; with the rejection id it makes the idempotency key.</summary>
    public required int ActionIndex { get; init; }

    /// <summary>Gets the application.</summary>
    public required ApplicationId Application { get; init; }

    /// <summary>Gets the kind.</summary>
    public required AutomatedActionKind Kind { get; init; }

    /// <summary>Gets the state.</summary>
    public required AutomatedActionState State { get; init; }

    /// <summary>Gets when it may run.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Gets the rule id effects carry (<see cref="RejectionReasonRule.RuleIdOf"/>).</summary>
    public required string RuleId { get; init; }

    /// <summary>Gets the planned effect (JSON, everything resolved and rendered at planning time).</summary>
    public required string Payload { get; init; }

    /// <summary>Gets the skip reason, error or cancel cause, when any.</summary>
    public string? Detail { get; init; }

    /// <summary>Gets how many times a dispatcher claimed it.</summary>
    public int Attempts { get; init; }

    /// <summary>Gets when the state last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A rejection with its actions (recorded together, or claimed together for the host sync).</summary>
/// <param name="Rejection">The rejection.</param>
/// <param name="Actions">Its actions (planned or skipped).</param>
public sealed record NewRejection(RejectionRecord Rejection, IReadOnlyList<OutboxAction> Actions);

/// <summary>What recording a rejection did.</summary>
/// <param name="Recorded">Whether it was recorded now; <see langword="false"/> when the application already had an active rejection or the request id was known.</param>
/// <param name="Rejection">The recorded rejection, or the existing one.</param>
public sealed record RecordedRejection(bool Recorded, RejectionRecord Rejection);

/// <summary>The final state of a claimed action.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="RejectionId">The rejection.</param>
/// <param name="ActionIndex">The action.</param>
/// <param name="State">The state: done, skipped, failed or cancelled.</param>
/// <param name="Detail">The reason, error or result.</param>
/// <param name="At">When.</param>
public sealed record ActionCompletion(TenantId Tenant, string RejectionId, int ActionIndex, AutomatedActionState State, string? Detail, DateTimeOffset At);

/// <summary>
/// The durable outbox of rejections and their actions. Rejections and actions are written in one transaction;
/// a claimed action is <see cref="AutomatedActionState.Running"/> (the ledger's "pending": the host may have been
/// called) until it is completed; a claim whose lease expired is claimed again and replayed with the same key.
/// </summary>
public interface IRejectionOutboxStore
{
    /// <summary>Records rejections and their actions in one transaction. An application with an active rejection, or a known request id, is not recorded again.</summary>
    /// <param name="rejections">The rejections.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>One result per rejection, in order.</returns>
    ValueTask<IReadOnlyList<RecordedRejection>> RecordAsync(IReadOnlyList<NewRejection> rejections, CancellationToken cancellationToken = default);

    /// <summary>Gets a rejection.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="rejectionId">The rejection id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The rejection, or <see langword="null"/>.</returns>
    ValueTask<RejectionRecord?> GetRejectionAsync(TenantId tenant, string rejectionId, CancellationToken cancellationToken = default);

    /// <summary>Gets an application's active (not un-rejected) rejection.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="application">The application.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The rejection, or <see langword="null"/>.</returns>
    ValueTask<RejectionRecord?> FindActiveAsync(TenantId tenant, ApplicationId application, CancellationToken cancellationToken = default);

    /// <summary>Lists a rejection's actions by index.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="rejectionId">The rejection.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The actions.</returns>
    ValueTask<IReadOnlyList<OutboxAction>> ListActionsAsync(TenantId tenant, string rejectionId, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's actions in a state, by due time.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="state">The state.</param>
    /// <param name="limit">The most to return.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The actions.</returns>
    ValueTask<IReadOnlyList<OutboxAction>> ListByStateAsync(TenantId tenant, AutomatedActionState state, int limit, CancellationToken cancellationToken = default);

    /// <summary>Claims due actions of every tenant: pending ones due at <paramref name="now"/>, and running ones whose lease expired (a dispatcher died).</summary>
    /// <param name="now">Now.</param>
    /// <param name="leaseUntil">Until when the claim holds.</param>
    /// <param name="limit">The most to claim.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The claimed actions, now <see cref="AutomatedActionState.Running"/>, by due time.</returns>
    ValueTask<IReadOnlyList<OutboxAction>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default);

    /// <summary>Writes the final state of claimed actions in one transaction; an action no longer running is left as it is.</summary>
    /// <param name="completions">The completions.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>How many actions were updated.</returns>
    ValueTask<int> CompleteAsync(IReadOnlyList<ActionCompletion> completions, CancellationToken cancellationToken = default);

    /// <summary>Cancels a rejection's pending actions (all, or one).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="rejectionId">The rejection.</param>
    /// <param name="actionIndex">One action, or every pending one.</param>
    /// <param name="cause">The cause recorded as the detail.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The actions cancelled now.</returns>
    ValueTask<IReadOnlyList<OutboxAction>> CancelPendingAsync(TenantId tenant, string rejectionId, int? actionIndex, string cause, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Marks an application's active rejection as left and cancels its pending actions, in one transaction.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="application">The application.</param>
    /// <param name="cause">Why.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The rejection (or <see langword="null"/> when none was active) and the actions cancelled.</returns>
    ValueTask<(RejectionRecord? Rejection, IReadOnlyList<OutboxAction> Cancelled)> UnrejectAsync(TenantId tenant, ApplicationId application, UnrejectCause cause, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Marks rejections whose host status and "queued" records were written.</summary>
    /// <param name="rejections">The rejections.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when the mark is durable.</returns>
    ValueTask MarkHostSyncedAsync(IReadOnlyList<(TenantId Tenant, string RejectionId)> rejections, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims rejections whose host side is not written yet and is due (<see cref="RejectionRecord.HostSyncAfter"/> at or
    /// before <paramref name="now"/>: a bulk's right away, an inline write that failed or died after its lease), with their
    /// actions, in one transaction; each claim holds until <paramref name="leaseUntil"/>, then it is claimed again.
    /// </summary>
    /// <param name="now">Now.</param>
    /// <param name="leaseUntil">Until when the claim holds.</param>
    /// <param name="limit">The most rejections to claim.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The rejections (oldest first) with their actions by index.</returns>
    ValueTask<IReadOnlyList<NewRejection>> ClaimHostSyncsAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default);
}
