using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Recruiting.ClientAccess;

namespace Recruiting.Testing;

/// <summary>
/// An in-memory host implementing every port of Abstractions, with the idempotency contract of
/// ARCHITECTURE.md principle 2 (a repeated key returns the first result and changes nothing).
/// Records every effect for assertions and can inject faults after an effect was applied (a "crash").
/// </summary>
public sealed class InMemoryHost :
    IApplicationDirectory, IApplicantIntake, IApplicationHistory, IRecruitingCommands,
    IUserDirectory, IMessageSender, IRecruitingEventSink, ITenantDirectory,
    INoteReader, IDocumentReader, IInterviewReader, ICandidateProfileEditor
{
    private readonly object _gate = new();
    private readonly Dictionary<string, object> _keys = new(StringComparer.Ordinal);
    private int _sequence;

    public ConcurrentDictionary<TenantId, TenantInfo> Tenants { get; } = new();
    public ConcurrentDictionary<(TenantId, UserId), UserInfo> Users { get; } = new();
    public ConcurrentDictionary<(TenantId, JobId), JobInfo> Jobs { get; } = new();
    public ConcurrentDictionary<(TenantId, TalentPoolId), TalentPoolInfo> Pools { get; } = new();
    public ConcurrentDictionary<(TenantId, CandidateId), Candidate> Candidates { get; } = new();
    public ConcurrentDictionary<(TenantId, ApplicationId), ApplicationInfo> Applications { get; } = new();

    public List<(TenantId Tenant, ApplicantIntakeRequest Request, IntakeResult Result)> Intakes { get; } = [];
    public List<(TenantId Tenant, StoredHistoryEntry Entry)> History { get; } = [];
    public List<(TenantId Tenant, DocumentInfo Document, byte[] Content, DocumentUpload Upload)> Documents { get; } = [];
    public List<(TenantId Tenant, ApplicationId Application, NoteId Id, NoteRequest Note)> Notes { get; } = [];
    public List<(TenantId Tenant, ApplicationId Application, TaskId Id, TaskRequest Task)> Tasks { get; } = [];
    public List<(TenantId Tenant, CandidateId Candidate, string Tag, ActionOrigin Origin)> Tags { get; } = [];
    public List<(TenantId Tenant, ApplicationId Application, UserId Follower, ActionOrigin Origin)> Followers { get; } = [];
    public List<(TenantId Tenant, CandidateId Candidate, TalentPoolId Pool, ActionOrigin Origin)> PoolAssignments { get; } = [];
    public List<(TenantId Tenant, EmailMessage Message, IdempotencyKey Key)> Emails { get; } = [];
    public List<(TenantId Tenant, SmsMessage Message, IdempotencyKey Key)> Sms { get; } = [];
    public List<RecruitingEvent> Events { get; } = [];
    public List<(TenantId Tenant, InterviewInfo Interview)> Interviews { get; } = [];

    /// <summary>Gets the number of port calls whose key was already known (answered with the first result).</summary>
    public int RepeatedKeys { get; private set; }

    /// <summary>Called after an effect was applied and before the port returns; return an exception to simulate a crash
    /// at that point (the effect stays applied, the caller sees the failure). Arguments: operation name and key.</summary>
    public Func<string, IdempotencyKey, Exception?>? AfterApply { get; set; }

    /// <summary>Called before an effect is applied; return an exception to simulate a transient or permanent failure.</summary>
    public Func<string, IdempotencyKey, Exception?>? BeforeApply { get; set; }

    public IReadOnlyList<T> EventsOf<T>()
        where T : RecruitingEvent
    {
        lock (_gate)
        {
            return Events.OfType<T>().ToList();
        }
    }

    // ---- seeding -------------------------------------------------------------------------------------------

    public TenantInfo AddTenant(string id, string timeZoneId = "Asia/Tokyo", params string[] notificationAddresses)
    {
        var tenant = new TenantInfo { Id = new TenantId(id), Name = id, TimeZoneId = timeZoneId, NotificationAddresses = notificationAddresses, NotificationSender = $"ats@{id}.example" };
        Tenants[tenant.Id] = tenant;
        return tenant;
    }

    public UserInfo AddUser(TenantId tenant, string id, string email, IEnumerable<string>? permissions = null, IEnumerable<string>? roles = null, bool active = true)
    {
        var user = new UserInfo
        {
            Id = new UserId(id),
            Tenant = tenant,
            Email = email,
            DisplayName = id,
            Permissions = new HashSet<string>(permissions ?? [], StringComparer.Ordinal),
            Roles = new HashSet<string>(roles ?? [], StringComparer.Ordinal),
            IsActive = active,
        };
        Users[(tenant, user.Id)] = user;
        return user;
    }

    public JobInfo AddJob(TenantId tenant, string id, string title, IReadOnlyList<StageInfo>? stages = null, IReadOnlyList<UserId>? recruiters = null)
    {
        var job = new JobInfo(new JobId(id), tenant, title, new HiringFlowId("flow-" + id), stages ?? DefaultStages, recruiters ?? []);
        Jobs[(tenant, job.Id)] = job;
        return job;
    }

    public static IReadOnlyList<StageInfo> DefaultStages { get; } =
    [
        new(new StageId("new"), "New"),
        new(new StageId("screening"), "Screening"),
        new(new StageId("interview"), "Interview"),
        new(new StageId("offer"), "Offer"),
        new(new StageId("rejected"), "Rejected", IsRejected: true),
    ];

    public TalentPoolInfo AddPool(TenantId tenant, string id, string name)
    {
        var pool = new TalentPoolInfo(new TalentPoolId(id), name);
        Pools[(tenant, pool.Id)] = pool;
        return pool;
    }

    public Candidate AddCandidate(TenantId tenant, string id, CandidateProfile profile)
    {
        var candidate = new Candidate(new CandidateId(id), tenant, profile);
        Candidates[(tenant, candidate.Id)] = candidate;
        return candidate;
    }

    public ApplicationInfo AddApplication(TenantId tenant, string id, string reference, CandidateId candidate, JobId? job, IReadOnlyList<UserId>? responsible = null, StageId? stage = null)
    {
        var application = new ApplicationInfo
        {
            Id = new ApplicationId(id),
            Tenant = tenant,
            Reference = new ApplicationReference(reference),
            Candidate = candidate,
            Job = job,
            Stage = stage ?? new StageId("new"),
            ResponsibleUsers = responsible ?? [],
        };
        Applications[(tenant, application.Id)] = application;
        return application;
    }

    /// <summary>Files a document directly (as if a user uploaded it); text content is what <see cref="ReadTextAsync"/> returns for text/* documents.</summary>
    public DocumentInfo AddDocument(TenantId tenant, DocumentInfo document, string content = "")
    {
        ArgumentNullException.ThrowIfNull(document);
        var bytes = System.Text.Encoding.UTF8.GetBytes(content);
        var upload = new DocumentUpload { FileName = document.FileName, ContentType = document.ContentType, Kind = document.Kind, Length = bytes.Length, OpenRead = _ => ValueTask.FromResult<Stream>(new MemoryStream(bytes)) };
        lock (_gate)
        {
            Documents.Add((tenant, document, bytes, upload));
        }

        return document;
    }

    public IServiceCollection Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.RemoveAll<IRecruitingEventSink>();
        services.AddSingleton(this);
        services.AddSingleton<IApplicationDirectory>(this);
        services.AddSingleton<IApplicantIntake>(this);
        services.AddSingleton<IApplicationHistory>(this);
        services.AddSingleton<IRecruitingCommands>(this);
        services.AddSingleton<IUserDirectory>(this);
        services.AddSingleton<IMessageSender>(this);
        services.AddSingleton<IRecruitingEventSink>(this);
        services.AddSingleton<ITenantDirectory>(this);
        services.AddSingleton<INoteReader>(this);
        services.AddSingleton<IDocumentReader>(this);
        services.AddSingleton<IInterviewReader>(this);
        services.AddSingleton<ICandidateProfileEditor>(this);
        return services;
    }

    // ---- idempotency core ----------------------------------------------------------------------------------

    private T Once<T>(string operation, TenantId tenant, IdempotencyKey key, Func<T> apply)
        where T : notnull
    {
        lock (_gate)
        {
            var k = $"{tenant.Value}\u0001{key.Value}";
            if (_keys.TryGetValue(k, out var first))
            {
                RepeatedKeys++;
                return (T)first;
            }

            if (BeforeApply?.Invoke(operation, key) is { } before)
            {
                throw before;
            }

            var result = apply();
            _keys[k] = result;
            if (AfterApply?.Invoke(operation, key) is { } after)
            {
                throw after;
            }

            return result;
        }
    }

    private string Next(string prefix) => $"{prefix}-{Interlocked.Increment(ref _sequence):D6}";

    // ---- IApplicationDirectory -----------------------------------------------------------------------------

    public ValueTask<ApplicationInfo?> FindByReferenceAsync(TenantId tenant, ApplicationReference reference, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Applications.Values.FirstOrDefault(a => a.Tenant == tenant && a.Reference == reference));

    public ValueTask<ApplicationInfo?> GetApplicationAsync(TenantId tenant, ApplicationId application, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Applications.TryGetValue((tenant, application), out var a) ? a : null);

    public ValueTask<Candidate?> GetCandidateAsync(TenantId tenant, CandidateId candidate, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Candidates.TryGetValue((tenant, candidate), out var c) ? c : null);

    public ValueTask<JobInfo?> GetJobAsync(TenantId tenant, JobId job, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Jobs.TryGetValue((tenant, job), out var j) ? j : null);

    public ValueTask<TalentPoolInfo?> GetTalentPoolAsync(TenantId tenant, TalentPoolId pool, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Pools.TryGetValue((tenant, pool), out var p) ? p : null);

    public async IAsyncEnumerable<ApplicationInfo> ListApplicationsAsync(TenantId tenant, JobId job, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var application in Applications.Values.Where(a => a.Tenant == tenant && a.Job == job).OrderBy(a => a.Id.Value, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return application;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    // ---- IApplicantIntake ----------------------------------------------------------------------------------

    public ValueTask<IntakeResult> ImportApplicantAsync(TenantId tenant, ApplicantIntakeRequest request, IdempotencyKey key, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Once("intake", tenant, key, () =>
        {
            var candidate = AddCandidate(tenant, Next("cand"), request.Profile);
            var number = Next("app");
            var application = AddApplication(tenant, number, "IMP-" + number[4..], candidate.Id, request.Job);
            var result = new IntakeResult(application.Id, candidate.Id, application.Reference);
            Intakes.Add((tenant, request, result));
            return result;
        }));

    // ---- IApplicationHistory -------------------------------------------------------------------------------

    public ValueTask<HistoryEntryId> AppendAsync(TenantId tenant, ApplicationId application, HistoryEntry entry, IdempotencyKey key, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Once("history", tenant, key, () =>
        {
            var id = new HistoryEntryId(Next("hist"));
            History.Add((tenant, new StoredHistoryEntry(id, application, entry)));
            return id;
        }));

    public async ValueTask<DocumentId> AddDocumentAsync(TenantId tenant, ApplicationId application, DocumentUpload document, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        lock (_gate)
        {
            if (_keys.TryGetValue($"{tenant.Value}\u0001{key.Value}", out var first))
            {
                RepeatedKeys++;
                return (DocumentId)first;
            }
        }

        // Read the stream outside the lock, as a real host would.
        var stream = await document.OpenRead(cancellationToken).ConfigureAwait(false);
        byte[] content;
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            content = buffer.ToArray();
        }

        return Once("document", tenant, key, () =>
        {
            var id = new DocumentId(Next("doc"));
            Documents.Add((tenant, new DocumentInfo(id, application, document.FileName, document.ContentType, document.Kind), content, document));
            return id;
        });
    }

    public async IAsyncEnumerable<StoredHistoryEntry> ListAsync(TenantId tenant, ApplicationId application, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<StoredHistoryEntry> entries;
        lock (_gate)
        {
            entries = History.Where(h => h.Tenant == tenant && h.Entry.Application == application).Select(h => h.Entry).ToList();
        }

        foreach (var entry in entries)
        {
            yield return entry;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    // ---- IRecruitingCommands -------------------------------------------------------------------------------

    public ValueTask<NoteId> AddNoteAsync(TenantId tenant, ApplicationId application, NoteRequest note, IdempotencyKey key, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Once("note", tenant, key, () =>
        {
            var id = new NoteId(Next("note"));
            Notes.Add((tenant, application, id, note));
            return id;
        }));

    public ValueTask<TaskId> AddTaskAsync(TenantId tenant, ApplicationId application, TaskRequest task, IdempotencyKey key, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Once("task", tenant, key, () =>
        {
            var id = new TaskId(Next("task"));
            Tasks.Add((tenant, application, id, task));
            return id;
        }));

    public ValueTask AddTagsAsync(TenantId tenant, CandidateId candidate, IReadOnlyCollection<string> tags, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        Once("tags", tenant, key, () =>
        {
            foreach (var tag in tags)
            {
                if (!Tags.Any(t => t.Tenant == tenant && t.Candidate == candidate && t.Tag == tag))
                {
                    Tags.Add((tenant, candidate, tag, origin));
                }
            }

            return true;
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask AddFollowersAsync(TenantId tenant, ApplicationId application, IReadOnlyCollection<UserId> followers, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        Once("followers", tenant, key, () =>
        {
            foreach (var follower in followers)
            {
                Followers.Add((tenant, application, follower, origin));
            }

            return true;
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask<ApplicationId> AssignToJobAsync(TenantId tenant, CandidateId candidate, JobId job, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Once("assignJob", tenant, key, () =>
        {
            var number = Next("app");
            return AddApplication(tenant, number, "ASG-" + number[4..], candidate, job).Id;
        }));

    public ValueTask AssignToTalentPoolAsync(TenantId tenant, CandidateId candidate, TalentPoolId pool, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        Once("assignPool", tenant, key, () =>
        {
            PoolAssignments.Add((tenant, candidate, pool, origin));
            return true;
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask MoveToStageAsync(TenantId tenant, ApplicationId application, StageId stage, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        Once("moveStage", tenant, key, () =>
        {
            if (Applications.TryGetValue((tenant, application), out var current))
            {
                Applications[(tenant, application)] = current with { Stage = stage };
            }

            return true;
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask SetStatusAsync(TenantId tenant, ApplicationId application, ApplicationStatus status, string? reason, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        Once("setStatus", tenant, key, () =>
        {
            if (Applications.TryGetValue((tenant, application), out var current))
            {
                Applications[(tenant, application)] = current with { Status = status };
            }

            return true;
        });
        return ValueTask.CompletedTask;
    }

    // ---- IUserDirectory, ITenantDirectory -------------------------------------------------------------------

    public ValueTask<UserInfo?> GetUserAsync(TenantId tenant, UserId user, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Users.TryGetValue((tenant, user), out var u) ? u : null);

    public ValueTask<UserInfo?> FindByEmailAsync(TenantId tenant, string email, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Users.Values.FirstOrDefault(u => u.Tenant == tenant && string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)));

    public ValueTask<TenantInfo?> GetTenantAsync(TenantId tenant, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Tenants.TryGetValue(tenant, out var t) ? t : null);

    // ---- IMessageSender, IRecruitingEventSink --------------------------------------------------------------

    public ValueTask<SendReceipt> SendEmailAsync(TenantId tenant, EmailMessage message, IdempotencyKey key, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Once("email", tenant, key, () =>
        {
            Emails.Add((tenant, message, key));
            return new SendReceipt(Next("mail"));
        }));

    public ValueTask<SendReceipt> SendSmsAsync(TenantId tenant, SmsMessage message, IdempotencyKey key, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Once("sms", tenant, key, () =>
        {
            Sms.Add((tenant, message, key));
            return new SendReceipt(Next("sms"));
        }));

    public ValueTask PublishAsync(RecruitingEvent recruitingEvent, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Events.Add(recruitingEvent);
        }

        EventPublished?.Invoke(recruitingEvent);
        return ValueTask.CompletedTask;
    }

    /// <summary>Called after each event is recorded (for tests that await work done by a hosted service).</summary>
    public Action<RecruitingEvent>? EventPublished { get; set; }

    // ---- client-access host ports: INoteReader, IDocumentReader, IInterviewReader, ICandidateProfileEditor ----

    public async IAsyncEnumerable<NoteInfo> ListNotesAsync(TenantId tenant, ApplicationId application, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<NoteInfo> notes;
        lock (_gate)
        {
            // The fake keeps no clock: every note is dated TestServices.Start, in the order written.
            notes = Notes.Where(n => n.Tenant == tenant && n.Application == application)
                .Select(n => new NoteInfo(n.Id, n.Application, n.Note.Text, TestServices.Start, n.Note.HiddenFromClients, n.Note.Author, n.Note.Origin)).ToList();
        }

        foreach (var note in notes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return note;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async IAsyncEnumerable<DocumentInfo> ListDocumentsAsync(TenantId tenant, ApplicationId application, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<DocumentInfo> documents;
        lock (_gate)
        {
            documents = Documents.Where(d => d.Tenant == tenant && d.Document.Application == application).Select(d => d.Document).ToList();
        }

        foreach (var document in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return document;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public ValueTask<string?> ReadTextAsync(TenantId tenant, DocumentId document, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var found = Documents.FirstOrDefault(d => d.Tenant == tenant && d.Document.Id == document);
            return ValueTask.FromResult(found.Document is not null && found.Document.ContentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
                ? System.Text.Encoding.UTF8.GetString(found.Content)
                : null);
        }
    }

    public ValueTask<InterviewInfo?> GetInterviewAsync(TenantId tenant, InterviewId interview, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(Interviews.Where(i => i.Tenant == tenant && i.Interview.Id == interview).Select(i => i.Interview).FirstOrDefault());
        }
    }

    public async IAsyncEnumerable<InterviewInfo> ListInterviewsAsync(TenantId tenant, JobId job, DateTimeOffset periodStart, DateTimeOffset periodEnd, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<InterviewInfo> interviews;
        lock (_gate)
        {
            interviews = Interviews.Where(i => i.Tenant == tenant && i.Interview.Job == job && i.Interview.StartsAt >= periodStart && i.Interview.StartsAt < periodEnd)
                .Select(i => i.Interview).OrderBy(i => i.StartsAt).ToList();
        }

        foreach (var interview in interviews)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return interview;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public ValueTask SetSkillsAndCategoriesAsync(TenantId tenant, CandidateId candidate, IReadOnlyList<string> skills, IReadOnlyList<string> categories, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        Once("profile", tenant, key, () =>
        {
            if (Candidates.TryGetValue((tenant, candidate), out var current))
            {
                Candidates[(tenant, candidate)] = current with { Profile = current.Profile with { Skills = skills, Categories = categories } };
            }

            return true;
        });
        return ValueTask.CompletedTask;
    }
}
