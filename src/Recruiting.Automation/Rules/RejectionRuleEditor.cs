namespace Recruiting.Automation;

/// <summary>Edits a tenant's rejection-reason rules: permission checks, validation, versioned storage.</summary>
public interface IRejectionRuleEditor
{
    /// <summary>Validates and saves a new version of a rule. The editor needs both <see cref="Permissions.ManageAutomaticActions"/> and <see cref="Permissions.EditJobs"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="editor">Who edits.</param>
    /// <param name="rule">The rule.</param>
    /// <param name="expectedVersion">The version the editor started from (0 for a new reason).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The result; nothing is stored unless it is <see cref="RuleSaveStatus.Saved"/>.</returns>
    ValueTask<RuleSaveResult> SaveAsync(TenantId tenant, UserId editor, RejectionReasonRule rule, int expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Checks a rule without saving it.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="rule">The rule.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>Every problem found (empty when valid).</returns>
    ValueTask<IReadOnlyList<RuleError>> ValidateAsync(TenantId tenant, RejectionReasonRule rule, CancellationToken cancellationToken = default);

    /// <summary>Deletes a reason; rejections already made keep the version that planned them.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="editor">Who deletes.</param>
    /// <param name="reasonId">The reason.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The result.</returns>
    ValueTask<RuleSaveResult> DeleteAsync(TenantId tenant, UserId editor, string reasonId, CancellationToken cancellationToken = default);

    /// <summary>Gets a reason's current rule.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="reasonId">The reason.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The rule, or <see langword="null"/>.</returns>
    ValueTask<RejectionReasonRule?> GetAsync(TenantId tenant, string reasonId, CancellationToken cancellationToken = default);

    /// <summary>Lists the tenant's current rules.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The rules.</returns>
    ValueTask<IReadOnlyList<RejectionReasonRule>> ListAsync(TenantId tenant, CancellationToken cancellationToken = default);
}

/// <summary>The default <see cref="IRejectionRuleEditor"/>.</summary>
internal sealed class RejectionRuleEditor(
    IRejectionRuleStore store,
    IUserDirectory users,
    IApplicationDirectory directory,
    TemplateRenderer templates,
    Microsoft.Extensions.Options.IOptions<RejectionAutomationOptions> options,
    TimeProvider time) : IRejectionRuleEditor
{
    private const int MaxIdLength = 200;

    public async ValueTask<RuleSaveResult> SaveAsync(TenantId tenant, UserId editor, RejectionReasonRule rule, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (await CheckEditorAsync(tenant, editor, cancellationToken).ConfigureAwait(false) is { } forbidden)
        {
            return forbidden;
        }

        var errors = await ValidateAsync(tenant, rule, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            return new RuleSaveResult(RuleSaveStatus.Invalid, null, errors);
        }

        var saved = await store.SaveAsync(tenant, rule with { SavedBy = editor }, expectedVersion, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return saved is null
            ? new RuleSaveResult(RuleSaveStatus.Conflict, null, [new RuleError(null, RuleErrorCode.VersionConflict, $"Reason '{rule.ReasonId}' is no longer at version {expectedVersion}.")])
            : new RuleSaveResult(RuleSaveStatus.Saved, saved, []);
    }

    public async ValueTask<RuleSaveResult> DeleteAsync(TenantId tenant, UserId editor, string reasonId, CancellationToken cancellationToken = default)
    {
        if (await CheckEditorAsync(tenant, editor, cancellationToken).ConfigureAwait(false) is { } forbidden)
        {
            return forbidden;
        }

        return await store.DeleteAsync(tenant, reasonId, time.GetUtcNow(), editor, cancellationToken).ConfigureAwait(false)
            ? new RuleSaveResult(RuleSaveStatus.Saved, null, [])
            : new RuleSaveResult(RuleSaveStatus.NotFound, null, []);
    }

    public ValueTask<RejectionReasonRule?> GetAsync(TenantId tenant, string reasonId, CancellationToken cancellationToken = default)
        => store.GetAsync(tenant, reasonId, cancellationToken);

    public ValueTask<IReadOnlyList<RejectionReasonRule>> ListAsync(TenantId tenant, CancellationToken cancellationToken = default)
        => store.ListAsync(tenant, cancellationToken);

    public async ValueTask<IReadOnlyList<RuleError>> ValidateAsync(TenantId tenant, RejectionReasonRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var o = options.Value;
        var errors = new List<RuleError>();
        if (string.IsNullOrWhiteSpace(rule.ReasonId) || rule.ReasonId.Length > MaxIdLength)
        {
            errors.Add(new RuleError(null, RuleErrorCode.InvalidReason, $"The reason id must have 1 to {MaxIdLength} characters."));
        }

        if (string.IsNullOrWhiteSpace(rule.Name) || rule.Name.Length > MaxIdLength)
        {
            errors.Add(new RuleError(null, RuleErrorCode.InvalidReason, $"The reason name must have 1 to {MaxIdLength} characters."));
        }

        if (rule.Actions.Count > o.MaxActionsPerReason)
        {
            errors.Add(new RuleError(null, RuleErrorCode.TooManyActions, $"A reason carries at most {o.MaxActionsPerReason} actions."));
        }

        for (var i = 0; i < rule.Actions.Count; i++)
        {
            await ValidateActionAsync(tenant, i, rule.Actions[i], o, errors, cancellationToken).ConfigureAwait(false);
        }

        return errors;
    }

    private async Task ValidateActionAsync(TenantId tenant, int index, AutomatedActionDefinition? action, RejectionAutomationOptions o, List<RuleError> errors, CancellationToken cancellationToken)
    {
        switch (action)
        {
            case SendEmailAction email:
                if (email.Templates is not { Count: > 0 })
                {
                    errors.Add(new RuleError(index, RuleErrorCode.TemplateMissing, "An e-mail action needs at least one template."));
                }
                else
                {
                    var languages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var variant in email.Templates)
                    {
                        if (string.IsNullOrWhiteSpace(variant.Language) || !languages.Add(variant.Language))
                        {
                            errors.Add(new RuleError(index, RuleErrorCode.TemplateMissing, $"Template languages must be given and distinct ('{variant.Language}')."));
                        }

                        CheckTemplate(index, variant.Subject, TemplateMode.Text, $"subject ({variant.Language})", errors);
                        CheckTemplate(index, variant.HtmlBody, TemplateMode.Html, $"HTML body ({variant.Language})", errors);
                        if (variant.TextBody is not null)
                        {
                            CheckTemplate(index, variant.TextBody, TemplateMode.Text, $"text body ({variant.Language})", errors);
                        }
                    }
                }

                if (email.Sender == EmailSenderMode.FixedMember)
                {
                    if (email.SenderMember is { } member)
                    {
                        await CheckMemberAsync(tenant, index, member, errors, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        errors.Add(new RuleError(index, RuleErrorCode.SenderInvalid, "A fixed-member sender must name the member."));
                    }
                }
                else if (email.SenderMember is not null)
                {
                    errors.Add(new RuleError(index, RuleErrorCode.SenderInvalid, "A sender member is named but the sender is the acting user."));
                }

                if (email.Timing == SendTimingMode.AfterDelay)
                {
                    if (email.Delay is not { } delay || delay < o.MinEmailDelay || delay > o.MaxEmailDelay)
                    {
                        errors.Add(new RuleError(index, RuleErrorCode.DelayOutOfRange, $"The delay must be between {o.MinEmailDelay} and {o.MaxEmailDelay}."));
                    }
                }
                else if (email.Delay is not null)
                {
                    errors.Add(new RuleError(index, RuleErrorCode.DelayOutOfRange, "A delay is given but the e-mail is not sent after a delay."));
                }

                break;

            case AddNoteAction note:
                CheckTemplate(index, note.Text, TemplateMode.Text, "note", errors);
                break;

            case AddTaskAction task:
                CheckTemplate(index, task.Title, TemplateMode.Text, "task title", errors);
                if (task.Assignee is { } assignee)
                {
                    await CheckMemberAsync(tenant, index, assignee, errors, cancellationToken).ConfigureAwait(false);
                }

                if ((task.DueAfter is null) == (task.DueAt is null))
                {
                    errors.Add(new RuleError(index, RuleErrorCode.DueDateInvalid, "A task needs either a relative or a fixed due date."));
                }
                else if (task.DueAfter is { } after && (after <= TimeSpan.Zero || after > o.MaxTaskDueAfter))
                {
                    errors.Add(new RuleError(index, RuleErrorCode.DelayOutOfRange, $"The relative due date must be positive and at most {o.MaxTaskDueAfter}."));
                }

                break;

            case AddTagsAction tags:
                if (tags.Tags is not { Count: > 0 } || tags.Tags.Any(string.IsNullOrWhiteSpace))
                {
                    errors.Add(new RuleError(index, RuleErrorCode.EmptyList, "Tags must be given and not blank."));
                }

                break;

            case AddFollowersAction followers:
                if (followers.Followers is not { Count: > 0 })
                {
                    errors.Add(new RuleError(index, RuleErrorCode.EmptyList, "Followers must be given."));
                }
                else
                {
                    foreach (var follower in followers.Followers)
                    {
                        await CheckMemberAsync(tenant, index, follower, errors, cancellationToken).ConfigureAwait(false);
                    }
                }

                break;

            case AssignToJobAction assign:
                if (await directory.GetJobAsync(tenant, assign.Job, cancellationToken).ConfigureAwait(false) is null)
                {
                    errors.Add(new RuleError(index, RuleErrorCode.UnknownJob, $"Job '{assign.Job}' is unknown."));
                }

                break;

            case AssignToTalentPoolAction pool:
                if (await directory.GetTalentPoolAsync(tenant, pool.Pool, cancellationToken).ConfigureAwait(false) is null)
                {
                    errors.Add(new RuleError(index, RuleErrorCode.UnknownPool, $"Talent pool '{pool.Pool}' is unknown."));
                }

                break;

            default:
                errors.Add(new RuleError(index, RuleErrorCode.InvalidReason, "The action is missing or of an unknown kind."));
                break;
        }
    }

    private void CheckTemplate(int index, string? source, TemplateMode mode, string what, List<RuleError> errors)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            errors.Add(new RuleError(index, RuleErrorCode.TemplateMissing, $"The {what} is empty."));
            return;
        }

        var result = templates.Check(source, mode);
        if (!result.Ok)
        {
            errors.Add(new RuleError(index, RuleErrorCode.TemplateInvalid, $"The {what} does not compile: {result.Error}"));
        }
    }

    private async Task CheckMemberAsync(TenantId tenant, int index, UserId member, List<RuleError> errors, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(tenant, member, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            errors.Add(new RuleError(index, RuleErrorCode.UnknownMember, $"Member '{member}' is unknown."));
        }
        else if (!user.IsActive)
        {
            errors.Add(new RuleError(index, RuleErrorCode.MemberLeft, $"Member '{member}' has left."));
        }
    }

    private async Task<RuleSaveResult?> CheckEditorAsync(TenantId tenant, UserId editor, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(tenant, editor, cancellationToken).ConfigureAwait(false);
        var missing = new List<RuleError>();
        foreach (var permission in (string[])[Permissions.ManageAutomaticActions, Permissions.EditJobs])
        {
            if (user is null || !user.Has(permission))
            {
                missing.Add(new RuleError(null, RuleErrorCode.PermissionMissing, $"Editing automatic actions needs the '{permission}' permission."));
            }
        }

        return missing.Count == 0 ? null : new RuleSaveResult(RuleSaveStatus.Forbidden, null, missing);
    }
}
