namespace Recruiting;

/// <summary>A rejection recorded by the SDK (for example a hiring client moved an application to a rejected stage).</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="RejectionId">The rejection record's id (stable for one rejection; use it for idempotency keys).</param>
/// <param name="Application">The application.</param>
/// <param name="Reason">The rejection reason id.</param>
/// <param name="Owner">The user whose automation runs (the vacancy's owner), when known.</param>
/// <param name="Origin">What made the rejection.</param>
/// <param name="OccurredAt">When.</param>
public sealed record RejectionRecorded(TenantId Tenant, string RejectionId, ApplicationId Application, string Reason, UserId? Owner, ActionOrigin Origin, DateTimeOffset OccurredAt);

/// <summary>
/// Runs a tenant's rejection automation for a rejection the SDK recorded. The Automation package (or the host)
/// registers an implementation; capabilities that record rejections call it without referencing the Automation package.
/// </summary>
public interface IRejectionAutomationTrigger
{
    /// <summary>Plans and queues the automatic actions of a rejection; a repeated <see cref="RejectionRecorded.RejectionId"/> queues nothing twice.</summary>
    /// <param name="rejection">The rejection.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>Whether actions were queued.</returns>
    ValueTask<bool> OnRejectedAsync(RejectionRecorded rejection, CancellationToken cancellationToken = default);
}
