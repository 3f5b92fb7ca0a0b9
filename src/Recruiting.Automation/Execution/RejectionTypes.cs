using System.Text.Json.Serialization;

namespace Recruiting.Automation;

/// <summary>The outcome of a preview or rejection, as its camelCase word.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RejectionStatus>))]
public enum RejectionStatus
{
    /// <summary>Planned (preview only).</summary>
    [JsonStringEnumMemberName("planned")]
    Planned,

    /// <summary>Rejected now; the actions are queued.</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,

    /// <summary>Already rejected (the same submission again, or the application has an active rejection); nothing new was queued.</summary>
    [JsonStringEnumMemberName("duplicate")]
    Duplicate,

    /// <summary>The reason is unknown (or was deleted since the preview); nothing was recorded.</summary>
    [JsonStringEnumMemberName("unknownReason")]
    UnknownReason,

    /// <summary>The reason's rule was edited since the preview; preview again. Nothing was recorded.</summary>
    [JsonStringEnumMemberName("reasonChanged")]
    ReasonChanged,

    /// <summary>The application (or its candidate) is unknown in the tenant.</summary>
    [JsonStringEnumMemberName("unknownApplication")]
    UnknownApplication,

    /// <summary>The acting user is unknown or has left.</summary>
    [JsonStringEnumMemberName("unknownActor")]
    UnknownActor,

    /// <summary>The acting user may not reject applications (<see cref="Permissions.Reject"/>).</summary>
    [JsonStringEnumMemberName("notAllowed")]
    NotAllowed,
}

/// <summary>A request to reject one application.</summary>
public sealed record RejectionRequest
{
    /// <summary>Gets the tenant.</summary>
    public required TenantId Tenant { get; init; }

    /// <summary>Gets the application.</summary>
    public required ApplicationId Application { get; init; }

    /// <summary>Gets the reason id.</summary>
    public required string ReasonId { get; init; }

    /// <summary>Gets who rejects.</summary>
    public required UserId Actor { get; init; }

    /// <summary>Gets whether to queue the reason's actions.</summary>
    public bool WithActions { get; init; } = true;

    /// <summary>Gets the rule version the user previewed; when given and the rule changed since, nothing is recorded (<see cref="RejectionStatus.ReasonChanged"/>).</summary>
    public int? ExpectedRuleVersion { get; init; }

    /// <summary>Gets the caller's id of this submission; submitting it again returns the first result.</summary>
    public string? RequestId { get; init; }
}

/// <summary>What a preview or rejection did.</summary>
public sealed record RejectionOutcome
{
    /// <summary>Gets the status.</summary>
    public required RejectionStatus Status { get; init; }

    /// <summary>Gets the application.</summary>
    public required ApplicationId Application { get; init; }

    /// <summary>Gets the reason id asked for.</summary>
    public required string ReasonId { get; init; }

    /// <summary>Gets the rejection id (the new one, or the existing one for a duplicate).</summary>
    public string? RejectionId { get; init; }

    /// <summary>Gets the plan (for a duplicate: the stored actions' states are in <see cref="Actions"/>).</summary>
    public RejectionPlan? Plan { get; init; }

    /// <summary>Gets the recorded actions and their states, after a rejection.</summary>
    public IReadOnlyList<OutboxAction> Actions { get; init; } = [];

    /// <summary>Gets the end of the cancel window.</summary>
    public DateTimeOffset? CancelUntil { get; init; }

    /// <summary>Gets whether the host's status change and "queued" records were written; otherwise the dispatcher writes them (always for a bulk, whose host side is deferred to the dispatcher).</summary>
    public bool HostSynced { get; init; }

    /// <summary>Gets a message for people when nothing was done.</summary>
    public string? Detail { get; init; }
}

/// <summary>One application of a bulk rejection.</summary>
/// <param name="Application">The application.</param>
/// <param name="ReasonId">The reason.</param>
public sealed record BulkRejectionItem(ApplicationId Application, string ReasonId);

/// <summary>The plans of a bulk rejection for one reason.</summary>
/// <param name="ReasonId">The reason.</param>
/// <param name="ReasonName">Its name.</param>
/// <param name="RuleVersion">The rule version planned from.</param>
/// <param name="Plans">One plan per application.</param>
public sealed record BulkReasonGroup(string ReasonId, string ReasonName, int RuleVersion, IReadOnlyList<RejectionPlan> Plans);

/// <summary>What a bulk rejection will do, grouped by reason.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Actor">Who rejects.</param>
/// <param name="Groups">The groups by reason.</param>
/// <param name="Problems">Items that cannot be rejected (unknown reason or application …), with their status.</param>
public sealed record BulkRejectionPlan(TenantId Tenant, UserId Actor, IReadOnlyList<BulkReasonGroup> Groups, IReadOnlyList<RejectionOutcome> Problems);

/// <summary>What a confirmed bulk rejection did.</summary>
/// <param name="Outcomes">One outcome per item, in request order.</param>
public sealed record BulkRejectionResult(IReadOnlyList<RejectionOutcome> Outcomes)
{
    /// <summary>Gets how many applications were rejected now.</summary>
    public int Rejected => Outcomes.Count(o => o.Status == RejectionStatus.Rejected);
}

