using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Recruiting.Automation;
using Recruiting.Samples.Console.Ats;
using Recruiting.Samples.Console.Cli;
using Recruiting.Samples.Console.Demo;

namespace Recruiting.Samples.Console.Automation;

/// <summary>Wires rejection automation into the sample host: the demo tenant's rules, the demo step and the <c>automation …</c> verbs.</summary>
public sealed class AutomationModule : ISampleModule
{
    /// <summary>A reason whose rule mails the candidate now, adds a note and a task, tags and pools the candidate.</summary>
    public const string NoExperience = "demo-no-experience";

    /// <summary>A reason whose rule tags and pools the candidate and mails two days later.</summary>
    public const string PositionFilled = "demo-position-filled";

    public void ConfigureServices(RecruitingBuilder recruiting, SampleHostContext context)
    {
        ArgumentNullException.ThrowIfNull(recruiting);
        ArgumentNullException.ThrowIfNull(context);
        recruiting.AddRejectionAutomation();
        context.Services.AddSingleton<IDemoStep, AutomationDemoStep>();
    }

    public void AddCommands(RootCommand root, CliContext cli) => AutomationCommands.Add(root, cli);

    public async Task SeedDemoTenantAsync(IServiceProvider services, TenantId tenant, CancellationToken cancellationToken)
    {
        var editor = services.GetRequiredService<IRejectionRuleEditor>();
        foreach (var rule in DemoRules())
        {
            if (await editor.GetAsync(tenant, rule.ReasonId, cancellationToken).ConfigureAwait(false) is null)
            {
                var result = await editor.SaveAsync(tenant, DemoTenantSeed.HrManager, rule, 0, cancellationToken).ConfigureAwait(false);
                if (result.Status != RuleSaveStatus.Saved)
                {
                    throw new InvalidOperationException($"Demo rule {rule.ReasonId}: {result.Status} {string.Join("; ", result.Errors.Select(e => e.Message))}");
                }
            }
        }
    }

    internal static IReadOnlyList<RejectionReasonRule> DemoRules()
    {
        EmailTemplateVariant[] templates =
        [
            new("ja", "{{job.title}}へのご応募について", "<p>{{candidate.name}} 様</p><p>この度は{{company.name}}の{{job.title}}にご応募いただき、誠にありがとうございました。慎重に選考いたしました結果、誠に残念ながら今回はご期待に沿いかねる結果となりました。</p><p>{{sender.name}}</p>"),
            new("en", "Your application for {{job.title}}", "<p>Dear {{candidate.name}},</p><p>thank you for applying to {{company.name}}. After careful consideration we will not move forward with your application.</p><p>{{sender.name}}</p>", "Dear {{candidate.name}}, thank you for applying to {{company.name}}."),
        ];
        return
        [
            new RejectionReasonRule
            {
                ReasonId = NoExperience,
                Name = "Not enough experience",
                Actions =
                [
                    new SendEmailAction { Templates = templates },
                    new AddNoteAction { Text = "Rejected: {{reason.name}}" },
                    new AddTaskAction { Title = "Keep in touch with {{candidate.name}}", Assignee = DemoTenantSeed.Recruiter, DueAfter = TimeSpan.FromDays(90) },
                    new AddTagsAction { Tags = ["needs-experience"] },
                    new AssignToTalentPoolAction { Pool = DemoTenantSeed.DemoPool },
                ],
            },
            new RejectionReasonRule
            {
                ReasonId = PositionFilled,
                Name = "Position filled",
                Actions =
                [
                    new AddTagsAction { Tags = ["position-filled"] },
                    new AssignToTalentPoolAction { Pool = DemoTenantSeed.DemoPool },
                    new SendEmailAction { Templates = templates, Sender = EmailSenderMode.FixedMember, SenderMember = DemoTenantSeed.Coordinator, Timing = SendTimingMode.AfterDelay, Delay = TimeSpan.FromDays(2) },
                ],
            },
        ];
    }
}

/// <summary>
/// The demo's automation step: rejects one candidate alone and two in a bulk, shows the plan, cancels the first
/// rejection's e-mail inside the cancel window, runs what is due, and shows what waits in the outbox.
/// </summary>
internal sealed class AutomationDemoStep : IDemoStep
{
    public string Section => "automation";

