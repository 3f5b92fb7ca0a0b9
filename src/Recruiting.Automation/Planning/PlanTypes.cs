using System.Text.Json.Serialization;

namespace Recruiting.Automation;

/// <summary>Why a planned action will not run, as its camelCase word.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActionSkipReason>))]
public enum ActionSkipReason
{
    /// <summary>The acting user's role lacks the feature (for example e-mail).</summary>
    [JsonStringEnumMemberName("permissionDenied")]
    PermissionDenied,

    /// <summary>A member the action names has left.</summary>
    [JsonStringEnumMemberName("memberLeft")]
    MemberLeft,

    /// <summary>A member the action names is unknown.</summary>
    [JsonStringEnumMemberName("unknownMember")]
    UnknownMember,

    /// <summary>The candidate has no e-mail address.</summary>
    [JsonStringEnumMemberName("noEmailAddress")]
    NoEmailAddress,

    /// <summary>A template failed to render for this candidate.</summary>
    [JsonStringEnumMemberName("templateError")]
    TemplateError,

    /// <summary>The job to assign to no longer exists.</summary>
    [JsonStringEnumMemberName("unknownJob")]
    UnknownJob,

    /// <summary>The talent pool to assign to no longer exists.</summary>
    [JsonStringEnumMemberName("unknownPool")]
    UnknownPool,
}

/// <summary>An e-mail as it will be sent.</summary>
/// <param name="From">The sender address.</param>
/// <param name="FromName">The sender name.</param>
/// <param name="To">The recipients.</param>
/// <param name="Subject">The subject.</param>
/// <param name="HtmlBody">The HTML body (values escaped).</param>
/// <param name="TextBody">The plain-text body, when the template has one.</param>
/// <param name="Language">The template variant's language.</param>
public sealed record RenderedEmail(string From, string? FromName, IReadOnlyList<string> To, string Subject, string HtmlBody, string? TextBody, string Language);

/// <summary>One action a rejection will run, or skip with a reason.</summary>
public sealed record PlannedAction
{
    /// <summary>Gets the index in the rule.</summary>
    public required int Index { get; init; }

    /// <summary>Gets the kind.</summary>
    public required AutomatedActionKind Kind { get; init; }

    /// <summary>Gets <see cref="AutomatedActionState.Pending"/> (will run) or <see cref="AutomatedActionState.Skipped"/>.</summary>
    public required AutomatedActionState State { get; init; }

    /// <summary>Gets when it will run.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Gets the rule id its effect will carry.</summary>
    public required string RuleId { get; init; }

    /// <summary>Gets a one-line description for people (for example "Add tags: archived, talent").</summary>
    public required string Summary { get; init; }

    /// <summary>Gets why it is skipped.</summary>
    public ActionSkipReason? SkipReason { get; init; }

    /// <summary>Gets details of the skip reason.</summary>
    public string? Detail { get; init; }

    /// <summary>Gets the rendered e-mail, for an e-mail action that will run.</summary>
    public RenderedEmail? Email { get; init; }

    /// <summary>Gets the effect with everything resolved (JSON); what the outbox keeps.</summary>
    [JsonIgnore]
    internal string Payload { get; init; } = "{}";

    /// <summary>Gets the effect <see cref="Payload"/> was written from, when this plan made it (saves reading it back when a plan is retimed).</summary>
    [JsonIgnore]
    internal ActionPayload? PayloadValue { get; init; }
}

/// <summary>What rejecting an application with a reason will do.</summary>
public sealed record RejectionPlan
{
    /// <summary>Gets the tenant.</summary>
    public required TenantId Tenant { get; init; }

    /// <summary>Gets the application.</summary>
    public required ApplicationId Application { get; init; }

    /// <summary>Gets the candidate.</summary>
    public required CandidateId Candidate { get; init; }

    /// <summary>Gets the reason id.</summary>
    public required string ReasonId { get; init; }

    /// <summary>Gets the reason name.</summary>
    public required string ReasonName { get; init; }

    /// <summary>Gets the rule version planned from; pass it back on confirmation to detect edits in between.</summary>
    public required int RuleVersion { get; init; }

    /// <summary>Gets who rejects.</summary>
    public required UserId Actor { get; init; }

    /// <summary>Gets when it was planned.</summary>
    public required DateTimeOffset PlannedAt { get; init; }

    /// <summary>Gets the end of the cancel window, were it rejected now.</summary>
    public required DateTimeOffset CancelUntil { get; init; }

    /// <summary>Gets the actions in rule order.</summary>
    public required IReadOnlyList<PlannedAction> Actions { get; init; }

    /// <summary>Gets what the plan was made from, so a confirmation can reuse it when nothing changed; absent on a plan built elsewhere.</summary>
    [JsonIgnore]
    internal PlanBasis? Basis { get; init; }
}

/// <summary>What a plan was made from: the per-application inputs, the per-rule context, and the actions made from them.</summary>
/// <param name="Inputs">The application and candidate values the content depends on.</param>
/// <param name="Context">The tenant, actor and rule references the content depends on.</param>
/// <param name="Actions">The actions planned from them.</param>
internal sealed record PlanBasis(PlanInputs Inputs, string Context, IReadOnlyList<PlannedAction> Actions);

/// <summary>The application and candidate values a plan's content depends on.</summary>
internal readonly record struct PlanInputs(CandidateId Candidate, JobId? Job, string? JobTitle, string Reference, PersonName Name, string Emails, string? Language)
{
    public static PlanInputs Of(ApplicationInfo application, Candidate candidate, JobInfo? job)
        => new(candidate.Id, application.Job, job?.Title, application.Reference.Value, candidate.Profile.Name, string.Join('\n', candidate.Profile.Emails), candidate.Profile.Language);
}