/// <summary>The outcome of cancelling actions, as its camelCase word.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CancelStatus>))]
public enum CancelStatus
{
    /// <summary>The pending actions asked for were cancelled (possibly none were pending any more).</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,

    /// <summary>No such rejection.</summary>
    [JsonStringEnumMemberName("notFound")]
    NotFound,

    /// <summary>A confirmed bulk rejection cannot be undone.</summary>
    [JsonStringEnumMemberName("notCancellable")]
    NotCancellable,
}

/// <summary>What cancelling did.</summary>
/// <param name="Status">The status.</param>
/// <param name="Cancelled">The actions cancelled now.</param>
/// <param name="Remaining">The rejection's other actions and their states (already running or done stay as they are).</param>
public sealed record CancelResult(CancelStatus Status, IReadOnlyList<OutboxAction> Cancelled, IReadOnlyList<OutboxAction> Remaining);

/// <summary>What un-rejecting did.</summary>
/// <param name="RejectionId">The rejection that was active, or <see langword="null"/> when none was.</param>
/// <param name="Cancelled">Its pending actions, now cancelled with the cause.</param>
public sealed record UnrejectResult(string? RejectionId, IReadOnlyList<OutboxAction> Cancelled);

/// <summary>What one dispatch pass did.</summary>
/// <param name="Claimed">Actions claimed.</param>
/// <param name="Done">Actions done.</param>
/// <param name="Skipped">Actions skipped.</param>
/// <param name="Failed">Actions failed after retries.</param>
/// <param name="Cancelled">Actions cancelled because the application left the rejected state.</param>
/// <param name="Resynced">Rejections whose host side (status, "queued" records, events) the dispatcher wrote: a confirmed bulk's, or one whose inline write failed or was cut by a crash.</param>
public sealed record DispatchReport(int Claimed, int Done, int Skipped, int Failed, int Cancelled, int Resynced);

/// <summary>Rejects applications and runs the reasons' automatic actions.</summary>
public interface IRejectionAutomation
{
    /// <summary>Plans what rejecting an application with a reason will do for this actor (rendered e-mail included); records nothing.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="application">The application.</param>
    /// <param name="reasonId">The reason.</param>
    /// <param name="actor">Who would reject.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns><see cref="RejectionStatus.Planned"/> with the plan, or why not.</returns>
    ValueTask<RejectionOutcome> PreviewAsync(TenantId tenant, ApplicationId application, string reasonId, UserId actor, CancellationToken cancellationToken = default);

    /// <summary>Rejects one application: records the rejection and queues its actions in one transaction, sets the host's status, and opens the cancel window.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The outcome.</returns>
    ValueTask<RejectionOutcome> RejectAsync(RejectionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Plans a bulk rejection, grouped by reason; records nothing.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="actor">Who rejects.</param>
    /// <param name="items">The applications and their reasons.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The plan.</returns>
    ValueTask<BulkRejectionPlan> PlanBulkAsync(TenantId tenant, UserId actor, IReadOnlyList<BulkRejectionItem> items, CancellationToken cancellationToken = default);

    /// <summary>Confirms a bulk rejection with or without the actions; everything is recorded in one transaction, with no cancel window.</summary>
    /// <param name="plan">The plan the user saw; a reason edited or deleted since is reported per item and not rejected.</param>
    /// <param name="withActions">Whether to queue the actions.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>One outcome per item.</returns>
    ValueTask<BulkRejectionResult> ConfirmBulkAsync(BulkRejectionPlan plan, bool withActions, CancellationToken cancellationToken = default);

    /// <summary>Cancels a rejection's pending actions (one, or all) inside or after the cancel window; what already ran stays.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="rejectionId">The rejection.</param>
    /// <param name="actionIndex">One action, or all pending ones.</param>
    /// <param name="actor">Who cancels.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The result.</returns>
    ValueTask<CancelResult> CancelAsync(TenantId tenant, string rejectionId, int? actionIndex, UserId actor, CancellationToken cancellationToken = default);

    /// <summary>Tells the SDK an application left the rejected state: its pending actions (a delayed e-mail above all) are cancelled with the cause.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="application">The application.</param>
    /// <param name="cause">Why.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The result.</returns>
    ValueTask<UnrejectResult> UnrejectAsync(TenantId tenant, ApplicationId application, UnrejectCause cause, CancellationToken cancellationToken = default);
}

/// <summary>Runs due actions from the outbox. The hosted dispatcher calls it on a timer; hosts without a generic host call it themselves.</summary>
public interface IRejectionDispatcher
{
    /// <summary>Runs every due action (and replays those a dead dispatcher left running), then returns.</summary>
    /// <param name="cancellationToken">A token to cancel the call; actions running when it fires are replayed later with the same key.</param>
    /// <returns>What it did.</returns>
    ValueTask<DispatchReport> DispatchDueAsync(CancellationToken cancellationToken = default);
}
