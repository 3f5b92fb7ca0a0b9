using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Recruiting.Testing;

namespace Recruiting.ClientAccess.Tests;

/// <summary>Records the rejections handed to the automation (the Automation package's side of <see cref="IRejectionAutomationTrigger"/>).</summary>
public sealed class RecordingRejectionTrigger : IRejectionAutomationTrigger
{
    private readonly object _gate = new();

    public List<RejectionRecorded> Rejections { get; } = [];

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

/// <summary>
/// A service provider with the SDK and client access, the host's ports from <see cref="InMemoryHost"/>, the SDK's own
/// stores (clients, credentials, settings, visits, idempotency ledger) on a real SQLite file in a temp folder, and a fake clock.
/// </summary>
public sealed class ClientAccessTestHost : IDisposable
{
    public static readonly TenantId Tenant = new("acme");
    public static readonly TenantId OtherTenant = new("globex");

    private readonly TestTempDirectory _directory = new();
    private readonly bool _registerAutomation;
    private readonly Action<ClientAccessOptions>? _configure;
    private readonly Action<IServiceCollection>? _services;
    private ServiceProvider _provider;

    public ClientAccessTestHost(bool registerAutomation = true, Action<ClientAccessOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        Host = new InMemoryHost();
        Automation = new RecordingRejectionTrigger();
        Time = new FakeTimeProvider(TestServices.Start);
        DatabasePath = _directory.File("client-access.db");
        _registerAutomation = registerAutomation;
        _configure = configure;
        _services = services;
        _provider = Build();
    }

    /// <summary>Simulates a restart of the SDK's process after a crash: a new provider over the same SQLite file; the host (its own database) is unchanged.</summary>
    public void Restart()
    {
        _provider.Dispose();
        Host.AfterApply = null;
        Host.BeforeApply = null;
        _provider = Build();
    }

    private ServiceProvider Build()
    {
        var collection = TestServices.Create(Host, Time);
        if (_registerAutomation)
        {
            collection.AddSingleton<IRejectionAutomationTrigger>(Automation);
        }

        _services?.Invoke(collection);
        collection.AddRecruiting().UseSqliteStorage(DatabasePath).AddClientAccess(o =>
        {
            o.AccessLinkBase = new Uri("https://ats.example/client/accept");
            _configure?.Invoke(o);
        });
        return collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public InMemoryHost Host { get; }

    public RecordingRejectionTrigger Automation { get; }

    public FakeTimeProvider Time { get; }

    public string DatabasePath { get; }

    public IServiceProvider Services => _provider;

    public IClientDirectory Clients => _provider.GetRequiredService<IClientDirectory>();

    public IClientAccessStateStore State => _provider.GetRequiredService<IClientAccessStateStore>();

    public IClientCredentialStore Credentials => _provider.GetRequiredService<IClientCredentialStore>();

    public IIdempotencyLedger Ledger => _provider.GetRequiredService<IIdempotencyLedger>();

    public ClientPortal Portal => _provider.GetRequiredService<ClientPortal>();

    public ClientAdministration Admin => _provider.GetRequiredService<ClientAdministration>();

    public ClientInvitations Invitations => _provider.GetRequiredService<ClientInvitations>();

    public InterviewNotifications InterviewCopies => _provider.GetRequiredService<InterviewNotifications>();

    /// <summary>Saves a client straight into the client directory (no invitation).</summary>
    public async Task<ClientInfo> AddClientAsync(TenantId tenant, string id, bool hide, params JobId[] vacancies)
    {
        var client = new ClientInfo { Id = new ClientId(id), Tenant = tenant, Name = "Client " + id, Email = id + "@client.example", HideCandidateContacts = hide, Vacancies = vacancies, CreatedAt = TestServices.Start };
        await Clients.SaveClientAsync(client);
        return client;
    }

    /// <summary>Replaces a client in the directory (for example to block it behind the SDK's back, as a host would).</summary>
    public async Task<ClientInfo> SaveClientAsync(ClientInfo client)
    {
        await Clients.SaveClientAsync(client);
        return client;
    }

    public Task ConfigureAsync(ClientAccessSettings settings, TenantId? tenant = null) => State.SetSettingsAsync(tenant ?? Tenant, settings).AsTask();

    public void AddInterview(TenantId tenant, InterviewInfo interview)
    {
        lock (Host.Interviews)
        {
            Host.Interviews.Add((tenant, interview));
        }
    }

    public void AddNote(TenantId tenant, NoteId id, ApplicationId application, string text, bool hiddenFromClients)
    {
        lock (Host.Notes)
        {
            Host.Notes.Add((tenant, application, id, new NoteRequest(text, null, hiddenFromClients)));
        }
    }

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

    public void Dispose()
    {
        _provider.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
