using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Recruiting.Testing;

namespace Recruiting.ClientAccess.Tests;

/// <summary>In-memory implementations of the client-access ports and stores, over an <see cref="InMemoryHost"/>.</summary>
public sealed class InMemoryClientAccess : IClientDirectory, IClientCredentialStore, IClientAccessStateStore, INoteReader, IDocumentReader, IInterviewReader, ICandidateProfileEditor, IRejectionAutomationTrigger
{
    private readonly InMemoryHost _host;
    private readonly object _gate = new();

    public InMemoryClientAccess(InMemoryHost host) => _host = host;

    public ConcurrentDictionary<(TenantId, ClientId), ClientInfo> Clients { get; } = new();
    public ConcurrentDictionary<(TenantId, string), ClientInvitationRecord> Invitations { get; } = new();
    public ConcurrentDictionary<(TenantId, string), ClientSessionRecord> Sessions { get; } = new();
    public ConcurrentDictionary<TenantId, ClientAccessSettings> Settings { get; } = new();
    public ConcurrentDictionary<(TenantId, ClientId, JobId), DateTimeOffset> Visits { get; } = new();
    public ConcurrentDictionary<(TenantId, DocumentId), string> DocumentTexts { get; } = new();
    public List<(TenantId Tenant, InterviewInfo Interview)> Interviews { get; } = [];
    public List<(TenantId Tenant, DocumentInfo Document)> ExtraDocuments { get; } = [];
    public List<(TenantId Tenant, NoteInfo Note)> ExtraNotes { get; } = [];
    public List<RejectionRecorded> Rejections { get; } = [];

    public ClientInfo AddClient(TenantId tenant, string id, bool hide, params JobId[] vacancies)
    {
        var client = new ClientInfo { Id = new ClientId(id), Tenant = tenant, Name = "Client " + id, Email = id + "@client.example", HideCandidateContacts = hide, Vacancies = vacancies };
        Clients[(tenant, client.Id)] = client;
        return client;
    }

    // IClientDirectory
    public ValueTask<ClientInfo?> GetClientAsync(TenantId tenant, ClientId client, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Clients.TryGetValue((tenant, client), out var c) ? c : null);

