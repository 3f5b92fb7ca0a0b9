using System.Globalization;

namespace Recruiting.Automation;

/// <summary>Everything the planner needs, loaded from the ports beforehand.</summary>
internal sealed record PlanningInput
{
    public required TenantInfo Tenant { get; init; }

    public required TimeZoneInfo TimeZone { get; init; }

    public required RejectionReasonRule Rule { get; init; }

    public required UserInfo Actor { get; init; }

    public required ApplicationInfo Application { get; init; }

    public required Candidate Candidate { get; init; }

    public JobInfo? Job { get; init; }

    /// <summary>Members the rule names (senders, assignees, followers); a missing or null entry is unknown.</summary>
    public required IReadOnlyDictionary<UserId, UserInfo?> Members { get; init; }

    public required IReadOnlyDictionary<JobId, JobInfo?> Jobs { get; init; }

    public required IReadOnlyDictionary<TalentPoolId, TalentPoolInfo?> Pools { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>Whether the rejection is part of a bulk (no cancel window).</summary>
    public bool Bulk { get; init; }
}

/// <summary>
/// The pure planner: which actions a rejection reason runs for this actor and candidate, when, and with what content.
/// Synchronous over plain inputs; nothing here does I/O.
/// </summary>
internal sealed class RejectionPlanner(TemplateRenderer templates, RejectionAutomationOptions options)
{
    /// <summary>The permission each action kind needs from the acting user.</summary>
    public static string RequiredPermission(AutomatedActionKind kind) => kind switch
    {
        AutomatedActionKind.Email => Permissions.SendEmail,
        AutomatedActionKind.Note => Permissions.AddNotes,
        AutomatedActionKind.Task => Permissions.AddTasks,
        AutomatedActionKind.Tags => Permissions.Tag,
        AutomatedActionKind.Followers => Permissions.ManageFollowers,
        _ => Permissions.Assign,
    };

    public RejectionPlan Plan(PlanningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cancelUntil = input.Bulk ? input.Now : input.Now + options.CancelWindow;
        var actions = new List<PlannedAction>(input.Rule.Actions.Count);
        var models = new Models(input);
        for (var i = 0; i < input.Rule.Actions.Count; i++)
        {
            actions.Add(PlanOne(input, models, i, input.Rule.Actions[i], cancelUntil));
        }

        return new RejectionPlan
        {
            Tenant = input.Tenant.Id,
            Application = input.Application.Id,
            Candidate = input.Candidate.Id,
            ReasonId = input.Rule.ReasonId,
            ReasonName = input.Rule.Name,
            RuleVersion = input.Rule.Version,
            Actor = input.Actor.Id,
            PlannedAt = input.Now,
            CancelUntil = cancelUntil,
            Actions = actions,
        };
    }

    /// <summary>
    /// Moves a plan made earlier from the same rule version and inputs to <paramref name="now"/>: its content (rendered
    /// e-mails, texts, payloads) stays, its times are computed again as <see cref="Plan"/> would at <paramref name="now"/>.
    /// </summary>
    public RejectionPlan Retime(RejectionPlan plan, RejectionReasonRule rule, TimeZoneInfo zone, DateTimeOffset now, bool bulk)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rule);
        if (plan.PlannedAt == now)
        {
            return plan;
        }

        var cancelUntil = bulk ? now : now + options.CancelWindow;
        var actions = new List<PlannedAction>(plan.Actions.Count);
        foreach (var action in plan.Actions)
        {
            actions.Add(action.State != AutomatedActionState.Pending ? action with { DueAt = now } : rule.Actions[action.Index] switch
            {
                SendEmailAction email => action with { DueAt = EmailDue(email, now, cancelUntil, zone) },
                AddTaskAction { DueAt: null } task when (action.PayloadValue ?? ActionPayload.Deserialize(action.Payload)) is TaskPayload payload
                    => Retimed(action, payload with { DueAt = now + (task.DueAfter ?? TimeSpan.Zero) }, cancelUntil),
                _ => action with { DueAt = cancelUntil },
            });
        }

        return plan with { PlannedAt = now, CancelUntil = cancelUntil, Actions = actions };

