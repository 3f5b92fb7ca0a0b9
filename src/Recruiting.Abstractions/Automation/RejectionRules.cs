using System.Text.Json.Serialization;

namespace Recruiting.Automation;

/// <summary>
/// A tenant's rejection (disqualification) reason with its ordered automatic actions. Rules are company-wide:
/// they do not vary per job or stage. Every save makes a new <see cref="Version"/>; older versions are kept.
/// </summary>
public sealed record RejectionReasonRule
{
    /// <summary>Gets the reason id (stable; hosts store it on the rejected application).</summary>
    public required string ReasonId { get; init; }

    /// <summary>Gets the name recruiters pick (for example "Not enough experience").</summary>
    public required string Name { get; init; }

    /// <summary>Gets the actions, run in this order.</summary>
    public IReadOnlyList<AutomatedActionDefinition> Actions { get; init; } = [];

    /// <summary>Gets the version (1 for the first save); set by the store.</summary>
    public int Version { get; init; }

    /// <summary>Gets when this version was saved; set by the store.</summary>
    public DateTimeOffset SavedAt { get; init; }

    /// <summary>Gets who saved this version.</summary>
    public UserId? SavedBy { get; init; }

    /// <summary>The id an effect carries in <see cref="ActionOrigin.RuleId"/>: reason, version and action index.</summary>
    /// <param name="actionIndex">The action's index.</param>
    /// <returns>For example <c>rejection:not-enough-experience:v3:0</c>.</returns>
    public string RuleIdOf(int actionIndex) => FormattableString.Invariant($"rejection:{ReasonId}:v{Version}:{actionIndex}");
}

/// <summary>The kind of an automatic action, written as its camelCase word in events and JSON.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AutomatedActionKind>))]
public enum AutomatedActionKind
{
    /// <summary>Send an e-mail to the candidate from a template.</summary>
    [JsonStringEnumMemberName("email")]
    Email,

    /// <summary>Add a note.</summary>
    [JsonStringEnumMemberName("note")]
    Note,

    /// <summary>Add a task for a member.</summary>
    [JsonStringEnumMemberName("task")]
    Task,

    /// <summary>Add tags to the candidate.</summary>
    [JsonStringEnumMemberName("tags")]
    Tags,

    /// <summary>Add followers to the application.</summary>
    [JsonStringEnumMemberName("followers")]
    Followers,

    /// <summary>Assign the candidate to a job.</summary>
    [JsonStringEnumMemberName("assignJob")]
    AssignJob,

    /// <summary>Assign the candidate to a talent pool.</summary>
    [JsonStringEnumMemberName("assignPool")]
    AssignPool,
}

/// <summary>One automatic action of a rejection reason. Stored as JSON with a <c>kind</c> discriminator.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(SendEmailAction), "email")]
[JsonDerivedType(typeof(AddNoteAction), "note")]
[JsonDerivedType(typeof(AddTaskAction), "task")]
[JsonDerivedType(typeof(AddTagsAction), "tags")]
[JsonDerivedType(typeof(AddFollowersAction), "followers")]
[JsonDerivedType(typeof(AssignToJobAction), "assignJob")]
[JsonDerivedType(typeof(AssignToTalentPoolAction), "assignPool")]
public abstract record AutomatedActionDefinition
{
    /// <summary>Gets the kind.</summary>
    [JsonIgnore]
    public abstract AutomatedActionKind Kind { get; }
}

/// <summary>Who an e-mail appears to come from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EmailSenderMode>))]
public enum EmailSenderMode
{
    /// <summary>The user who rejects the candidate.</summary>
    [JsonStringEnumMemberName("actingUser")]
    ActingUser,

    /// <summary>A fixed team member (<see cref="SendEmailAction.SenderMember"/>).</summary>
    [JsonStringEnumMemberName("fixedMember")]
    FixedMember,
}

/// <summary>When an e-mail is sent.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SendTimingMode>))]
public enum SendTimingMode
{
    /// <summary>As soon as the cancel window has passed.</summary>
    [JsonStringEnumMemberName("now")]
    Now,

    /// <summary>After <see cref="SendEmailAction.Delay"/> (for example 2 days).</summary>
    [JsonStringEnumMemberName("afterDelay")]
    AfterDelay,

    /// <summary>At the next working-hours slot in the tenant's time zone.</summary>
    [JsonStringEnumMemberName("nextWorkingHours")]
    NextWorkingHours,
}

/// <summary>One language variant of an e-mail template. Templates are Handlebars (see <c>RejectionTemplateModel</c> in Recruiting.Automation for the model).</summary>
/// <param name="Language">The BCP 47 language (<c>en</c>, <c>ja</c>, <c>fr-CH</c>); chosen by the candidate's language.</param>
/// <param name="Subject">The subject template (plain text).</param>
/// <param name="HtmlBody">The HTML body template; values are HTML-escaped.</param>
/// <param name="TextBody">The plain-text body template, when any.</param>
public sealed record EmailTemplateVariant(string Language, string Subject, string HtmlBody, string? TextBody = null);

/// <summary>Send an e-mail to the candidate from a template.</summary>
public sealed record SendEmailAction : AutomatedActionDefinition
{
    /// <inheritdoc />
    public override AutomatedActionKind Kind => AutomatedActionKind.Email;

    /// <summary>Gets the language variants; the first one is used when none matches the candidate's or tenant's language.</summary>
    public required IReadOnlyList<EmailTemplateVariant> Templates { get; init; }

