using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Recruiting.Automation;

/// <summary>
/// The default <see cref="IRejectionAutomation"/>: loads from the ports, plans purely, records in one transaction, then
/// writes the host side (status, "queued" records, events): inline for one rejection, through the dispatcher for a bulk
/// (the rejection row is the durable outbox entry of that step; see <see cref="IRejectionOutboxStore.ClaimHostSyncsAsync"/>).
/// </summary>
internal sealed class RejectionAutomation(
    IRejectionRuleStore rules,
    IRejectionOutboxStore outbox,
    IApplicationDirectory directory,
    IUserDirectory users,
    ITenantDirectory tenants,
    RejectionPlanner planner,
    DeliveryRecorder recorder,
    AutomationPipeline pipeline,
    IOptions<RecruitingOptions> recruitingOptions,
    IOptions<RejectionAutomationOptions> options,
    TimeProvider time,
    ILogger<RejectionAutomation> logger,
    DispatcherWakeUp? wakeUp = null) : IRejectionAutomation
{
    private IRejectionRuleStore Rules => rules;

    private IApplicationDirectory Directory => directory;

    private IUserDirectory Users => users;

    private ITenantDirectory Tenants => tenants;

    private RejectionPlanner Planner => planner;

    private RecruitingOptions RecruitingOptions => recruitingOptions.Value;

    public async ValueTask<RejectionOutcome> PreviewAsync(TenantId tenant, ApplicationId application, string reasonId, UserId actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reasonId);
        var loader = new Loader(this, tenant, time.GetUtcNow());
        var (outcome, _) = await loader.PlanAsync(new BulkRejectionItem(application, reasonId), actor, bulk: false, expectedVersion: null, previous: null, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    public async ValueTask<RejectionOutcome> RejectAsync(RejectionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.ReasonId);
        using var activity = AutomationTelemetry.ActivitySource.StartActivity("RejectApplication");
        activity?.SetTag(RecruitingTelemetry.TenantTag, request.Tenant.Value);
        var now = time.GetUtcNow();
        var loader = new Loader(this, request.Tenant, now);
        var (outcome, plan) = await loader.PlanAsync(new BulkRejectionItem(request.Application, request.ReasonId), request.Actor, bulk: false, request.ExpectedRuleVersion, previous: null, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return outcome;
        }

        var results = await RecordAndSyncAsync([(plan, request.WithActions, request.RequestId)], bulk: false, now, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    public async ValueTask<BulkRejectionPlan> PlanBulkAsync(TenantId tenant, UserId actor, IReadOnlyList<BulkRejectionItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var loader = new Loader(this, tenant, time.GetUtcNow());
        var plans = new List<RejectionPlan>(items.Count);
        var problems = new List<RejectionOutcome>();
        foreach (var item in items)
        {
            var (outcome, plan) = await loader.PlanAsync(item, actor, bulk: true, expectedVersion: null, previous: null, cancellationToken).ConfigureAwait(false);
            if (plan is null)
            {
                problems.Add(outcome);
            }
            else
            {
                plans.Add(plan);
            }
        }

        var groups = plans.GroupBy(p => p.ReasonId, StringComparer.Ordinal)
            .Select(g => new BulkReasonGroup(g.Key, g.First().ReasonName, g.First().RuleVersion, g.ToList()))
            .OrderBy(g => g.ReasonName, StringComparer.CurrentCulture)
            .ToList();
        return new BulkRejectionPlan(tenant, actor, groups, problems);
    }

    public async ValueTask<BulkRejectionResult> ConfirmBulkAsync(BulkRejectionPlan plan, bool withActions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var activity = AutomationTelemetry.ActivitySource.StartActivity("ConfirmBulkRejection");
        var now = time.GetUtcNow();
        var loader = new Loader(this, plan.Tenant, now);
        var outcomes = new List<RejectionOutcome>(plan.Problems);
        var toRecord = new List<(RejectionPlan, bool, string?)>();
        foreach (var group in plan.Groups)
        {
            foreach (var previous in group.Plans)
            {
                // Check again at confirmation: a reason deleted or edited since the preview is reported, not applied;
                // the previewed content is reused when the rule version and every input are unchanged.
                var (outcome, fresh) = await loader.PlanAsync(new BulkRejectionItem(previous.Application, group.ReasonId), plan.Actor, bulk: true, group.RuleVersion, previous, cancellationToken).ConfigureAwait(false);
                if (fresh is null)
                {
                    outcomes.Add(outcome);
                }
                else
                {
                    toRecord.Add((fresh, withActions, null));
                }
            }
        }

        outcomes.AddRange(await RecordAndSyncAsync(toRecord, bulk: true, now, cancellationToken).ConfigureAwait(false));

        // The host side of the bulk is the dispatcher's first step: wake it instead of waiting for its next poll.
        wakeUp?.Signal();
        return new BulkRejectionResult(outcomes);
    }

    public async ValueTask<CancelResult> CancelAsync(TenantId tenant, string rejectionId, int? actionIndex, UserId actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(rejectionId);
        var rejection = await outbox.GetRejectionAsync(tenant, rejectionId, cancellationToken).ConfigureAwait(false);
        if (rejection is null)
        {
            return new CancelResult(CancelStatus.NotFound, [], []);
        }

        if (rejection.Bulk)
        {
            return new CancelResult(CancelStatus.NotCancellable, [], await outbox.ListActionsAsync(tenant, rejectionId, cancellationToken).ConfigureAwait(false));
        }

        var cancelled = await outbox.CancelPendingAsync(tenant, rejectionId, actionIndex, $"cancelled by {actor}", time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await RecordCancelledAsync(cancelled, rejection.Actor, cancellationToken).ConfigureAwait(false);
        var remaining = await outbox.ListActionsAsync(tenant, rejectionId, cancellationToken).ConfigureAwait(false);
        return new CancelResult(CancelStatus.Cancelled, cancelled, remaining);
    }

    public async ValueTask<UnrejectResult> UnrejectAsync(TenantId tenant, ApplicationId application, UnrejectCause cause, CancellationToken cancellationToken = default)
    {
        var (rejection, cancelled) = await outbox.UnrejectAsync(tenant, application, cause, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await RecordCancelledAsync(cancelled, rejection?.Actor, cancellationToken).ConfigureAwait(false);
        return new UnrejectResult(rejection?.RejectionId, cancelled);
    }

    private async Task RecordCancelledAsync(IReadOnlyList<OutboxAction> cancelled, UserId? actor, CancellationToken cancellationToken)
    {
        foreach (var action in cancelled)
        {
            try
            {
                await recorder.RecordAsync(pipeline.Pipeline, action, AutomatedActionState.Cancelled, action.Detail, actor, null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                AutomationLog.RecordFailed(logger, ex, action.RejectionId, action.ActionIndex);
            }
        }
    }

    private async Task<List<RejectionOutcome>> RecordAndSyncAsync(List<(RejectionPlan Plan, bool WithActions, string? RequestId)> items, bool bulk, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A bulk's host side is written by the dispatcher (due now); one rejection's is written here, and the lease in
        // HostSyncAfter lets a dispatcher take over only if this process dies or the host fails.
        var hostSyncAfter = bulk ? now : now + options.Value.ClaimLease;
        var batch = new List<NewRejection>(items.Count);
        foreach (var (plan, withActions, requestId) in items)
        {
            var rejection = new RejectionRecord
            {
                Tenant = plan.Tenant,
                RejectionId = NewRejectionId(),
                Application = plan.Application,
                Candidate = plan.Candidate,
                ReasonId = plan.ReasonId,
                ReasonVersion = plan.RuleVersion,
                Actor = plan.Actor,
                RejectedAt = now,
                WithActions = withActions,
                Bulk = bulk,
                CancelUntil = plan.CancelUntil,
                RequestId = requestId,
                HostSyncAfter = hostSyncAfter,
            };
            var actions = withActions
                ? plan.Actions.Select(a => new OutboxAction
                {
                    Tenant = plan.Tenant,
                    RejectionId = rejection.RejectionId,
                    ActionIndex = a.Index,
                    Application = plan.Application,
                    Kind = a.Kind,
                    State = a.State,
                    DueAt = a.DueAt,
                    RuleId = a.RuleId,
                    Payload = a.Payload,
                    Detail = a.SkipReason is { } reason ? $"{AutomationWords.Skip(reason)}: {a.Detail}" : a.Detail,
                    UpdatedAt = now,
                }).ToList()
                : [];
            batch.Add(new NewRejection(rejection, actions));
        }

        // One transaction: the rejections and every queued action, or nothing.
        var recorded = await outbox.RecordAsync(batch, cancellationToken).ConfigureAwait(false);
        var outcomes = new List<RejectionOutcome>(items.Count);
        var synced = new List<(TenantId, string)>();
        for (var i = 0; i < recorded.Count; i++)
        {
            var (plan, _, _) = items[i];
            var result = recorded[i];
            if (!result.Recorded)
            {
                outcomes.Add(new RejectionOutcome
                {
                    Status = RejectionStatus.Duplicate,
                    Application = plan.Application,
                    ReasonId = plan.ReasonId,
                    RejectionId = result.Rejection.RejectionId,
                    Actions = await outbox.ListActionsAsync(plan.Tenant, result.Rejection.RejectionId, cancellationToken).ConfigureAwait(false),
                    CancelUntil = result.Rejection.CancelUntil,
                    HostSynced = result.Rejection.HostSynced,
                    Detail = "The application already has an active rejection; nothing new was queued.",
                });
                continue;
            }

            var actions = batch[i].Actions;
            var hostSynced = false;
            if (!bulk)
            {
                try
                {
                    await recorder.SyncRejectionAsync(pipeline.Pipeline, result.Rejection, actions, cancellationToken).ConfigureAwait(false);
                    synced.Add((result.Rejection.Tenant, result.Rejection.RejectionId));
                    hostSynced = true;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Recorded durably; the dispatcher writes the host side after the lease with the same keys.
                    AutomationLog.HostSyncFailed(logger, ex, result.Rejection.Tenant.Value, result.Rejection.RejectionId);
                }
            }

            AutomationLog.Rejected(logger, plan.Tenant.Value, plan.Application.Value, plan.ReasonId, result.Rejection.RejectionId, actions.Count);
            outcomes.Add(new RejectionOutcome
            {
                Status = RejectionStatus.Rejected,
                Application = plan.Application,
                ReasonId = plan.ReasonId,
                RejectionId = result.Rejection.RejectionId,
                Plan = plan,
                Actions = actions,
                CancelUntil = result.Rejection.CancelUntil,
                HostSynced = hostSynced,
            });
        }

        await outbox.MarkHostSyncedAsync(synced, cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    private static string NewRejectionId() => "rej_" + Guid.CreateVersion7().ToString("N");

    /// <summary>Loads what the planner needs, caching tenant, actor, rules and members across the items of one call.</summary>
    private sealed class Loader(RejectionAutomation owner, TenantId tenant, DateTimeOffset now)
    {
        private readonly Dictionary<string, RejectionReasonRule?> _rules = new(StringComparer.Ordinal);
        private readonly Dictionary<UserId, UserInfo?> _members = [];
        private readonly Dictionary<JobId, JobInfo?> _jobs = [];
        private readonly Dictionary<TalentPoolId, TalentPoolInfo?> _pools = [];
        private readonly Dictionary<string, (int Version, string Text)> _contexts = new(StringComparer.Ordinal);
        private TenantInfo? _tenant;
        private TimeZoneInfo? _zone;
        private UserInfo? _actor;
        private bool _actorLoaded;

        public async Task<(RejectionOutcome Outcome, RejectionPlan? Plan)> PlanAsync(BulkRejectionItem item, UserId actorId, bool bulk, int? expectedVersion, RejectionPlan? previous, CancellationToken cancellationToken)
        {
            RejectionOutcome Fail(RejectionStatus status, string detail) => new() { Status = status, Application = item.Application, ReasonId = item.ReasonId, Detail = detail };

            if (!_actorLoaded)
            {
                _actor = await owner.Users.GetUserAsync(tenant, actorId, cancellationToken).ConfigureAwait(false);
                _actorLoaded = true;
            }

            if (_actor is not { IsActive: true })
            {
                return (Fail(RejectionStatus.UnknownActor, $"User '{actorId}' is unknown or has left."), null);
            }

            if (!_actor.Has(Permissions.Reject))
            {
                return (Fail(RejectionStatus.NotAllowed, $"User '{actorId}' may not reject applications ('{Permissions.Reject}')."), null);
            }

            if (!_rules.TryGetValue(item.ReasonId, out var rule))
            {
                rule = await owner.Rules.GetAsync(tenant, item.ReasonId, cancellationToken).ConfigureAwait(false);
                _rules[item.ReasonId] = rule;
            }

            if (rule is null)
            {
                return (Fail(RejectionStatus.UnknownReason, $"Rejection reason '{item.ReasonId}' is unknown or was deleted."), null);
            }

            if (expectedVersion is { } expected && expected != rule.Version)
            {
                return (Fail(RejectionStatus.ReasonChanged, $"Rejection reason '{item.ReasonId}' changed (version {expected} → {rule.Version}); preview again."), null);
            }

            var application = await owner.Directory.GetApplicationAsync(tenant, item.Application, cancellationToken).ConfigureAwait(false);
            var candidate = application is null ? null : await owner.Directory.GetCandidateAsync(tenant, application.Candidate, cancellationToken).ConfigureAwait(false);
            if (application is null || candidate is null)
            {
                return (Fail(RejectionStatus.UnknownApplication, $"Application '{item.Application}' or its candidate is unknown."), null);
            }

            _tenant ??= await owner.Tenants.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false)
                ?? new TenantInfo { Id = tenant, Name = tenant.Value, TimeZoneId = owner.RecruitingOptions.DefaultTimeZoneId };
            _zone ??= TimeZoneInfo.TryFindSystemTimeZoneById(_tenant.TimeZoneId, out var zone) ? zone : TimeZoneInfo.FindSystemTimeZoneById(owner.RecruitingOptions.DefaultTimeZoneId);

            JobInfo? job = null;
            if (application.Job is { } jobId)
            {
                job = await JobAsync(jobId, cancellationToken).ConfigureAwait(false);
            }

            foreach (var action in rule.Actions)
            {
                switch (action)
                {
                    case SendEmailAction { SenderMember: { } sender }:
                        await MemberAsync(sender, cancellationToken).ConfigureAwait(false);
                        break;
                    case AddTaskAction { Assignee: { } assignee }:
                        await MemberAsync(assignee, cancellationToken).ConfigureAwait(false);
                        break;
                    case AddFollowersAction followers:
                        foreach (var follower in followers.Followers)
                        {
                            await MemberAsync(follower, cancellationToken).ConfigureAwait(false);
                        }

                        break;
                    case AssignToJobAction assign:
                        await JobAsync(assign.Job, cancellationToken).ConfigureAwait(false);
                        break;
                    case AssignToTalentPoolAction pool when !_pools.ContainsKey(pool.Pool):
                        _pools[pool.Pool] = await owner.Directory.GetTalentPoolAsync(tenant, pool.Pool, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }

            var inputs = PlanInputs.Of(application, candidate, job);
            var context = Context(rule);
            var plan = previous?.Basis is { } basis && ReferenceEquals(basis.Actions, previous.Actions)
                && basis.Inputs == inputs && string.Equals(basis.Context, context, StringComparison.Ordinal)
                && previous.Tenant == tenant && previous.Actor == _actor.Id && previous.Application == application.Id
                && string.Equals(previous.ReasonId, rule.ReasonId, StringComparison.Ordinal) && previous.RuleVersion == rule.Version
                ? owner.Planner.Retime(previous, rule, _zone, now, bulk)
                : owner.Planner.Plan(new PlanningInput
            {
                Tenant = _tenant,
                TimeZone = _zone,
                Rule = rule,
                Actor = _actor,
                Application = application,
                Candidate = candidate,
                Job = job,
                Members = _members,
                Jobs = _jobs,
                Pools = _pools,
                Now = now,
                Bulk = bulk,
            });
            plan = plan with { Basis = new PlanBasis(inputs, context, plan.Actions) };
            Activity.Current?.SetTag("recruiting.reason", rule.ReasonId);
            return (new RejectionOutcome { Status = RejectionStatus.Planned, Application = item.Application, ReasonId = item.ReasonId, Plan = plan, CancelUntil = plan.CancelUntil }, plan);
        }

        /// <summary>The tenant, actor and referenced members, jobs and pools a rule's content depends on, as one string (cached per rule version).</summary>
        private string Context(RejectionReasonRule rule)
        {
            if (_contexts.TryGetValue(rule.ReasonId, out var cached) && cached.Version == rule.Version)
            {
                return cached.Text;
            }

            var b = new StringBuilder();
            b.Append(_tenant!.Name).Append('\u001f').Append(_tenant.DefaultLanguage).Append('\u001f').Append(_zone!.Id);
            AppendUser(b, _actor);
            foreach (var action in rule.Actions)
            {
                switch (action)
                {
                    case SendEmailAction { SenderMember: { } sender }:
                        AppendUser(b, _members.GetValueOrDefault(sender));
                        break;
                    case AddTaskAction { Assignee: { } assignee }:
                        AppendUser(b, _members.GetValueOrDefault(assignee));
                        break;
                    case AddFollowersAction followers:
                        foreach (var follower in followers.Followers)
                        {
                            AppendUser(b, _members.GetValueOrDefault(follower));
                        }

                        break;
                    case AssignToJobAction assign:
                        b.Append('\u001f').Append(_jobs.GetValueOrDefault(assign.Job)?.Title ?? "\0");
                        break;
                    case AssignToTalentPoolAction pool:
                        b.Append('\u001f').Append(_pools.GetValueOrDefault(pool.Pool) is null ? '0' : '1');
                        break;
                }
            }

            var text = b.ToString();
            _contexts[rule.ReasonId] = (rule.Version, text);
            return text;

            static void AppendUser(StringBuilder b, UserInfo? user)
            {
                if (user is null)
                {
                    b.Append("\u001f\0");
                    return;
                }

                b.Append('\u001f').Append(user.Id.Value).Append('|').Append(user.IsActive ? '1' : '0').Append('|').Append(user.Email).Append('|').Append(user.DisplayName).Append('|')
                    .AppendJoin(',', user.Permissions.Order(StringComparer.Ordinal));
            }
        }

        private async Task MemberAsync(UserId id, CancellationToken cancellationToken)
        {
            if (!_members.ContainsKey(id))
            {
                _members[id] = await owner.Users.GetUserAsync(tenant, id, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<JobInfo?> JobAsync(JobId id, CancellationToken cancellationToken)
        {
            if (!_jobs.TryGetValue(id, out var job))
            {
                job = await owner.Directory.GetJobAsync(tenant, id, cancellationToken).ConfigureAwait(false);
                _jobs[id] = job;
            }

            return job;
        }
    }
}

/// <summary>The Polly pipeline around port calls: retries transient failures with exponential back-off and jitter.</summary>
internal sealed class AutomationPipeline
{
    public AutomationPipeline(IOptions<RejectionAutomationOptions> options, TimeProvider time)
    {
        var o = options.Value;
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (o.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new Polly.Retry.RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(o.IsTransient),
                MaxRetryAttempts = o.MaxRetryAttempts,
                Delay = o.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }

        Pipeline = builder.Build();
    }

    public ResiliencePipeline Pipeline { get; }
}
