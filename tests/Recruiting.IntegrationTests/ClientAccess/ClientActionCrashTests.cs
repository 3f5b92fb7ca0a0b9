using Microsoft.Extensions.DependencyInjection;
using Recruiting.ClientAccess;
using Recruiting.Samples.Console;
using Recruiting.Samples.Console.Ats;
using Recruiting.Testing;

namespace Recruiting.IntegrationTests.ClientAccess;

/// <summary>
/// ARCHITECTURE.md principle 2 for client actions, on the sample host's two SQLite files (the SDK's and the ATS's):
/// the process dies after the ATS filed a client's note and before the SDK's ledger marked it done; on restart the
/// start-up replay completes it and the client's retry gets the first result — one note, one notification.
/// </summary>
public sealed class ClientActionCrashTests : IDisposable
{
    private const string NoteText = "Please schedule a second interview.";
    private static readonly ApplicationId Application = new("app-demo-106");
    private readonly TestTempDirectory _directory = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task ProcessDiesBetweenTheHostCallAndTheLedgerMark_RestartCompletesIt_Once()
    {
        var database = _directory.File("crash.db");
        var tenant = SampleHost.DemoTenant;
        var request = new AddClientNote(Application, NoteText, "note-42");
        ClientPrincipal principal;
        IdempotencyKey key;

        using (var host = SampleHost.Build(database, configure: s => s.AddSingleton<IRecruitingCommands>(sp => new DiesAfterFilingANote(sp.GetRequiredService<MiniAts>()))))
        {
            await host.StartAsync();
            var services = host.Services;
            var added = await services.GetRequiredService<ClientAdministration>().AddClientAsync(tenant, new NewClient
            {
                Name = "Client K.K.",
                Email = "crash@customer.example",
                HideCandidateContacts = true,
                Vacancies = [DemoTenantSeed.DemoJob],
            }, DemoTenantSeed.Recruiter);
            var token = Uri.UnescapeDataString(added.Invitation!.Link.Query.Split("token=")[1]);
            principal = (await services.GetRequiredService<ClientInvitations>().RedeemAsync(tenant, token)).Session!.Principal;
            key = IdempotencyKey.Create("client-action", principal.Client.Value, "addNote", request.RequestId);

            var perform = async () => await services.GetRequiredService<ClientPortal>().PerformAsync(principal, request);

            await perform.Should().ThrowAsync<SimulatedCrashException>();
            (await services.GetRequiredService<IIdempotencyLedger>().GetAsync(tenant, key))!.State.Should().Be(LedgerState.Pending);
            (await ClientNotesAsync(services, tenant)).Should().ContainSingle("the ATS filed the note before the process died");
            (await NoteNotificationsAsync(services, tenant)).Should().Be(0);
            await host.StopAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using (var restarted = SampleHost.Build(database))
        {
            await restarted.StartAsync();
            var services = restarted.Services;
            var portal = services.GetRequiredService<ClientPortal>();

            // The start-up replay already completed it: nothing is pending, and the client's retry changes nothing.
            (await services.GetRequiredService<IIdempotencyLedger>().GetAsync(tenant, key))!.State.Should().Be(LedgerState.Done);
            (await portal.ReplayPendingActionsAsync(tenant)).Should().Be(0);
            var retry = await portal.PerformAsync(principal, request);

            var note = (await ClientNotesAsync(services, tenant)).Should().ContainSingle().Subject;
            retry.Succeeded.Should().BeTrue();
            retry.NoteId.Should().Be(note.Id);
            note.Author.Should().BeNull("a client is not one of the ATS's users");
            note.Origin!.Actor.Should().Be(new UserId("client:" + principal.Client.Value), "the ATS keeps which client wrote the note");
            (await services.GetRequiredService<IIdempotencyLedger>().GetAsync(tenant, key))!.State.Should().Be(LedgerState.Done);
            (await NoteNotificationsAsync(services, tenant)).Should().BeGreaterThan(0).And.Be(await RecruiterCountAsync(services, tenant), "one notification per recruiter, not one per attempt");
            await restarted.StopAsync();
        }
    }

    private static async Task<List<NoteInfo>> ClientNotesAsync(IServiceProvider services, TenantId tenant)
    {
        var notes = new List<NoteInfo>();
        await foreach (var note in services.GetRequiredService<INoteReader>().ListNotesAsync(tenant, Application))
        {
            if (note.Text == NoteText)
            {
                notes.Add(note);
            }
        }

        return notes;
    }

    private static async Task<int> NoteNotificationsAsync(IServiceProvider services, TenantId tenant)
    {
        var count = 0;
        await foreach (var message in services.GetRequiredService<MiniAts>().ListMessagesAsync(tenant))
        {
            if (message.Subject?.Contains("added a note", StringComparison.Ordinal) == true)
            {
                count++;
            }
        }

        return count;
    }

    private static async Task<int> RecruiterCountAsync(IServiceProvider services, TenantId tenant)
    {
        var directory = services.GetRequiredService<IApplicationDirectory>();
        var job = await directory.GetJobAsync(tenant, DemoTenantSeed.DemoJob);
        if (job?.Recruiters is { Count: > 0 } recruiters)
        {
            return recruiters.Count;
        }

        return (await directory.GetApplicationAsync(tenant, Application))!.ResponsibleUsers.Count;
    }

    private sealed class SimulatedCrashException() : Exception("The process died here.");

    /// <summary>The ATS, except that the process dies right after a note was filed (the ATS keeps it).</summary>
    private sealed class DiesAfterFilingANote(MiniAts ats) : IRecruitingCommands
    {
        public async ValueTask<NoteId> AddNoteAsync(TenantId tenant, ApplicationId application, NoteRequest note, IdempotencyKey key, CancellationToken cancellationToken = default)
        {
            await ats.AddNoteAsync(tenant, application, note, key, cancellationToken);
            throw new SimulatedCrashException();
        }

        public ValueTask<TaskId> AddTaskAsync(TenantId tenant, ApplicationId application, TaskRequest task, IdempotencyKey key, CancellationToken cancellationToken = default) => ats.AddTaskAsync(tenant, application, task, key, cancellationToken);

        public ValueTask AddTagsAsync(TenantId tenant, CandidateId candidate, IReadOnlyCollection<string> tags, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default) => ats.AddTagsAsync(tenant, candidate, tags, origin, key, cancellationToken);

        public ValueTask AddFollowersAsync(TenantId tenant, ApplicationId application, IReadOnlyCollection<UserId> followers, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default) => ats.AddFollowersAsync(tenant, application, followers, origin, key, cancellationToken);

        public ValueTask<ApplicationId> AssignToJobAsync(TenantId tenant, CandidateId candidate, JobId job, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default) => ats.AssignToJobAsync(tenant, candidate, job, origin, key, cancellationToken);

        public ValueTask AssignToTalentPoolAsync(TenantId tenant, CandidateId candidate, TalentPoolId pool, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default) => ats.AssignToTalentPoolAsync(tenant, candidate, pool, origin, key, cancellationToken);

        public ValueTask MoveToStageAsync(TenantId tenant, ApplicationId application, StageId stage, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default) => ats.MoveToStageAsync(tenant, application, stage, origin, key, cancellationToken);

        public ValueTask SetStatusAsync(TenantId tenant, ApplicationId application, ApplicationStatus status, string? reason, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default) => ats.SetStatusAsync(tenant, application, status, reason, origin, key, cancellationToken);
    }
}
