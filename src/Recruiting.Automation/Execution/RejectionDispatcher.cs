using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Recruiting.Automation;

/// <summary>
/// Runs due actions from the outbox exactly once: claim (the ledger's "pending"), call the host port with
/// <c>IdempotencyKey.Create("rejection", rejectionId, actionIndex)</c>, write the delivery record, mark the final state.
/// A crash between the host call and the mark leaves the action claimed; after the lease it is claimed again and
/// replayed with the same key, which the host answers with its first result.
/// </summary>
internal sealed class RejectionDispatcher(
    IRejectionOutboxStore outbox,
    IApplicationDirectory directory,
    IUserDirectory users,
    IMessageSender sender,
    IRecruitingCommands commands,
    DeliveryRecorder recorder,
    AutomationPipeline pipeline,
    IOptions<RejectionAutomationOptions> options,
    TimeProvider time,
    ILogger<RejectionDispatcher> logger) : IRejectionDispatcher, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    public async ValueTask<DispatchReport> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        // One pass at a time per process; several processes share the work through the claims.
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var activity = AutomationTelemetry.ActivitySource.StartActivity("DispatchDueActions");
            // Host sides first, so a bulk's "queued" records and status precede its actions' records.
            var resynced = await SyncHostAsync(cancellationToken).ConfigureAwait(false);
            int claimed = 0, done = 0, skipped = 0, failed = 0, cancelled = 0;
            var o = options.Value;
            while (true)
            {
                var now = time.GetUtcNow();
                var batch = await outbox.ClaimDueAsync(now, now + o.ClaimLease, o.BatchSize, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    break;
                }

                claimed += batch.Count;
                var completions = new List<ActionCompletion>(batch.Count);
                var applications = new Dictionary<(TenantId, ApplicationId), ApplicationInfo?>();
                try
                {
                    foreach (var action in batch)
                    {
                        var completion = await RunAsync(action, applications, cancellationToken).ConfigureAwait(false);
                        completions.Add(completion);
                        switch (completion.State)
                        {
                            case AutomatedActionState.Done: done++; break;
                            case AutomatedActionState.Skipped: skipped++; break;
                            case AutomatedActionState.Failed: failed++; break;
                            default: cancelled++; break;
                        }
                    }
                }
                finally
                {
                    // Marks of the actions that finished are written even when the pass is cancelled; the rest stay
                    // claimed and are replayed with their keys after the lease.
                    await outbox.CompleteAsync(completions, CancellationToken.None).ConfigureAwait(false);
                }

                if (batch.Count < o.BatchSize)
                {
                    break;
                }
            }

            return new DispatchReport(claimed, done, skipped, failed, cancelled, resynced);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Writes the host side of recorded rejections whose turn it is: a bulk's (deferred on purpose), and one whose inline
    /// write failed or whose process died before writing it (after its lease). Claimed with a lease and written with the
    /// same keys, so a crash anywhere repeats nothing on the host; marked in one transaction per batch.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>How many rejections were synced.</returns>
    internal async Task<int> SyncHostAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var total = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            var batch = await outbox.ClaimHostSyncsAsync(now, now + o.ClaimLease, o.BatchSize, cancellationToken).ConfigureAwait(false);
            var synced = new List<(TenantId, string)>(batch.Count);
            try
            {
                foreach (var (rejection, actions) in batch)
                {
                    try
                    {
                        await recorder.SyncRejectionAsync(pipeline.Pipeline, rejection, AsQueued(actions), cancellationToken).ConfigureAwait(false);
                        synced.Add((rejection.Tenant, rejection.RejectionId));
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // Stays claimed until the lease ends, then it is tried again.
                        AutomationLog.HostSyncFailed(logger, ex, rejection.Tenant.Value, rejection.RejectionId);
                    }
                }
            }
            finally
            {
                await outbox.MarkHostSyncedAsync(synced, CancellationToken.None).ConfigureAwait(false);
            }

            total += synced.Count;
            if (batch.Count < o.BatchSize)
            {
                return total;
            }
        }
    }

    /// <summary>
    /// The actions as they were queued: an action that already ran or was cancelled before the host side was written
    /// (its own record exists) still gets its "queued" record; a skipped one gets its "skipped" record.
    /// </summary>
    private static List<OutboxAction> AsQueued(IReadOnlyList<OutboxAction> actions)
    {
        var queued = new List<OutboxAction>(actions.Count);
        foreach (var action in actions)
        {
            queued.Add(action.State is AutomatedActionState.Pending or AutomatedActionState.Skipped ? action : action with { State = AutomatedActionState.Pending, Detail = null });
        }

        return queued;
    }

    private async Task<ActionCompletion> RunAsync(OutboxAction action, Dictionary<(TenantId, ApplicationId), ApplicationInfo?> applications, CancellationToken cancellationToken)
    {
        ActionPayload payload;
        try
        {
            payload = ActionPayload.Deserialize(action.Payload);
        }
        catch (System.Text.Json.JsonException ex)
        {
            AutomationLog.PayloadUnreadable(logger, ex, action.RejectionId, action.ActionIndex);
            return await FinishAsync(action, AutomatedActionState.Failed, "unreadablePayload: " + ex.Message, null, null, cancellationToken).ConfigureAwait(false);
        }

        await recorder.RecordAsync(pipeline.Pipeline, action, AutomatedActionState.Running, null, payload.Actor, null, cancellationToken).ConfigureAwait(false);

        // The application must still be rejected: a host that moved it back without telling us must not get the mail.
        if (!applications.TryGetValue((action.Tenant, action.Application), out var application))
        {
            application = await directory.GetApplicationAsync(action.Tenant, action.Application, cancellationToken).ConfigureAwait(false);
            applications[(action.Tenant, action.Application)] = application;
        }

        if (application is not { Status: ApplicationStatus.Rejected }
            && await outbox.GetRejectionAsync(action.Tenant, action.RejectionId, cancellationToken).ConfigureAwait(false) is { HostSynced: true })
        {
            return await FinishAsync(action, AutomatedActionState.Cancelled, application is null ? "applicationNotFound" : "applicationNotRejected", payload.Actor, null, cancellationToken).ConfigureAwait(false);
        }

        // Members may have left since the rejection was planned (a delayed e-mail above all).
        if (await MemberProblemAsync(action.Tenant, payload, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            return await FinishAsync(action, AutomatedActionState.Skipped, $"{AutomationWords.Skip(problem.Reason)}: {problem.Detail}", payload.Actor, null, cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyDictionary<string, string>? result;
        try
        {
            result = await pipeline.Pipeline.ExecuteAsync(
                static async (s, ct) => await s.self.ApplyAsync(s.action, s.payload, ct).ConfigureAwait(false),
                (self: this, action, payload),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var error = $"{ex.GetType().Name}: {ex.Message}";
            AutomationLog.ActionFailed(logger, ex, action.RejectionId, action.ActionIndex, AutomationWords.Kind(action.Kind), error);
            return await FinishAsync(action, AutomatedActionState.Failed, error, payload.Actor, null, cancellationToken).ConfigureAwait(false);
        }

        return await FinishAsync(action, AutomatedActionState.Done, null, payload.Actor, result, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ActionCompletion> FinishAsync(OutboxAction action, AutomatedActionState state, string? detail, UserId? actor, IReadOnlyDictionary<string, string>? extra, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            await recorder.RecordAsync(pipeline.Pipeline, action with { State = state, UpdatedAt = now }, state, detail, actor, extra, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AutomationLog.RecordFailed(logger, ex, action.RejectionId, action.ActionIndex);
            detail = detail is null ? "delivery record not written: " + ex.Message : $"{detail} (delivery record not written: {ex.Message})";
        }

        return new ActionCompletion(action.Tenant, action.RejectionId, action.ActionIndex, state, detail, now);
    }

    private async Task<(ActionSkipReason Reason, string Detail)?> MemberProblemAsync(TenantId tenant, ActionPayload payload, CancellationToken cancellationToken)
    {
        IEnumerable<UserId> members = payload switch
        {
            EmailPayload e => [e.Sender],
            TaskPayload t => [t.Assignee],
            _ => [],
        };
        foreach (var id in members)
        {
            var user = await users.GetUserAsync(tenant, id, cancellationToken).ConfigureAwait(false);
            if (RejectionPlanner.MemberProblem(id, user) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>Calls the host port for one action with the action's idempotency key.</summary>
    private async ValueTask<IReadOnlyDictionary<string, string>?> ApplyAsync(OutboxAction action, ActionPayload payload, CancellationToken cancellationToken)
    {
        var key = IdempotencyKey.Create("rejection", action.RejectionId, action.ActionIndex.ToString(CultureInfo.InvariantCulture));
        var origin = ActionOrigin.FromRule(action.RuleId, payload.Actor);
        var tenant = action.Tenant;
        switch (payload)
        {
            case EmailPayload email:
            {
                var message = new EmailMessage
                {
                    From = email.Email.From,
                    FromName = email.Email.FromName,
                    To = email.Email.To,
                    Subject = email.Email.Subject,
                    HtmlBody = email.Email.HtmlBody,
                    TextBody = email.Email.TextBody,
                    Application = action.Application,
                    Origin = origin,
                };
                var receipt = await sender.SendEmailAsync(tenant, message, key, cancellationToken).ConfigureAwait(false);
                return new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["to"] = string.Join(", ", message.To),
                    ["subject"] = message.Subject,
                    ["messageId"] = receipt.MessageId,
                };
            }

            case NotePayload note:
            {
                var id = await commands.AddNoteAsync(tenant, action.Application, new NoteRequest(note.Text, payload.Actor, note.HiddenFromClients, origin), key, cancellationToken).ConfigureAwait(false);
                return new Dictionary<string, string>(StringComparer.Ordinal) { ["noteId"] = id.Value };
            }

            case TaskPayload task:
            {
                var id = await commands.AddTaskAsync(tenant, action.Application, new TaskRequest(task.Title, task.Assignee, task.DueAt, task.Description, origin), key, cancellationToken).ConfigureAwait(false);
                return new Dictionary<string, string>(StringComparer.Ordinal) { ["taskId"] = id.Value };
            }

            case TagsPayload tags:
                await commands.AddTagsAsync(tenant, payload.Candidate, tags.Tags, origin, key, cancellationToken).ConfigureAwait(false);
                return null;

            case FollowersPayload followers:
                await commands.AddFollowersAsync(tenant, action.Application, followers.Followers, origin, key, cancellationToken).ConfigureAwait(false);
                return null;

            case AssignJobPayload job:
            {
                var id = await commands.AssignToJobAsync(tenant, payload.Candidate, job.Job, origin, key, cancellationToken).ConfigureAwait(false);
                return new Dictionary<string, string>(StringComparer.Ordinal) { ["applicationId"] = id.Value };
            }

            case AssignPoolPayload pool:
                await commands.AssignToTalentPoolAsync(tenant, payload.Candidate, pool.Pool, origin, key, cancellationToken).ConfigureAwait(false);
                return null;

            default:
                throw new NotSupportedException($"Payload {payload.GetType().Name} cannot be run.");
        }
    }
}