        static PlannedAction Retimed(PlannedAction action, TaskPayload payload, DateTimeOffset dueAt)
            => action with { DueAt = dueAt, Payload = payload.Serialize(), PayloadValue = payload };
    }

    /// <summary>Picks the template variant: the candidate's language, then its primary subtag, then the tenant's language, then the first.</summary>
    public static EmailTemplateVariant PickVariant(IReadOnlyList<EmailTemplateVariant> variants, string? candidateLanguage, string? tenantLanguage)
    {
        ArgumentNullException.ThrowIfNull(variants);
        return Match(candidateLanguage) ?? Match(Primary(candidateLanguage)) ?? Match(tenantLanguage) ?? Match(Primary(tenantLanguage)) ?? variants[0];

        EmailTemplateVariant? Match(string? language)
            => string.IsNullOrWhiteSpace(language) ? null : variants.FirstOrDefault(v => string.Equals(v.Language, language, StringComparison.OrdinalIgnoreCase))
                ?? variants.FirstOrDefault(v => string.Equals(Primary(v.Language), language, StringComparison.OrdinalIgnoreCase));

        static string? Primary(string? language) => language?.Split('-', '_')[0];
    }

    private PlannedAction PlanOne(PlanningInput input, Models models, int index, AutomatedActionDefinition definition, DateTimeOffset cancelUntil)
    {
        var ruleId = input.Rule.RuleIdOf(index);
        var kind = definition.Kind;
        var summary = Summarize(definition);
        PlannedAction Skip(ActionSkipReason reason, string detail) => new()
        {
            Index = index,
            Kind = kind,
            State = AutomatedActionState.Skipped,
            DueAt = input.Now,
            RuleId = ruleId,
            Summary = summary,
            SkipReason = reason,
            Detail = detail,
            Payload = new SkippedPayload { Candidate = input.Candidate.Id, Actor = input.Actor.Id, Reason = reason }.Serialize(),
        };
        PlannedAction Run(ActionPayload payload, DateTimeOffset dueAt, RenderedEmail? email = null) => new()
        {
            Index = index,
            Kind = kind,
            State = AutomatedActionState.Pending,
            DueAt = dueAt,
            RuleId = ruleId,
            Summary = summary,
            Email = email,
            Payload = payload.Serialize(),
            PayloadValue = payload,
        };

        var permission = RequiredPermission(kind);
        if (!input.Actor.Has(permission))
        {
            return Skip(ActionSkipReason.PermissionDenied, $"The acting user's role lacks the '{permission}' permission.");
        }

        switch (definition)
        {
            case SendEmailAction email:
            {
                UserInfo? sender;
                if (email.Sender == EmailSenderMode.FixedMember && email.SenderMember is { } member)
                {
                    sender = input.Members.GetValueOrDefault(member);
                    if (MemberProblem(member, sender) is { } problem)
                    {
                        return Skip(problem.Reason, problem.Detail);
                    }
                }
                else
                {
                    sender = input.Actor;
                }

                var to = input.Candidate.Profile.Emails.Where(e => !string.IsNullOrWhiteSpace(e)).Take(1).ToList();
                if (to.Count == 0)
                {
                    return Skip(ActionSkipReason.NoEmailAddress, "The candidate has no e-mail address.");
                }

                if (email.Templates.Count == 0)
                {
                    return Skip(ActionSkipReason.TemplateError, "The action has no template.");
                }

                var variant = PickVariant(email.Templates, input.Candidate.Profile.Language, input.Tenant.DefaultLanguage);
                var model = models.For(sender);
                var subject = templates.Render(variant.Subject, TemplateMode.Text, model);
                var html = templates.Render(variant.HtmlBody, TemplateMode.Html, model);
                var text = variant.TextBody is null ? TemplateResult.Success(string.Empty) : templates.Render(variant.TextBody, TemplateMode.Text, model);
                if (!subject.Ok || !html.Ok || !text.Ok)
                {
                    return Skip(ActionSkipReason.TemplateError, $"Template '{variant.Language}' failed to render: {subject.Error ?? html.Error ?? text.Error}");
                }

                var rendered = new RenderedEmail(sender!.Email, sender.DisplayName, to, subject.Output!.Trim(), html.Output!, variant.TextBody is null ? null : text.Output, variant.Language);
                var due = EmailDue(email, input.Now, cancelUntil, input.TimeZone);
                return Run(new EmailPayload { Candidate = input.Candidate.Id, Actor = input.Actor.Id, Sender = sender.Id, Email = rendered }, due, rendered);
            }

            case AddNoteAction note:
            {
                var text = templates.Render(note.Text, TemplateMode.Text, models.For(input.Actor));
                return text.Ok
                    ? Run(new NotePayload { Candidate = input.Candidate.Id, Actor = input.Actor.Id, Text = text.Output!, HiddenFromClients = note.HiddenFromClients }, cancelUntil)
                    : Skip(ActionSkipReason.TemplateError, $"The note failed to render: {text.Error}");
            }

            case AddTaskAction task:
            {
                var assigneeId = task.Assignee ?? input.Actor.Id;
                var assignee = task.Assignee is null ? input.Actor : input.Members.GetValueOrDefault(assigneeId);
                if (MemberProblem(assigneeId, assignee) is { } problem)
                {
                    return Skip(problem.Reason, problem.Detail);
                }

                var title = templates.Render(task.Title, TemplateMode.Text, models.For(input.Actor));
                if (!title.Ok)
                {
                    return Skip(ActionSkipReason.TemplateError, $"The task title failed to render: {title.Error}");
                }

                var dueAt = task.DueAt ?? input.Now + (task.DueAfter ?? TimeSpan.Zero);
                return Run(new TaskPayload { Candidate = input.Candidate.Id, Actor = input.Actor.Id, Title = title.Output!.Trim(), Description = task.Description, Assignee = assigneeId, DueAt = dueAt }, cancelUntil);
            }

            case AddTagsAction tags:
                return Run(new TagsPayload { Candidate = input.Candidate.Id, Actor = input.Actor.Id, Tags = tags.Tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList() }, cancelUntil);

            case AddFollowersAction followers:
            {
                var active = new List<UserId>();
                var problems = new List<string>();
                foreach (var id in followers.Followers.Distinct())
                {
                    if (MemberProblem(id, input.Members.GetValueOrDefault(id)) is { } problem)
                    {
                        problems.Add(problem.Detail);
                    }
                    else
                    {
                        active.Add(id);
                    }
                }

                if (active.Count == 0)
                {
                    var reason = followers.Followers.Any(id => input.Members.GetValueOrDefault(id) is not null) ? ActionSkipReason.MemberLeft : ActionSkipReason.UnknownMember;
                    return Skip(reason, string.Join(" ", problems));
                }

                var planned = Run(new FollowersPayload { Candidate = input.Candidate.Id, Actor = input.Actor.Id, Followers = active }, cancelUntil);
                return problems.Count == 0 ? planned : planned with { Detail = "Left out: " + string.Join(" ", problems) };
            }

            case AssignToJobAction assign:
                return input.Jobs.GetValueOrDefault(assign.Job) is null
                    ? Skip(ActionSkipReason.UnknownJob, $"Job '{assign.Job}' no longer exists.")
                    : Run(new AssignJobPayload { Candidate = input.Candidate.Id, Actor = input.Actor.Id, Job = assign.Job }, cancelUntil);

            case AssignToTalentPoolAction pool:
                return input.Pools.GetValueOrDefault(pool.Pool) is null
                    ? Skip(ActionSkipReason.UnknownPool, $"Talent pool '{pool.Pool}' no longer exists.")
                    : Run(new AssignPoolPayload { Candidate = input.Candidate.Id, Actor = input.Actor.Id, Pool = pool.Pool }, cancelUntil);

            default:
                throw new InvalidOperationException($"Unknown action kind {definition.GetType().Name}.");
        }
    }

    /// <summary>Why a member cannot be used, or <see langword="null"/> when they can.</summary>
    public static (ActionSkipReason Reason, string Detail)? MemberProblem(UserId id, UserInfo? user) => user switch
    {
        null => (ActionSkipReason.UnknownMember, $"Member '{id}' is unknown."),
        { IsActive: false } => (ActionSkipReason.MemberLeft, $"Member '{id}' has left."),
        _ => null,
    };

    /// <summary>The template models of one plan: the acting user's is built once for all its actions.</summary>
    private sealed class Models(PlanningInput input)
    {
        private IReadOnlyDictionary<string, object?>? _actor;

        public IReadOnlyDictionary<string, object?> For(UserInfo? sender)
            => ReferenceEquals(sender, input.Actor) ? _actor ??= Create(sender) : Create(sender);

        private IReadOnlyDictionary<string, object?> Create(UserInfo? sender)
            => RejectionTemplateModel.Create(input.Candidate.Profile, input.Job, input.Rule.ReasonId, input.Rule.Name, sender, input.Tenant.Name, input.Application.Reference.Value);
    }

    private DateTimeOffset EmailDue(SendEmailAction email, DateTimeOffset now, DateTimeOffset cancelUntil, TimeZoneInfo zone) => email.Timing switch
    {
        SendTimingMode.AfterDelay => Max(now + (email.Delay ?? TimeSpan.Zero), cancelUntil),
        SendTimingMode.NextWorkingHours => WorkingHours.NextSlot(cancelUntil, zone, options.WorkingHoursStart, options.WorkingHoursEnd, options.WorkingDays),
        _ => cancelUntil,
    };

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string Summarize(AutomatedActionDefinition definition) => definition switch
    {
        SendEmailAction e => e.Timing switch
        {
            SendTimingMode.AfterDelay => string.Create(CultureInfo.InvariantCulture, $"Send e-mail after {e.Delay}"),
            SendTimingMode.NextWorkingHours => "Send e-mail at the next working-hours slot",
            _ => "Send e-mail",
        },
        AddNoteAction => "Add note",
        AddTaskAction t => $"Add task: {t.Title}",
        AddTagsAction t => $"Add tags: {string.Join(", ", t.Tags)}",
        AddFollowersAction f => $"Add followers: {string.Join(", ", f.Followers)}",
        AssignToJobAction j => $"Assign to job {j.Job}",
        AssignToTalentPoolAction p => $"Assign to talent pool {p.Pool}",
        _ => definition.Kind.ToString(),
    };
}
