using System.Text.Json.Serialization;

namespace Recruiting.Automation;

/// <summary>What is wrong with a rule, as its camelCase word.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RuleErrorCode>))]
public enum RuleErrorCode
{
    /// <summary>The reason id or name is empty or too long.</summary>
    [JsonStringEnumMemberName("invalidReason")]
    InvalidReason,

    /// <summary>More actions than <see cref="RejectionAutomationOptions.MaxActionsPerReason"/>.</summary>
    [JsonStringEnumMemberName("tooManyActions")]
    TooManyActions,

    /// <summary>A member the action names is unknown in the tenant.</summary>
    [JsonStringEnumMemberName("unknownMember")]
    UnknownMember,

    /// <summary>A member the action names has left (is inactive).</summary>
    [JsonStringEnumMemberName("memberLeft")]
    MemberLeft,

    /// <summary>The job is unknown in the tenant.</summary>
    [JsonStringEnumMemberName("unknownJob")]
    UnknownJob,

    /// <summary>The talent pool is unknown in the tenant.</summary>
    [JsonStringEnumMemberName("unknownPool")]
    UnknownPool,

    /// <summary>A template does not compile or names something outside the model.</summary>
    [JsonStringEnumMemberName("templateInvalid")]
    TemplateInvalid,

    /// <summary>An e-mail action has no template, or two variants of one language.</summary>
    [JsonStringEnumMemberName("templateMissing")]
    TemplateMissing,

    /// <summary>A delay or relative due date is missing, not positive or too long.</summary>
    [JsonStringEnumMemberName("delayOutOfRange")]
    DelayOutOfRange,

    /// <summary>A fixed-member sender is not named, or is named without that mode.</summary>
    [JsonStringEnumMemberName("senderInvalid")]
    SenderInvalid,

    /// <summary>A list (tags, followers) is empty or holds blank entries.</summary>
    [JsonStringEnumMemberName("emptyList")]
    EmptyList,

    /// <summary>A task names both a relative and a fixed due date, or neither.</summary>
    [JsonStringEnumMemberName("dueDateInvalid")]
    DueDateInvalid,

    /// <summary>The editor lacks a permission (or is unknown or inactive).</summary>
    [JsonStringEnumMemberName("permissionMissing")]
    PermissionMissing,

    /// <summary>Another version was saved since the editor loaded the rule.</summary>
    [JsonStringEnumMemberName("versionConflict")]
    VersionConflict,
}

/// <summary>One problem of a rule.</summary>
/// <param name="ActionIndex">The action, or <see langword="null"/> for the reason itself.</param>
/// <param name="Code">The code.</param>
/// <param name="Message">A message for people.</param>
public sealed record RuleError(int? ActionIndex, RuleErrorCode Code, string Message);

/// <summary>The outcome of saving or deleting a rule.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RuleSaveStatus>))]
public enum RuleSaveStatus
{
    /// <summary>Saved (or deleted).</summary>
    [JsonStringEnumMemberName("saved")]
    Saved,

    /// <summary>Not saved: the rule has errors.</summary>
    [JsonStringEnumMemberName("invalid")]
    Invalid,

    /// <summary>Not saved: the editor lacks "manage automatic actions" or "edit jobs", or is unknown or inactive.</summary>
    [JsonStringEnumMemberName("forbidden")]
    Forbidden,

    /// <summary>Not saved: someone saved another version first; reload and edit again.</summary>
    [JsonStringEnumMemberName("conflict")]
    Conflict,

    /// <summary>Not deleted: no such reason.</summary>
    [JsonStringEnumMemberName("notFound")]
    NotFound,
}

/// <summary>The result of saving or deleting a rule.</summary>
/// <param name="Status">The status.</param>
/// <param name="Rule">The saved rule (with its new version), when saved.</param>
/// <param name="Errors">Every problem found, when invalid; the missing permissions when forbidden.</param>
public sealed record RuleSaveResult(RuleSaveStatus Status, RejectionReasonRule? Rule, IReadOnlyList<RuleError> Errors);
