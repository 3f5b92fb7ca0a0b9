using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Recruiting.Automation;

/// <summary>The package's <see cref="Meter"/> (<c>Recruiting.Automation</c>) and <see cref="ActivitySource"/>.</summary>
internal sealed class AutomationTelemetry : IDisposable
{
    public static readonly ActivitySource ActivitySource = new(RecruitingTelemetry.Automation);

    private readonly Meter _meter;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _actions;
    private readonly Counter<long> _failures;

    public AutomationTelemetry(IMeterFactory? meterFactory)
    {
        _meter = meterFactory is null ? new Meter(RecruitingTelemetry.Automation) : RecruitingTelemetry.CreateMeter(meterFactory, RecruitingTelemetry.Automation);
        _rejections = _meter.CreateCounter<long>("recruiting.automation.rejections", description: "Applications rejected through the SDK.");
        _actions = _meter.CreateCounter<long>("recruiting.automation.actions", description: "Automatic actions reaching a state (queued, done, skipped, failed, cancelled).");
        _failures = _meter.CreateCounter<long>("recruiting.automation.failures", description: "Automatic actions that failed after the retries.");
    }

    public void Rejected(TenantId tenant, bool withActions)
        => _rejections.Add(1, RecruitingTelemetry.Tenant(tenant), new KeyValuePair<string, object?>("withActions", withActions));

    public void Action(TenantId tenant, AutomatedActionKind kind, AutomatedActionState state)
    {
        _actions.Add(1, RecruitingTelemetry.Tenant(tenant), new KeyValuePair<string, object?>("kind", AutomationWords.Kind(kind)), new KeyValuePair<string, object?>("state", AutomationWords.State(state)));
        if (state == AutomatedActionState.Failed)
        {
            _failures.Add(1, RecruitingTelemetry.Tenant(tenant), new KeyValuePair<string, object?>("kind", AutomationWords.Kind(kind)));
        }
    }

    public void Dispose() => _meter.Dispose();
}

/// <summary>The camelCase words of enums, as events and JSON write them.</summary>
internal static class AutomationWords
{
    public static string Kind(AutomatedActionKind kind) => kind switch
    {
        AutomatedActionKind.Email => "email",
        AutomatedActionKind.Note => "note",
        AutomatedActionKind.Task => "task",
        AutomatedActionKind.Tags => "tags",
        AutomatedActionKind.Followers => "followers",
        AutomatedActionKind.AssignJob => "assignJob",
        _ => "assignPool",
    };

    public static string State(AutomatedActionState state) => state switch
    {
        AutomatedActionState.Pending => "pending",
        AutomatedActionState.Running => "running",
        AutomatedActionState.Done => "done",
        AutomatedActionState.Skipped => "skipped",
        AutomatedActionState.Failed => "failed",
        _ => "cancelled",
    };

    public static string Skip(ActionSkipReason reason) => reason switch
    {
        ActionSkipReason.PermissionDenied => "permissionDenied",
        ActionSkipReason.MemberLeft => "memberLeft",
        ActionSkipReason.UnknownMember => "unknownMember",
        ActionSkipReason.NoEmailAddress => "noEmailAddress",
        ActionSkipReason.TemplateError => "templateError",
        ActionSkipReason.UnknownJob => "unknownJob",
        _ => "unknownPool",
    };
}

/// <summary>Log messages of the package (event ids from <see cref="RecruitingEventIds.Automation"/>).</summary>
internal static partial class AutomationLog
{
    [LoggerMessage(EventId = RecruitingEventIds.Automation + 1, Level = LogLevel.Information, Message = "Rejected application {Application} of tenant {Tenant} with reason {Reason}: rejection {RejectionId}, {Actions} actions")]
    public static partial void Rejected(ILogger logger, string tenant, string application, string reason, string rejectionId, int actions);

    [LoggerMessage(EventId = RecruitingEventIds.Automation + 2, Level = LogLevel.Warning, Message = "Host status or history of rejection {RejectionId} (tenant {Tenant}) could not be written; the dispatcher retries it")]
    public static partial void HostSyncFailed(ILogger logger, Exception exception, string tenant, string rejectionId);

    [LoggerMessage(EventId = RecruitingEventIds.Automation + 3, Level = LogLevel.Warning, Message = "Action {Index} ({Kind}) of rejection {RejectionId} failed after the retries: {Error}")]
    public static partial void ActionFailed(ILogger logger, Exception exception, string rejectionId, int index, string kind, string error);

    [LoggerMessage(EventId = RecruitingEventIds.Automation + 4, Level = LogLevel.Warning, Message = "The delivery record of action {Index} of rejection {RejectionId} could not be written")]
    public static partial void RecordFailed(ILogger logger, Exception exception, string rejectionId, int index);

    [LoggerMessage(EventId = RecruitingEventIds.Automation + 5, Level = LogLevel.Error, Message = "A dispatch pass failed")]
    public static partial void DispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = RecruitingEventIds.Automation + 6, Level = LogLevel.Warning, Message = "The payload of action {Index} of rejection {RejectionId} cannot be read; the action is marked failed")]
    public static partial void PayloadUnreadable(ILogger logger, Exception exception, string rejectionId, int index);
}