    public async Task<object?> RunAsync(IServiceProvider services, TenantId tenant, CancellationToken cancellationToken)
    {
        var automation = services.GetRequiredService<IRejectionAutomation>();
        var directory = services.GetRequiredService<IApplicationDirectory>();
        var outbox = services.GetRequiredService<IRejectionOutboxStore>();
        var actor = DemoTenantSeed.HrManager;

        async Task<ApplicationInfo> App(string reference) => await directory.FindByReferenceAsync(tenant, new ApplicationReference(reference), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Demo application {reference} is missing.");

        var single = await App("2024-000118").ConfigureAwait(false);
        var bulkA = await App("2024-000119").ConfigureAwait(false);
        var bulkB = await App("2024-000120").ConfigureAwait(false);

        // One alone: preview, reject, cancel its e-mail inside the cancel window.
        var preview = await automation.PreviewAsync(tenant, single.Id, AutomationModule.NoExperience, actor, cancellationToken).ConfigureAwait(false);
        var rejected = await automation.RejectAsync(new RejectionRequest
        {
            Tenant = tenant,
            Application = single.Id,
            ReasonId = AutomationModule.NoExperience,
            Actor = actor,
            ExpectedRuleVersion = preview.Plan?.RuleVersion,
            RequestId = "demo-single",
        }, cancellationToken).ConfigureAwait(false);
        var cancelled = rejected.RejectionId is null
            ? []
            : (await automation.CancelAsync(tenant, rejected.RejectionId, 0, actor, cancellationToken).ConfigureAwait(false)).Cancelled;

        // Two in a bulk: plan grouped by reason, confirm with actions (no cancel window), run what is due.
        var bulkPlan = await automation.PlanBulkAsync(tenant, actor, [new(bulkA.Id, AutomationModule.PositionFilled), new(bulkB.Id, AutomationModule.PositionFilled)], cancellationToken).ConfigureAwait(false);
        var bulk = await automation.ConfirmBulkAsync(bulkPlan, withActions: true, cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<IRejectionDispatcher>().DispatchDueAsync(cancellationToken).ConfigureAwait(false);

        var rejectionIds = new[] { rejected.RejectionId }.Concat(bulk.Outcomes.Select(o => o.RejectionId)).OfType<string>().ToList();
        var references = new Dictionary<ApplicationId, string> { [single.Id] = single.Reference.Value, [bulkA.Id] = bulkA.Reference.Value, [bulkB.Id] = bulkB.Reference.Value };
        var actions = new List<OutboxAction>();
        foreach (var id in rejectionIds)
        {
            actions.AddRange(await outbox.ListActionsAsync(tenant, id, cancellationToken).ConfigureAwait(false));
        }

        var plans = new List<RejectionPlan>();
        if (preview.Plan is not null)
        {
            plans.Add(preview.Plan);
        }

        plans.AddRange(bulkPlan.Groups.SelectMany(g => g.Plans));
        return new
        {
            plan = plans.Select(p => new
            {
                application = references.GetValueOrDefault(p.Application),
                reason = p.ReasonId,
                bulk = p.CancelUntil == p.PlannedAt,
                cancelUntil = p.CancelUntil,
                actions = p.Actions.Select(a => new
                {
                    index = a.Index,
                    kind = a.Kind,
                    state = a.State,
                    dueAt = a.DueAt,
                    summary = a.Summary,
                    skipReason = a.SkipReason,
                    email = a.Email is null ? null : new { from = a.Email.From, to = a.Email.To, subject = a.Email.Subject, language = a.Email.Language },
                }),
            }),
            rejections = new[] { rejected }.Concat(bulk.Outcomes).Select(o => new { application = references.GetValueOrDefault(o.Application), status = o.Status, rejectionId = o.RejectionId }),
            executed = actions.Where(a => a.State is AutomatedActionState.Done or AutomatedActionState.Failed or AutomatedActionState.Skipped).Select(Row),
            cancelled = cancelled.Select(Row),
            outbox = actions.Where(a => a.State == AutomatedActionState.Pending).OrderBy(a => a.DueAt).Select(Row),
        };

        object Row(OutboxAction a) => new
        {
            kind = a.Kind,
            dueAt = a.DueAt,
            state = a.State,
            application = references.GetValueOrDefault(a.Application),
            rejectionId = a.RejectionId,
            index = a.ActionIndex,
            detail = a.Detail,
        };
    }
}
