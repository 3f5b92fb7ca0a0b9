namespace Recruiting;

/// <summary>
/// Changes the host's candidates and applications: notes, tasks, tags, followers, assignments, stages.
/// Every method with an effect takes an <see cref="IdempotencyKey"/>; a repeated key is success and changes nothing.
/// Implemented by the host.
/// </summary>
public interface IRecruitingCommands
{
    /// <summary>Adds a note to an application.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="application">The application.</param>
    /// <param name="note">The note.</param>
    /// <param name="key">The idempotency key.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The note's id.</returns>
    ValueTask<NoteId> AddNoteAsync(TenantId tenant, ApplicationId application, NoteRequest note, IdempotencyKey key, CancellationToken cancellationToken = default);

    /// <summary>Adds a task concerning an application.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="application">The application.</param>
    /// <param name="task">The task.</param>
    /// <param name="key">The idempotency key.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The task's id.</returns>
    ValueTask<TaskId> AddTaskAsync(TenantId tenant, ApplicationId application, TaskRequest task, IdempotencyKey key, CancellationToken cancellationToken = default);

    /// <summary>Adds tags to a candidate (existing tags are kept).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="candidate">The candidate.</param>
    /// <param name="tags">The tags.</param>
    /// <param name="origin">What made the change.</param>
    /// <param name="key">The idempotency key.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when done.</returns>
    ValueTask AddTagsAsync(TenantId tenant, CandidateId candidate, IReadOnlyCollection<string> tags, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default);

    /// <summary>Adds followers to an application.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="application">The application.</param>
    /// <param name="followers">The users who follow it from now on.</param>
    /// <param name="origin">What made the change.</param>
    /// <param name="key">The idempotency key.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when done.</returns>
    ValueTask AddFollowersAsync(TenantId tenant, ApplicationId application, IReadOnlyCollection<UserId> followers, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default);

    /// <summary>Assigns a candidate to a job (creating an application there).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="candidate">The candidate.</param>
    /// <param name="job">The job.</param>
    /// <param name="origin">What made the change.</param>
    /// <param name="key">The idempotency key.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The application in that job.</returns>
    ValueTask<ApplicationId> AssignToJobAsync(TenantId tenant, CandidateId candidate, JobId job, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default);

    /// <summary>Adds a candidate to a talent pool.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="candidate">The candidate.</param>
    /// <param name="pool">The pool.</param>
    /// <param name="origin">What made the change.</param>
    /// <param name="key">The idempotency key.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when done.</returns>
    ValueTask AssignToTalentPoolAsync(TenantId tenant, CandidateId candidate, TalentPoolId pool, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default);

    /// <summary>Moves an application to a stage of its job's hiring flow.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="application">The application.</param>
    /// <param name="stage">The target stage.</param>
    /// <param name="origin">What made the change.</param>
    /// <param name="key">The idempotency key.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when done.</returns>
    ValueTask MoveToStageAsync(TenantId tenant, ApplicationId application, StageId stage, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default);

    /// <summary>Sets an application's status (rejected with a reason, or back to active).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="application">The application.</param>
    /// <param name="status">The new status.</param>
    /// <param name="reason">The rejection reason id, for <see cref="ApplicationStatus.Rejected"/>.</param>
    /// <param name="origin">What made the change.</param>
    /// <param name="key">The idempotency key.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when done.</returns>
    ValueTask SetStatusAsync(TenantId tenant, ApplicationId application, ApplicationStatus status, string? reason, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default);
}
