using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Recruiting.ClientAccess;

/// <summary>The meter <c>Recruiting.ClientAccess</c> and the activity source of the package.</summary>
internal sealed class ClientAccessMetrics : IDisposable
{
    public static readonly ActivitySource ActivitySource = new(RecruitingTelemetry.ClientAccess);

    private readonly Meter _meter;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _actions;
    private readonly Counter<long> _invitations;
    private readonly Counter<long> _views;

    public ClientAccessMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory is null ? new Meter(RecruitingTelemetry.ClientAccess) : RecruitingTelemetry.CreateMeter(meterFactory, RecruitingTelemetry.ClientAccess);
        _decisions = _meter.CreateCounter<long>("recruiting.clientaccess.decisions", description: "Access questions answered, tagged allowed or the denial reason.");
        _actions = _meter.CreateCounter<long>("recruiting.clientaccess.actions", description: "Client actions performed or refused.");
        _invitations = _meter.CreateCounter<long>("recruiting.clientaccess.invitations", description: "Invitations sent and redeemed or refused.");
        _views = _meter.CreateCounter<long>("recruiting.clientaccess.views", description: "Redacted candidate views served.");
    }

    public void Decision(TenantId tenant, ClientAccessDecision decision)
        => _decisions.Add(1, RecruitingTelemetry.Tenant(tenant), new("outcome", decision.Allowed ? "allowed" : decision.Reasons.Count > 0 ? decision.Reasons[0].ToString() : "denied"));

    public void Action(TenantId tenant, string action, string outcome)
        => _actions.Add(1, RecruitingTelemetry.Tenant(tenant), new("action", action), new("outcome", outcome));

    public void Invitation(TenantId tenant, string outcome)
        => _invitations.Add(1, RecruitingTelemetry.Tenant(tenant), new("outcome", outcome));

    public void View(TenantId tenant, int count)
        => _views.Add(count, RecruitingTelemetry.Tenant(tenant));

    public void Dispose() => _meter.Dispose();
}

/// <summary>Log messages of the package (event ids 5001+).</summary>
internal static partial class ClientAccessLog
{
    [LoggerMessage(EventId = RecruitingEventIds.ClientAccess + 1, Level = LogLevel.Information, Message = "Client {Client} of tenant {Tenant} was denied {Resource}: {Reason}")]
    public static partial void AccessDenied(ILogger logger, string tenant, string client, string resource, AccessDenialReason reason);

    [LoggerMessage(EventId = RecruitingEventIds.ClientAccess + 2, Level = LogLevel.Information, Message = "Client {Client} of tenant {Tenant} performed {Action}")]
    public static partial void ActionPerformed(ILogger logger, string tenant, string client, string action);

    [LoggerMessage(EventId = RecruitingEventIds.ClientAccess + 3, Level = LogLevel.Information, Message = "Client {Client} of tenant {Tenant} was refused {Action}: {Refusal}")]
    public static partial void ActionRefused(ILogger logger, string tenant, string client, string action, ClientRefusal refusal);

    [LoggerMessage(EventId = RecruitingEventIds.ClientAccess + 4, Level = LogLevel.Information, Message = "Invitation for client {Client} of tenant {Tenant}: {Outcome}")]
    public static partial void Invitation(ILogger logger, string tenant, string client, string outcome);

    [LoggerMessage(EventId = RecruitingEventIds.ClientAccess + 5, Level = LogLevel.Warning, Message = "Client rejection {RejectionId} in tenant {Tenant}: the tenant runs automation on client rejections but no IRejectionAutomationTrigger is registered")]
    public static partial void NoAutomationTrigger(ILogger logger, string tenant, string rejectionId);

    [LoggerMessage(EventId = RecruitingEventIds.ClientAccess + 6, Level = LogLevel.Warning, Message = "Completing client action {Action} of client {Client} in tenant {Tenant} left pending by a crash (key {Key})")]
    public static partial void ActionReplayed(ILogger logger, string tenant, string client, string action, string key);

    [LoggerMessage(EventId = RecruitingEventIds.ClientAccess + 7, Level = LogLevel.Error, Message = "Completing the client actions left pending by a crash failed; the next start retries")]
    public static partial void ReplayFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = RecruitingEventIds.ClientAccess + 8, Level = LogLevel.Warning, Message = "The notice of client {Client}'s read of vacancy {Job} in tenant {Tenant} could not be sent; the next read tries again")]
    public static partial void ReadNoticeFailed(ILogger logger, string tenant, string client, string job, Exception exception);
}
