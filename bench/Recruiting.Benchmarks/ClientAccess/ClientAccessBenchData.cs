using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Recruiting.ClientAccess;
using Recruiting.ClientAccess.Redaction;

namespace Recruiting.Benchmarks.ClientAccess;

/// <summary>A host answering from memory, indexed the way an ATS database would be: 100,000 applications across 2,000 vacancies.</summary>
internal sealed class MemoryHost : IApplicationDirectory, IClientDirectory, IClientAccessStateStore, ITenantDirectory, IRecruitingCommands, INotifier
{
    public static readonly TenantId Tenant = new("bench");

    private readonly Dictionary<JobId, List<ApplicationInfo>> _byJob = [];
    private readonly Dictionary<ApplicationId, ApplicationInfo> _applications = [];
    private readonly Dictionary<CandidateId, Candidate> _candidates = [];
    private readonly Dictionary<JobId, JobInfo> _jobs = [];
    private readonly Dictionary<ClientId, ClientInfo> _clients = [];

    public MemoryHost(int vacancies = 2_000, int applications = 100_000)
    {
        var random = new Random(42);
        for (var j = 0; j < vacancies; j++)
        {
            var job = new JobInfo(new JobId($"job-{j}"), Tenant, $"Vacancy {j}", null,
                [new(new StageId("new"), "New"), new(new StageId("interview"), "Interview"), new(new StageId("rejected"), "Rejected", true)], [new UserId("recruiter")]);
            _jobs[job.Id] = job;
            _byJob[job.Id] = [];
        }

        for (var i = 0; i < applications; i++)
        {
            var candidate = new Candidate(new CandidateId($"cand-{i}"), Tenant, Profile(i, pages: 1));
            _candidates[candidate.Id] = candidate;
            var application = new ApplicationInfo
            {
                Id = new ApplicationId($"app-{i}"),
                Tenant = Tenant,
                Reference = new ApplicationReference($"2024-{i:D6}"),
                Candidate = candidate.Id,
                Job = new JobId($"job-{random.Next(vacancies)}"),
                Stage = new StageId("new"),
                AppliedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
            };
            _applications[application.Id] = application;
            _byJob[application.Job!.Value].Add(application);
        }
    }

    public void AddClient(ClientInfo client) => _clients[client.Id] = client;

    public static CandidateProfile Profile(int i, int pages)
    {
        var email = $"candidate.{i}@example.jp";
        var phone = $"090-{1000 + (i % 9000)}-{(i * 7) % 10000:D4}";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Candidate {i}\nE-mail: {email}   Phone: {phone}\nhttps://www.linkedin.com/in/candidate-{i}\n\n");
        string[] paragraphs =
        [
            "2019-2023 Senior software engineer at Contoso K.K., Tokyo. Led a team of 6 engineers building a payments platform on .NET and SQL Server; cut batch time from 4 hours to 25 minutes.",
            "2015/04 - 2019/03 Software engineer at Fabrikam Inc. Built REST APIs in C#, migrated 1,200,000 customer records, on-call rotation, code reviews, mentoring of 3 juniors.",
            "Education: B.Sc. Computer Science, Osaka University (2011-2015). JLPT N1, TOEIC 905. Certifications: AZ-204, AWS SAA.",
            "Skills: C#, ASP.NET Core, Entity Framework, SQL Server, PostgreSQL, Redis, Docker, Kubernetes, Azure, Terraform, GitHub Actions, TypeScript, React.",
            "Projects: real-time fraud scoring (p99 12 ms), event sourcing for order history, multi-tenant SaaS billing, Japanese address normalisation library.",
        ];
        var target = pages * 3_000;
        var p = 0;
        while (text.Length < target)
        {
            text.Append(paragraphs[p++ % paragraphs.Length]).Append("\n\n");
            if (p == 7)
            {
                text.Append(CultureInfo.InvariantCulture, $"References available on request: +81 3-5555-{i % 10000:D4} (former manager). Personal site www.candidate{i}.dev\n\n");
            }
        }

        return new CandidateProfile
        {
            Name = new PersonName($"Candidate {i}"),
            Emails = [email],
            Phones = [phone],
            Address = new PostalAddress([$"{i % 9 + 1}-2-3 Marunouchi, Chiyoda-ku"], "100-0005", "Tokyo", Country: "JP"),
            SocialLinks = [$"https://www.linkedin.com/in/candidate-{i}"],
            Skills = ["C#", "SQL"],
            Categories = ["Engineering"],
            ResumeText = text.ToString(),
        };
    }

    public ValueTask<ApplicationInfo?> FindByReferenceAsync(TenantId tenant, ApplicationReference reference, CancellationToken cancellationToken = default) => ValueTask.FromResult<ApplicationInfo?>(null);