    public ValueTask<ClientInfo?> FindByEmailAsync(TenantId tenant, string email, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Clients.Values.FirstOrDefault(c => c.Tenant == tenant && string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase)));

    public IAsyncEnumerable<ClientInfo> ListClientsAsync(TenantId tenant, CancellationToken cancellationToken = default)
        => Clients.Values.Where(c => c.Tenant == tenant).OrderBy(c => c.Id.Value, StringComparer.Ordinal).AsAsync();

    public IAsyncEnumerable<ClientInfo> ListClientsOfJobAsync(TenantId tenant, JobId job, CancellationToken cancellationToken = default)
        => Clients.Values.Where(c => c.Tenant == tenant && c.Vacancies.Contains(job)).OrderBy(c => c.Id.Value, StringComparer.Ordinal).AsAsync();

    public ValueTask SaveClientAsync(ClientInfo client, CancellationToken cancellationToken = default)
    {
        Clients[(client.Tenant, client.Id)] = client;
        return ValueTask.CompletedTask;
    }

    // IClientCredentialStore
    public ValueTask AddInvitationAsync(ClientInvitationRecord invitation, CancellationToken cancellationToken = default)
    {
        Invitations[(invitation.Tenant, invitation.Id)] = invitation;
        return ValueTask.CompletedTask;
    }

    public ValueTask<ClientInvitationRecord?> GetInvitationAsync(TenantId tenant, string id, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Invitations.TryGetValue((tenant, id), out var i) ? i : null);

    public ValueTask<bool> TryMarkInvitationUsedAsync(TenantId tenant, string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (Invitations.TryGetValue((tenant, id), out var i) && i.UsedAt is null && i.RevokedAt is null)
            {
                Invitations[(tenant, id)] = i with { UsedAt = at };
                return ValueTask.FromResult(true);
            }

            return ValueTask.FromResult(false);
        }
    }

    public ValueTask<int> RevokeInvitationsAsync(TenantId tenant, ClientId client, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var count = 0;
        foreach (var (key, i) in Invitations.ToArray())
        {
            if (i.Tenant == tenant && i.Client == client && i.UsedAt is null && i.RevokedAt is null)
            {
                Invitations[key] = i with { RevokedAt = at };
                count++;
            }
        }

        return ValueTask.FromResult(count);
    }

    public ValueTask AddSessionAsync(ClientSessionRecord session, CancellationToken cancellationToken = default)
    {
        Sessions[(session.Tenant, session.Id)] = session;
        return ValueTask.CompletedTask;
    }

    public ValueTask<ClientSessionRecord?> GetSessionAsync(TenantId tenant, string id, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Sessions.TryGetValue((tenant, id), out var s) ? s : null);

    public ValueTask<int> RevokeSessionsAsync(TenantId tenant, ClientId client, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var count = 0;
        foreach (var (key, s) in Sessions.ToArray())
        {
            if (s.Tenant == tenant && s.Client == client && s.RevokedAt is null)
            {
                Sessions[key] = s with { RevokedAt = at };
                count++;
            }
        }

        return ValueTask.FromResult(count);
    }

    // IClientAccessStateStore
    public ValueTask<ClientAccessSettings?> GetSettingsAsync(TenantId tenant, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Settings.TryGetValue(tenant, out var s) ? s : null);

    public ValueTask SetSettingsAsync(TenantId tenant, ClientAccessSettings settings, CancellationToken cancellationToken = default)
    {
        Settings[tenant] = settings;
        return ValueTask.CompletedTask;
    }

    public ValueTask<DateTimeOffset?> RecordVisitAsync(TenantId tenant, ClientId client, JobId job, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        DateTimeOffset? previous = Visits.TryGetValue((tenant, client, job), out var v) ? v : null;
        Visits[(tenant, client, job)] = at;
        return ValueTask.FromResult(previous);
    }

    // INoteReader: the host's notes plus notes seeded directly.
    public IAsyncEnumerable<NoteInfo> ListNotesAsync(TenantId tenant, ApplicationId application, CancellationToken cancellationToken = default)
    {
        List<NoteInfo> notes;
        lock (_host.Notes)
        {
            notes = _host.Notes.Where(n => n.Tenant == tenant && n.Application == application)
                .Select(n => new NoteInfo(n.Id, n.Application, n.Note.Text, TestServices.Start, n.Note.HiddenFromClients, n.Note.Author, n.Note.Origin)).ToList();
        }

        notes.AddRange(ExtraNotes.Where(n => n.Tenant == tenant && n.Note.Application == application).Select(n => n.Note));
        return notes.AsAsync();
    }

    // IDocumentReader
    public IAsyncEnumerable<DocumentInfo> ListDocumentsAsync(TenantId tenant, ApplicationId application, CancellationToken cancellationToken = default)
        => _host.Documents.Where(d => d.Tenant == tenant && d.Document.Application == application).Select(d => d.Document)
            .Concat(ExtraDocuments.Where(d => d.Tenant == tenant && d.Document.Application == application).Select(d => d.Document)).ToList().AsAsync();

    public ValueTask<string?> ReadTextAsync(TenantId tenant, DocumentId document, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(DocumentTexts.TryGetValue((tenant, document), out var t) ? t : null);

    // IInterviewReader
    public ValueTask<InterviewInfo?> GetInterviewAsync(TenantId tenant, InterviewId interview, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Interviews.Where(i => i.Tenant == tenant && i.Interview.Id == interview).Select(i => i.Interview).FirstOrDefault());

    public IAsyncEnumerable<InterviewInfo> ListInterviewsAsync(TenantId tenant, JobId job, DateTimeOffset periodStart, DateTimeOffset periodEnd, CancellationToken cancellationToken = default)
        => Interviews.Where(i => i.Tenant == tenant && i.Interview.Job == job && i.Interview.StartsAt >= periodStart && i.Interview.StartsAt < periodEnd)
            .Select(i => i.Interview).OrderBy(i => i.StartsAt).ToList().AsAsync();

    // ICandidateProfileEditor
    public ValueTask SetSkillsAndCategoriesAsync(TenantId tenant, CandidateId candidate, IReadOnlyList<string> skills, IReadOnlyList<string> categories, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        if (_host.Candidates.TryGetValue((tenant, candidate), out var c))
        {
            _host.Candidates[(tenant, candidate)] = c with { Profile = c.Profile with { Skills = skills, Categories = categories } };
        }

        return ValueTask.CompletedTask;
    }

    // IRejectionAutomationTrigger
    public ValueTask<bool> OnRejectedAsync(RejectionRecorded rejection, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (Rejections.Any(r => r.RejectionId == rejection.RejectionId))
            {
                return ValueTask.FromResult(false);
            }

            Rejections.Add(rejection);
            return ValueTask.FromResult(true);
        }
    }
}

internal static class AsyncEnumerableExtensions
{
    public static async IAsyncEnumerable<T> AsAsync<T>(this IEnumerable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public static async Task<List<T>> CollectAsync<T>(this IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items.ConfigureAwait(false))
        {
            list.Add(item);
        }

        return list;
    }
}

/// <summary>A service provider with the SDK, client access, an in-memory host and a fake clock, and the demo-like data.</summary>
public sealed class ClientAccessTestHost : IDisposable
{
    public static readonly TenantId Tenant = new("acme");
    public static readonly TenantId OtherTenant = new("globex");

