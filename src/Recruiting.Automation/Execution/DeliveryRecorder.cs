using System.Globalization;
using Polly;

namespace Recruiting.Automation;

/// <summary>
/// Writes what happens to automatic actions where people see it: a delivery record on the application's history
/// (through <see cref="IApplicationHistory"/>, keyed so a replay writes it once), an <see cref="AutomatedActionExecuted"/>
/// event and a metric.
/// </summary>
internal sealed class DeliveryRecorder(IApplicationHistory history, IRecruitingCommands commands, EventPublisher events, AutomationTelemetry telemetry, TimeProvider time)
{
    /// <summary>Records a state: a history entry (except for <see cref="AutomatedActionState.Running"/>), the event and the metric.</summary>
    public async ValueTask RecordAsync(ResiliencePipeline pipeline, OutboxAction action, AutomatedActionState state, string? detail, UserId? actor, IReadOnlyDictionary<string, string>? extra, CancellationToken cancellationToken)
    {
        if (state != AutomatedActionState.Running)
        {
            var entry = Entry(action, state, detail, actor, extra);
            var key = IdempotencyKey.Create("rejection-record", action.RejectionId, action.ActionIndex.ToString(CultureInfo.InvariantCulture), AutomationWords.State(state));
            await pipeline.ExecuteAsync(
                static async (s, ct) => await s.history.AppendAsync(s.action.Tenant, s.action.Application, s.entry, s.key, ct).ConfigureAwait(false),
                (history, action, entry, key),
                cancellationToken).ConfigureAwait(false);
            telemetry.Action(action.Tenant, action.Kind, state);
        }

        await events.PublishAsync(new AutomatedActionExecuted(action.Tenant, time.GetUtcNow(), action.RejectionId, action.ActionIndex, AutomationWords.Kind(action.Kind), state, detail), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the host side of a recorded rejection: the application's status, then a "queued" or "skipped" record per
    /// action and their events, then <see cref="CandidateRejected"/>. Every call is keyed, so a replay after a crash repeats nothing.
    /// </summary>
    public async ValueTask SyncRejectionAsync(ResiliencePipeline pipeline, RejectionRecord rejection, IReadOnlyList<OutboxAction> actions, CancellationToken cancellationToken)
    {
        // An application that left the rejected state before its (deferred) host side was written keeps the host's status.
        if (rejection.UnrejectedAt is null)
        {
            var key = IdempotencyKey.Create("rejection", rejection.RejectionId, "status");
            var origin = new ActionOrigin(false, null, rejection.Actor);
            await pipeline.ExecuteAsync(
                static async (s, ct) => await s.commands.SetStatusAsync(s.rejection.Tenant, s.rejection.Application, ApplicationStatus.Rejected, s.rejection.ReasonId, s.origin, s.key, ct).ConfigureAwait(false),
                (commands, rejection, origin, key),
                cancellationToken).ConfigureAwait(false);
        }

        foreach (var action in actions)
        {
            if (action.State is AutomatedActionState.Pending or AutomatedActionState.Skipped)
            {
                await RecordAsync(pipeline, action, action.State, action.Detail, rejection.Actor, null, cancellationToken).ConfigureAwait(false);
            }
        }

        telemetry.Rejected(rejection.Tenant, rejection.WithActions);
        await events.PublishAsync(new CandidateRejected(rejection.Tenant, time.GetUtcNow(), rejection.RejectionId, rejection.Application, rejection.ReasonId, rejection.Actor, rejection.WithActions), cancellationToken).ConfigureAwait(false);
    }

    private static HistoryEntry Entry(OutboxAction action, AutomatedActionState state, string? detail, UserId? actor, IReadOnlyDictionary<string, string>? extra)
    {
        var label = action.Kind switch
        {
            AutomatedActionKind.Email => "Automatic rejection e-mail",
            AutomatedActionKind.Note => "Automatic note",
            AutomatedActionKind.Task => "Automatic task",
            AutomatedActionKind.Tags => "Automatic tags",
            AutomatedActionKind.Followers => "Automatic followers",
            AutomatedActionKind.AssignJob => "Automatic job assignment",
            _ => "Automatic talent-pool assignment",
        };
        var title = state switch
        {
            AutomatedActionState.Pending => string.Create(CultureInfo.InvariantCulture, $"{label} queued, due {action.DueAt:O}"),
            AutomatedActionState.Done => action.Kind == AutomatedActionKind.Email ? $"{label} sent" : $"{label} done",
            AutomatedActionState.Skipped => $"{label} skipped: {detail}",
            AutomatedActionState.Failed => $"{label} failed: {detail}",
            _ => $"{label} cancelled: {detail}",
        };
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["rejectionId"] = action.RejectionId,
            ["actionIndex"] = action.ActionIndex.ToString(CultureInfo.InvariantCulture),
            ["kind"] = AutomationWords.Kind(action.Kind),
            ["state"] = AutomationWords.State(state),
            ["ruleId"] = action.RuleId,
            ["dueAt"] = action.DueAt.ToString("O", CultureInfo.InvariantCulture),
        };
        if (detail is not null)
        {
            properties[state == AutomatedActionState.Failed ? "error" : "detail"] = detail;
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            properties[name] = value;
        }

        return new HistoryEntry
        {
            Kind = HistoryEntryKind.DeliveryRecord,
            Title = title,
            TextBody = detail,
            OccurredAt = action.UpdatedAt,
            Properties = properties,
            Origin = ActionOrigin.FromRule(action.RuleId, actor),
        };
    }
}