    /// <summary>Gets who the e-mail appears to come from.</summary>
    public EmailSenderMode Sender { get; init; } = EmailSenderMode.ActingUser;

    /// <summary>Gets the fixed sender, for <see cref="EmailSenderMode.FixedMember"/>.</summary>
    public UserId? SenderMember { get; init; }

    /// <summary>Gets when it is sent.</summary>
    public SendTimingMode Timing { get; init; } = SendTimingMode.Now;

    /// <summary>Gets the delay, for <see cref="SendTimingMode.AfterDelay"/>.</summary>
    public TimeSpan? Delay { get; init; }
}

/// <summary>Add a note to the application, authored by the user who rejects.</summary>
public sealed record AddNoteAction : AutomatedActionDefinition
{
    /// <inheritdoc />
    public override AutomatedActionKind Kind => AutomatedActionKind.Note;

    /// <summary>Gets the note text (a plain-text Handlebars template over the same model as e-mails).</summary>
    public required string Text { get; init; }

    /// <summary>Gets whether hiring clients must not see it.</summary>
    public bool HiddenFromClients { get; init; } = true;
}

/// <summary>Add a task for a member, due after a relative delay or at a fixed date.</summary>
public sealed record AddTaskAction : AutomatedActionDefinition
{
    /// <inheritdoc />
    public override AutomatedActionKind Kind => AutomatedActionKind.Task;

    /// <summary>Gets the title (a plain-text Handlebars template).</summary>
    public required string Title { get; init; }

    /// <summary>Gets the details, when any.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the member who must do it; <see langword="null"/> means the user who rejects.</summary>
    public UserId? Assignee { get; init; }

    /// <summary>Gets the due date relative to the rejection ("in 3 days"); exclusive with <see cref="DueAt"/>.</summary>
    public TimeSpan? DueAfter { get; init; }

    /// <summary>Gets a fixed due date; exclusive with <see cref="DueAfter"/>.</summary>
    public DateTimeOffset? DueAt { get; init; }
}

/// <summary>Add tags to the candidate.</summary>
public sealed record AddTagsAction : AutomatedActionDefinition
{
    /// <inheritdoc />
    public override AutomatedActionKind Kind => AutomatedActionKind.Tags;

    /// <summary>Gets the tags.</summary>
    public required IReadOnlyList<string> Tags { get; init; }
}

/// <summary>Add followers to the application.</summary>
public sealed record AddFollowersAction : AutomatedActionDefinition
{
    /// <inheritdoc />
    public override AutomatedActionKind Kind => AutomatedActionKind.Followers;

    /// <summary>Gets the members who follow it.</summary>
    public required IReadOnlyList<UserId> Followers { get; init; }
}

/// <summary>Assign the candidate to another job.</summary>
public sealed record AssignToJobAction : AutomatedActionDefinition
{
    /// <inheritdoc />
    public override AutomatedActionKind Kind => AutomatedActionKind.AssignJob;

    /// <summary>Gets the job.</summary>
    public required JobId Job { get; init; }
}

/// <summary>Assign the candidate to a talent pool.</summary>
public sealed record AssignToTalentPoolAction : AutomatedActionDefinition
{
    /// <inheritdoc />
    public override AutomatedActionKind Kind => AutomatedActionKind.AssignPool;

    /// <summary>Gets the pool.</summary>
    public required TalentPoolId Pool { get; init; }
}

/// <summary>Keeps the tenant's rejection-reason rules, every version of them.</summary>
public interface IRejectionRuleStore
{
    /// <summary>Gets the current version of a reason's rule.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="reasonId">The reason id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The rule, or <see langword="null"/> when unknown or deleted.</returns>
    ValueTask<RejectionReasonRule?> GetAsync(TenantId tenant, string reasonId, CancellationToken cancellationToken = default);

    /// <summary>Gets one version of a reason's rule (also of a deleted reason).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="reasonId">The reason id.</param>
    /// <param name="version">The version.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The rule, or <see langword="null"/>.</returns>
    ValueTask<RejectionReasonRule?> GetVersionAsync(TenantId tenant, string reasonId, int version, CancellationToken cancellationToken = default);

    /// <summary>Lists the current rules of a tenant, by name.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The rules.</returns>
    ValueTask<IReadOnlyList<RejectionReasonRule>> ListAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>Saves a new version of a rule when the current version is <paramref name="expectedVersion"/> (0 for a new reason).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="rule">The rule; its <see cref="RejectionReasonRule.Version"/> and <see cref="RejectionReasonRule.SavedAt"/> are ignored.</param>
    /// <param name="expectedVersion">The version the editor started from.</param>
    /// <param name="savedAt">When.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The saved rule, or <see langword="null"/> when another save came first (the current version differs).</returns>
    ValueTask<RejectionReasonRule?> SaveAsync(TenantId tenant, RejectionReasonRule rule, int expectedVersion, DateTimeOffset savedAt, CancellationToken cancellationToken = default);

    /// <summary>Deletes a reason (its versions stay readable through <see cref="GetVersionAsync"/>).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="reasonId">The reason id.</param>
    /// <param name="deletedAt">When.</param>
    /// <param name="deletedBy">Who.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>Whether a current rule was deleted.</returns>
    ValueTask<bool> DeleteAsync(TenantId tenant, string reasonId, DateTimeOffset deletedAt, UserId? deletedBy, CancellationToken cancellationToken = default);
}
