using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Recruiting.ClientAccess;
using Recruiting.Testing;

namespace Recruiting.Storage.Sqlite.Tests.ClientAccess;

public sealed class SqliteClientAccessStoresTests : IDisposable
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly TenantId Other = new("globex");
    private readonly TestTempDirectory _temp = new();
    private readonly InMemoryHost _host = new();
    private readonly FakeTimeProvider _time = new(TestServices.Start);

    private ServiceProvider Open()
    {
        var services = TestServices.Create(_host, _time);
        services.AddRecruiting().UseSqliteStorage(_temp.File("store.db")).AddClientAccess(o => o.AccessLinkBase = new Uri("https://ats.example/accept"));
        return services.BuildServiceProvider();
    }

    private static ClientInfo Client(TenantId tenant, string id, string email, params string[] jobs) => new()
    {
        Id = new ClientId(id), Tenant = tenant, Name = "Name " + id, Email = email, Kind = ClientKind.Internal, HideCandidateContacts = true,
        Vacancies = jobs.Select(j => new JobId(j)).ToArray(), CreatedAt = TestServices.Start, CreatedBy = new UserId("recruiter"),
    };

    [Fact]
    public async Task ClientDirectory_RoundTripsClientsAndVacancyLinks_ScopedByTenant()
    {
        using (var provider = Open())
        {
            var directory = provider.GetRequiredService<IClientDirectory>();
            await directory.SaveClientAsync(Client(Tenant, "c1", "Boss@Customer.example", "job-2", "job-1"));
            await directory.SaveClientAsync(Client(Tenant, "c2", "other@customer.example", "job-1"));
            await directory.SaveClientAsync(Client(Other, "c1", "boss@customer.example", "job-9"));
        }

        using (var reopened = Open())
        {
            var directory = reopened.GetRequiredService<IClientDirectory>();
            var c1 = await directory.GetClientAsync(Tenant, new ClientId("c1"));
            c1.Should().BeEquivalentTo(Client(Tenant, "c1", "Boss@Customer.example", "job-2", "job-1"), o => o.WithStrictOrdering());
            (await directory.FindByEmailAsync(Tenant, "boss@customer.EXAMPLE"))!.Id.Should().Be(new ClientId("c1"));
            (await directory.FindByEmailAsync(Other, "boss@customer.example"))!.Vacancies.Should().Equal(new JobId("job-9"));
            (await ToListAsync(directory.ListClientsOfJobAsync(Tenant, new JobId("job-1")))).Select(c => c.Id.Value).Should().Equal("c1", "c2");
            (await ToListAsync(directory.ListClientsOfJobAsync(Tenant, new JobId("job-9")))).Should().BeEmpty();
            (await ToListAsync(directory.ListClientsAsync(Other))).Should().ContainSingle();

            await directory.SaveClientAsync(c1! with { Status = ClientStatus.Blocked, Vacancies = [new JobId("job-3")] });
            var changed = await directory.GetClientAsync(Tenant, new ClientId("c1"));
            changed!.Status.Should().Be(ClientStatus.Blocked);
            changed.Vacancies.Should().Equal(new JobId("job-3"));
        }
    }

    [Fact]
    public async Task CredentialStore_MarksAnInvitationUsedOnce_AndRevokes()
    {
        using var provider = Open();
        var store = provider.GetRequiredService<IClientCredentialStore>();
        var invitation = new ClientInvitationRecord("inv1", Tenant, new ClientId("c1"), "hash", TestServices.Start, TestServices.Start.AddDays(7), new UserId("recruiter"));
        await store.AddInvitationAsync(invitation);
        await store.AddInvitationAsync(invitation with { Id = "inv2" });

        (await store.TryMarkInvitationUsedAsync(Tenant, "inv1", TestServices.Start)).Should().BeTrue();
        (await store.TryMarkInvitationUsedAsync(Tenant, "inv1", TestServices.Start)).Should().BeFalse();
        (await store.TryMarkInvitationUsedAsync(Other, "inv2", TestServices.Start)).Should().BeFalse();
        (await store.RevokeInvitationsAsync(Tenant, new ClientId("c1"), TestServices.Start)).Should().Be(1);
        (await store.TryMarkInvitationUsedAsync(Tenant, "inv2", TestServices.Start)).Should().BeFalse();
        (await store.GetInvitationAsync(Tenant, "inv1")).Should().Be(invitation with { UsedAt = TestServices.Start });
        (await store.GetInvitationAsync(Other, "inv1")).Should().BeNull();

        var session = new ClientSessionRecord("s1", Tenant, new ClientId("c1"), "shash", TestServices.Start, TestServices.Start.AddHours(12));
        await store.AddSessionAsync(session);
        (await store.RevokeSessionsAsync(Tenant, new ClientId("c1"), TestServices.Start.AddHours(1))).Should().Be(1);
        (await store.GetSessionAsync(Tenant, "s1")).Should().Be(session with { RevokedAt = TestServices.Start.AddHours(1) });
    }

    [Fact]
    public async Task StateStore_KeepsSettingsAndVisits()
    {
        using var provider = Open();
        var state = provider.GetRequiredService<IClientAccessStateStore>();
        var settings = new ClientAccessSettings { AllowedStages = [new StageId("interview")], RejectedByClientReason = "client", RunAutomationOnClientRejection = true, InterviewCopies = InterviewCopyMode.OptIn };

        (await state.GetSettingsAsync(Tenant)).Should().BeNull();
        await state.SetSettingsAsync(Tenant, settings);
        (await state.GetSettingsAsync(Tenant)).Should().BeEquivalentTo(settings);
        (await state.GetSettingsAsync(Other)).Should().BeNull();

        (await state.RecordVisitAsync(Tenant, new ClientId("c1"), new JobId("j"), TestServices.Start)).Should().BeNull();
        (await state.RecordVisitAsync(Tenant, new ClientId("c1"), new JobId("j"), TestServices.Start.AddHours(1))).Should().Be(TestServices.Start);
        (await state.RecordVisitAsync(Other, new ClientId("c1"), new JobId("j"), TestServices.Start)).Should().BeNull();
    }

    [Fact]
    public async Task StateStore_ClaimsReadNotices_OncePerClientVacancyAndPeriod()
    {
        using var provider = Open();
        var state = provider.GetRequiredService<IClientAccessStateStore>();
        var day = TimeSpan.FromDays(1);
        var c1 = new ClientId("c1");
        var job = new JobId("j");

        (await state.TryClaimReadNoticeAsync(Tenant, c1, job, TestServices.Start, day)).Should().BeTrue();
        (await state.TryClaimReadNoticeAsync(Tenant, c1, job, TestServices.Start.AddHours(23), day)).Should().BeFalse();
        (await state.TryClaimReadNoticeAsync(Tenant, c1, new JobId("other"), TestServices.Start.AddHours(23), day)).Should().BeTrue();
        (await state.TryClaimReadNoticeAsync(Tenant, new ClientId("c2"), job, TestServices.Start.AddHours(23), day)).Should().BeTrue();
        (await state.TryClaimReadNoticeAsync(Other, c1, job, TestServices.Start.AddHours(23), day)).Should().BeTrue();
        (await state.TryClaimReadNoticeAsync(Tenant, c1, job, TestServices.Start.AddDays(1), day)).Should().BeTrue("a period after the last notice");
        (await state.TryClaimReadNoticeAsync(Tenant, c1, job, TestServices.Start.AddDays(1.5), day)).Should().BeFalse("the mark moved to the last notice");

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await state.TryClaimReadNoticeAsync(Tenant, c1, job, TestServices.Start.AddDays(3), day))));
        claims.Count(c => c).Should().Be(1, "concurrent reads claim one notice");
    }

    [Fact]
    public async Task EndToEnd_OnTheSqliteStore_AddInviteRedeemBlock()
    {
        _host.AddTenant(Tenant.Value);
        _host.AddUser(Tenant, "recruiter", "recruiter@acme.example");
        _host.AddJob(Tenant, "job-1", "Engineer", recruiters: [new UserId("recruiter")]);
        _host.AddCandidate(Tenant, "cand-1", new CandidateProfile { Name = new PersonName("Taro"), Emails = ["taro@example.jp"], ResumeText = "Mail taro@example.jp" });
        _host.AddApplication(Tenant, "app-1", "2024-1", new CandidateId("cand-1"), new JobId("job-1"));
        using var provider = Open();
        var admin = provider.GetRequiredService<ClientAdministration>();
        var invitations = provider.GetRequiredService<ClientInvitations>();
        var portal = provider.GetRequiredService<ClientPortal>();

        var added = await admin.AddClientAsync(Tenant, new NewClient { Name = "Sato", Email = "sato@customer.example", HideCandidateContacts = true, Vacancies = [new JobId("job-1")] }, new UserId("recruiter"));
        var token = Uri.UnescapeDataString(added.Invitation!.Link.Query.Split("token=")[1]);
        var session = (await invitations.RedeemAsync(Tenant, token)).Session!;
        var view = await portal.GetCandidateViewAsync(session.Principal, new CandidateId("cand-1"));
        (await invitations.RedeemAsync(Tenant, token)).Refusal.Should().Be(TokenRefusal.Used);
        await admin.BlockAsync(Tenant, added.Client!.Id);

        view.Value!.ResumeText.Should().Be("Mail [e-mail hidden]");
        (await invitations.AuthenticateAsync(Tenant, session.SessionToken)).Refusal.Should().Be(TokenRefusal.Revoked);
        (await portal.GetCandidateViewAsync(session.Principal, new CandidateId("cand-1"))).Refusal.Should().Be(ClientRefusal.ClientBlocked);
        (await admin.AddClientAsync(Tenant, new NewClient { Name = "Dup", Email = "SATO@customer.example" }, new UserId("recruiter"))).Errors.Should().Equal(ClientValidationError.EmailTaken);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