    public ValueTask<ApplicationInfo?> GetApplicationAsync(TenantId tenant, ApplicationId application, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(tenant == Tenant && _applications.TryGetValue(application, out var a) ? a : null);

    public ValueTask<Candidate?> GetCandidateAsync(TenantId tenant, CandidateId candidate, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(tenant == Tenant && _candidates.TryGetValue(candidate, out var c) ? c : null);

    public ValueTask<JobInfo?> GetJobAsync(TenantId tenant, JobId job, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(tenant == Tenant && _jobs.TryGetValue(job, out var j) ? j : null);

    public ValueTask<TalentPoolInfo?> GetTalentPoolAsync(TenantId tenant, TalentPoolId pool, CancellationToken cancellationToken = default) => ValueTask.FromResult<TalentPoolInfo?>(null);

    public async IAsyncEnumerable<ApplicationInfo> ListApplicationsAsync(TenantId tenant, JobId job, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (tenant == Tenant && _byJob.TryGetValue(job, out var list))
        {
            foreach (var application in list)
            {
                yield return application;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public ValueTask<ClientInfo?> GetClientAsync(TenantId tenant, ClientId client, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(_clients.TryGetValue(client, out var c) && c.Tenant == tenant ? c : null);

    public ValueTask<ClientInfo?> FindByEmailAsync(TenantId tenant, string email, CancellationToken cancellationToken = default) => ValueTask.FromResult<ClientInfo?>(null);

    public IAsyncEnumerable<ClientInfo> ListClientsAsync(TenantId tenant, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<ClientInfo> ListClientsOfJobAsync(TenantId tenant, JobId job, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask SaveClientAsync(ClientInfo client, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<ClientAccessSettings?> GetSettingsAsync(TenantId tenant, CancellationToken cancellationToken = default) => ValueTask.FromResult<ClientAccessSettings?>(null);

    public ValueTask SetSettingsAsync(TenantId tenant, ClientAccessSettings settings, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<DateTimeOffset?> RecordVisitAsync(TenantId tenant, ClientId client, JobId job, DateTimeOffset at, CancellationToken cancellationToken = default) => ValueTask.FromResult<DateTimeOffset?>(null);

    public ValueTask<bool> TryClaimReadNoticeAsync(TenantId tenant, ClientId client, JobId job, DateTimeOffset at, TimeSpan period, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

    public ValueTask ReleaseReadNoticeAsync(TenantId tenant, ClientId client, JobId job, DateTimeOffset at, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask<TenantInfo?> GetTenantAsync(TenantId tenant, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<TenantInfo?>(new TenantInfo { Id = tenant, Name = "Bench", TimeZoneId = "Asia/Tokyo" });

    public ValueTask<NoteId> AddNoteAsync(TenantId tenant, ApplicationId application, NoteRequest note, IdempotencyKey key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<TaskId> AddTaskAsync(TenantId tenant, ApplicationId application, TaskRequest task, IdempotencyKey key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask AddTagsAsync(TenantId tenant, CandidateId candidate, IReadOnlyCollection<string> tags, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask AddFollowersAsync(TenantId tenant, ApplicationId application, IReadOnlyCollection<UserId> followers, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<ApplicationId> AssignToJobAsync(TenantId tenant, CandidateId candidate, JobId job, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask AssignToTalentPoolAsync(TenantId tenant, CandidateId candidate, TalentPoolId pool, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask MoveToStageAsync(TenantId tenant, ApplicationId application, StageId stage, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask SetStatusAsync(TenantId tenant, ApplicationId application, ApplicationStatus status, string? reason, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask NotifyAsync(Notification notification, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ClientPortal CreatePortal()
    {
        var options = Options.Create(new ClientAccessOptions { AccessLinkBase = new Uri("https://bench.example/accept") });
        var redactor = new ContactRedactor(options.Value.PhoneRegions);
        return new ClientPortal(this, this, this, this, NoLedger.Instance, this, this, new EventPublisher([], NullLogger<EventPublisher>.Instance), TimeProvider.System, options,
            new ClientAccessEvaluator(ClientAccessEvaluator.DefaultHandlers), new ClientViewBuilder(redactor), new ClientAccessMetrics(), NullLogger<ClientPortal>.Instance);
    }
}

/// <summary>The candidate-list benchmark performs no action, so it needs no ledger.</summary>
internal sealed class NoLedger : IIdempotencyLedger
{
    public static readonly NoLedger Instance = new();

    public ValueTask<LedgerEntry> BeginAsync(TenantId tenant, IdempotencyKey key, string operation, string? payload = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask CompleteAsync(TenantId tenant, IdempotencyKey key, string? result, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<LedgerEntry?> GetAsync(TenantId tenant, IdempotencyKey key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<LedgerEntry> ListPendingAsync(string operation, TenantId? tenant = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