    private readonly ServiceProvider _provider;

    public ClientAccessTestHost(bool registerAutomation = true, Action<ClientAccessOptions>? configure = null)
    {
        Host = new InMemoryHost();
        Access = new InMemoryClientAccess(Host);
        Time = new FakeTimeProvider(TestServices.Start);
        var services = TestServices.Create(Host, Time);
        services.AddSingleton<IClientDirectory>(Access);
        services.AddSingleton<IClientCredentialStore>(Access);
        services.AddSingleton<IClientAccessStateStore>(Access);
        services.AddSingleton<INoteReader>(Access);
        services.AddSingleton<IDocumentReader>(Access);
        services.AddSingleton<IInterviewReader>(Access);
        services.AddSingleton<ICandidateProfileEditor>(Access);
        if (registerAutomation)
        {
            services.AddSingleton<IRejectionAutomationTrigger>(Access);
        }

        services.AddRecruiting().AddClientAccess(o =>
        {
            o.AccessLinkBase = new Uri("https://ats.example/client/accept");
            configure?.Invoke(o);
        });
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public InMemoryHost Host { get; }

    public InMemoryClientAccess Access { get; }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => _provider;

    public ClientPortal Portal => _provider.GetRequiredService<ClientPortal>();

    public ClientAdministration Admin => _provider.GetRequiredService<ClientAdministration>();

    public ClientInvitations Invitations => _provider.GetRequiredService<ClientInvitations>();

    public InterviewNotifications InterviewCopies => _provider.GetRequiredService<InterviewNotifications>();

    /// <summary>Seeds: tenant acme (Asia/Tokyo) with recruiter, two jobs, three candidates; tenant globex with one job and candidate.</summary>
    public ClientAccessTestHost Seed()
    {
        Host.AddTenant(Tenant.Value);
        Host.AddTenant(OtherTenant.Value);
        Host.AddUser(Tenant, "recruiter", "recruiter@acme.example");
        Host.Users[(Tenant, new UserId("recruiter"))] = Host.Users[(Tenant, new UserId("recruiter"))] with { DisplayName = "Kenji Ito", Phone = "+81 3-1234-5678" };
        Host.AddJob(Tenant, "job-1", "Backend engineer", recruiters: [new UserId("recruiter")]);
        Host.AddJob(Tenant, "job-2", "Designer", recruiters: [new UserId("recruiter")]);
        Host.AddJob(OtherTenant, "job-1", "Globex job");
        Host.AddCandidate(Tenant, "cand-1", Profile("Taro Yamada", "taro.yamada@example.jp", "090-1234-5678"));
        Host.AddCandidate(Tenant, "cand-2", Profile("Anna Müller", "anna.mueller@example.de", "+49 151 23456789"));
        Host.AddCandidate(Tenant, "cand-3", Profile("Claire Dubois", "claire@example.fr", "+33 6 12 34 56 78"));
        Host.AddCandidate(OtherTenant, "cand-1", Profile("Other Tenant", "other@example.com", "+44 7700 900123"));
        Host.AddApplication(Tenant, "app-1", "2024-000001", new CandidateId("cand-1"), new JobId("job-1"), stage: new StageId("screening"));
        Host.AddApplication(Tenant, "app-2", "2024-000002", new CandidateId("cand-2"), new JobId("job-1"));
        Host.AddApplication(Tenant, "app-3", "2024-000003", new CandidateId("cand-3"), new JobId("job-2"));
        Host.AddApplication(OtherTenant, "app-1", "2024-000001", new CandidateId("cand-1"), new JobId("job-1"));
        return this;
    }

    public static CandidateProfile Profile(string name, string email, string phone) => new()
    {
        Name = new PersonName(name),
        Emails = [email],
        Phones = [phone],
        Address = new PostalAddress(["1-2-3 Marunouchi, Chiyoda-ku"], "100-0005", "Tokyo", "Tokyo", "JP"),
        Skills = ["C#"],
        Categories = ["Engineering"],
        SocialLinks = ["https://www.linkedin.com/in/" + name.Replace(' ', '-').ToLowerInvariant()],
        MessengerIds = ["telegram:@" + name.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant()],
        ResumeText = $"{name}\nE-mail: {email}  Tel: {phone}\nSoftware engineer since 2019 (2019-2023 at Contoso). Salary 6,000,000 JPY.\nPortfolio: github.com/{name.Split(' ')[0].ToLowerInvariant()}",
    };

    /// <summary>A principal for a client without going through an invitation (the portal re-reads the client anyway).</summary>
    public static ClientPrincipal PrincipalOf(ClientInfo client) => new(client.Tenant, client.Id, "test-session");

    public void Dispose() => _provider.Dispose();
}
