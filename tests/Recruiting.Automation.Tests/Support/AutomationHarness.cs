using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Recruiting.Automation;
using Recruiting.Testing;

namespace Recruiting.Automation.Tests;

/// <summary>An in-memory host, a fake clock and the real SQLite store in a temp folder, wired through DI as a host would.</summary>
internal sealed class AutomationHarness : IDisposable
{
    public static readonly TenantId Tenant = new("acme");
    public static readonly UserId Recruiter = new("recruiter");
    public static readonly UserId Admin = new("admin");
    public static readonly UserId Limited = new("limited");
    public static readonly UserId Hr = new("hr");
    public static readonly UserId Gone = new("gone");
    public static readonly JobId Job = new("dev");
    public static readonly JobId OtherJob = new("ops");
    public static readonly TalentPoolId Pool = new("silver");

    public static readonly string[] AllActionPermissions =
    [
        Permissions.Reject, Permissions.SendEmail, Permissions.AddNotes, Permissions.AddTasks, Permissions.Tag, Permissions.ManageFollowers, Permissions.Assign,
    ];

    private readonly TestTempDirectory _temp;
    private int _applications;

    public AutomationHarness(Action<RejectionAutomationOptions>? configure = null, TestTempDirectory? sharedTemp = null, InMemoryHost? sharedHost = null, FakeTimeProvider? sharedTime = null)
    {
        _temp = sharedTemp ?? new TestTempDirectory();
        OwnsTemp = sharedTemp is null;
        Time = sharedTime ?? new FakeTimeProvider(TestServices.Start);
        Host = sharedHost ?? Seed(new InMemoryHost());
        var services = TestServices.Create(Host, Time);
        services.AddRecruiting()
            .UseSqliteStorage(_temp.File("recruiting.db"))
            .AddRejectionAutomation(o =>
            {
                o.RetryDelay = TimeSpan.Zero;
                configure?.Invoke(o);
            });
        Provider = services.BuildServiceProvider();
    }

    public bool OwnsTemp { get; }

    public TestTempDirectory Temp => _temp;

    public FakeTimeProvider Time { get; }

    public InMemoryHost Host { get; }

    public ServiceProvider Provider { get; }

    public IRejectionAutomation Automation => Provider.GetRequiredService<IRejectionAutomation>();

    public IRejectionRuleEditor Rules => Provider.GetRequiredService<IRejectionRuleEditor>();

    public IRejectionDispatcher Dispatcher => Provider.GetRequiredService<IRejectionDispatcher>();

    public IRejectionOutboxStore Outbox => Provider.GetRequiredService<IRejectionOutboxStore>();

    /// <summary>A second "process" on the same database file, host and clock (the first one died).</summary>
    public AutomationHarness Restart(Action<RejectionAutomationOptions>? configure = null) => new(configure, _temp, Host, Time);

    public static InMemoryHost Seed(InMemoryHost host)
    {
        var tenant = host.AddTenant(Tenant.Value, "Asia/Tokyo");
        host.Tenants[Tenant] = tenant with { Name = "Acme K.K.", DefaultLanguage = "en" };
        host.AddUser(Tenant, Recruiter.Value, "recruiter@acme.example", AllActionPermissions);
        host.AddUser(Tenant, Admin.Value, "admin@acme.example", [Permissions.ManageAutomaticActions, Permissions.EditJobs, .. AllActionPermissions]);
        host.AddUser(Tenant, Limited.Value, "limited@acme.example", [Permissions.Reject, Permissions.AddNotes]);
        host.AddUser(Tenant, Hr.Value, "hr@acme.example", AllActionPermissions);
        host.AddUser(Tenant, Gone.Value, "gone@acme.example", AllActionPermissions, active: false);
        host.AddJob(Tenant, Job.Value, "Backend Developer");
        host.AddJob(Tenant, OtherJob.Value, "Operations Engineer");
        host.AddPool(Tenant, Pool.Value, "Silver medalists");
        return host;
    }

    /// <summary>Adds a candidate with an application to the demo job.</summary>
    public ApplicationInfo AddApplication(string name = "Hana Sato", string? email = "hana@example.jp", string? language = "en", JobId? job = null, bool unsolicited = false)
    {
        var n = Interlocked.Increment(ref _applications);
        var candidate = Host.AddCandidate(Tenant, $"cand-{n}", new CandidateProfile
        {
            Name = new PersonName(name, name.Split(' ').Last(), name.Split(' ')[0]),
            Emails = email is null ? [] : [email],
            Language = language,
        });
        return Host.AddApplication(Tenant, $"app-{n}", $"2024-{n:D6}", candidate.Id, unsolicited ? null : job ?? Job);
    }

    public static SendEmailAction Email(SendTimingMode timing = SendTimingMode.Now, TimeSpan? delay = null, UserId? fixedSender = null) => new()
    {
        Templates =
        [
            new EmailTemplateVariant("en", "Your application for {{job.title}}", "<p>Dear {{candidate.name}},</p><p>thank you for applying to {{company.name}}. Regards, {{sender.name}}</p>"),
            new EmailTemplateVariant("ja", "{{job.title}}へのご応募について", "<p>{{candidate.name}} 様</p><p>{{company.name}}</p>"),
        ],
        Timing = timing,
        Delay = delay,
        Sender = fixedSender is null ? EmailSenderMode.ActingUser : EmailSenderMode.FixedMember,
        SenderMember = fixedSender,
    };

    public static RejectionReasonRule Rule(string id, params AutomatedActionDefinition[] actions) => new() { ReasonId = id, Name = id.Replace('-', ' '), Actions = actions };

    /// <summary>The five-action rule the demo and most tests use.</summary>
    public static RejectionReasonRule FullRule(string id = "no-experience") => Rule(
        id,
        Email(),
        new AddNoteAction { Text = "Rejected for {{reason.name}}" },
        new AddTaskAction { Title = "Follow up {{candidate.name}}", Assignee = Hr, DueAfter = TimeSpan.FromDays(3) },
        new AddTagsAction { Tags = ["rejected", "silver"] },
        new AssignToTalentPoolAction { Pool = Pool });

    public async Task<RejectionReasonRule> SaveRuleAsync(RejectionReasonRule rule)
    {
        var current = await Rules.GetAsync(Tenant, rule.ReasonId);
        var result = await Rules.SaveAsync(Tenant, Admin, rule, current?.Version ?? 0);
        result.Status.Should().Be(RuleSaveStatus.Saved, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Rule!;
    }

    public Task<RejectionOutcome> RejectAsync(ApplicationInfo application, string reason, UserId? actor = null, string? requestId = null, int? expectedVersion = null, bool withActions = true)
        => Automation.RejectAsync(new RejectionRequest
        {
            Tenant = Tenant,
            Application = application.Id,
            ReasonId = reason,
            Actor = actor ?? Recruiter,
            RequestId = requestId,
            ExpectedRuleVersion = expectedVersion,
            WithActions = withActions,
        }).AsTask();

    public void Dispose()
    {
        Provider.Dispose();
        if (OwnsTemp)
        {
            _temp.Dispose();
        }
    }
}
