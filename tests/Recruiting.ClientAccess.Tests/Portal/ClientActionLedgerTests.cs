using Microsoft.Extensions.DependencyInjection;

namespace Recruiting.ClientAccess.Tests.Portal;

/// <summary>
/// Client actions follow ARCHITECTURE.md principle 2 on a real SQLite file: ledger pending → host call with the key →
/// ledger done; a repeat returns the first result; a crash between the host call and "done" loses and duplicates nothing.
/// </summary>
public sealed class ClientActionLedgerTests
{
    private static readonly TenantId Tenant = ClientAccessTestHost.Tenant;
    private static readonly ApplicationId App1 = new("app-1");

    private static IdempotencyKey KeyOf(ClientInfo client, string action, string requestId) => IdempotencyKey.Create("client-action", client.Id.Value, action, requestId);

    private static List<(TenantId Tenant, ApplicationId Application, NoteId Id, NoteRequest Note)> ClientNotes(ClientAccessTestHost host)
    {
        lock (host.Host.Notes)
        {
            return host.Host.Notes.Where(n => n.Note.Origin?.Actor == new UserId("client:c1")).ToList();
        }
    }

    [Fact]
    public async Task TheLedgerHoldsThePendingKey_BeforeTheHostIsCalled_AndIsDoneAfter()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        var key = KeyOf(client, "addNote", "r1");
        LedgerEntry? seenByHost = null;
        var ledger = host.Ledger;
        host.Host.BeforeApply = (operation, k) =>
        {
            if (operation == "note")
            {
                seenByHost = Task.Run(() => ledger.GetAsync(Tenant, k).AsTask()).GetAwaiter().GetResult();
            }

            return null;
        };

        var result = await host.Portal.PerformAsync(ClientAccessTestHost.PrincipalOf(client), new AddClientNote(App1, "Looks good.", "r1"));

        result.Succeeded.Should().BeTrue();
        seenByHost.Should().NotBeNull();
        seenByHost!.Key.Should().Be(key, "the host is called with the key the ledger recorded");
        seenByHost.State.Should().Be(LedgerState.Pending);
        seenByHost.Operation.Should().Be("clientAccess.action");
        var done = (await host.Ledger.GetAsync(Tenant, key))!;
        done.State.Should().Be(LedgerState.Done);
        done.Result.Should().Contain(result.NoteId!.Value.Value);
    }

    [Theory]
    [InlineData("note")]
    [InlineData("move")]
    [InlineData("edit")]
    public async Task SameRequestTwice_IsOneEffect_AndReturnsTheFirstResult(string kind)
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        var principal = ClientAccessTestHost.PrincipalOf(client);
        ClientActionRequest request = kind switch
        {
            "note" => new AddClientNote(App1, "Let's meet him.", "r1"),
            "move" => new MoveApplicationStage(App1, new StageId("interview"), "r1"),
            _ => new EditCandidateProfile(new CandidateId("cand-1"), ["Go"], ["Platform"], "r1"),
        };

        var first = await host.Portal.PerformAsync(principal, request);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await host.Portal.PerformAsync(principal, request);

        first.Succeeded.Should().BeTrue();
        second.Should().Be(first);
        host.Host.RepeatedKeys.Should().Be(0, "the repeat is answered from the ledger, the host is not called again");
        host.Host.Emails.Should().ContainSingle();
        host.Host.EventsOf<ClientActionPerformed>().Should().ContainSingle();
        ClientNotes(host).Should().HaveCount(kind == "note" ? 1 : 0);
    }

    [Fact]
    public async Task TheSameRequestSentConcurrently_IsOneEffect_WithOneResult()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        var principal = ClientAccessTestHost.PrincipalOf(client);
        var request = new AddClientNote(App1, "Double-clicked.", "r1");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () => await host.Portal.PerformAsync(principal, request))));

        results.Should().OnlyContain(r => r.Succeeded);
        results.Select(r => r.NoteId).Distinct().Should().ContainSingle();
        ClientNotes(host).Should().ContainSingle();
        host.Host.Emails.Should().ContainSingle();
        (await host.Ledger.GetAsync(Tenant, KeyOf(client, "addNote", "r1")))!.State.Should().Be(LedgerState.Done);
    }

    [Fact]
    public async Task APendingActionOfAClientThatNoLongerExists_IsClosedWithARefusal()
    {
        using var host = new ClientAccessTestHost().Seed();
        var key = IdempotencyKey.Create("client-action", "gone", "addNote", "r1");
        await host.Ledger.BeginAsync(Tenant, key, "clientAccess.action", "{\"client\":\"gone\",\"action\":\"addNote\",\"requestId\":\"r1\",\"application\":\"app-1\",\"text\":\"x\"}");

        (await host.Portal.ReplayPendingActionsAsync()).Should().Be(0);

        var entry = (await host.Ledger.GetAsync(Tenant, key))!;
        entry.State.Should().Be(LedgerState.Done);
        entry.Result.Should().Contain("unknownClient");
        host.Host.Notes.Should().BeEmpty();
    }

    [Fact]
    public async Task RequestIdReusedForAnotherRequest_IsRefused_WithoutEffect()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        var principal = ClientAccessTestHost.PrincipalOf(client);
        await host.Portal.PerformAsync(principal, new AddClientNote(App1, "First text", "r1"));

        var other = await host.Portal.PerformAsync(principal, new AddClientNote(App1, "Other text", "r1"));

        other.Refusal.Should().Be(ClientRefusal.RequestIdReused);
        ClientNotes(host).Should().ContainSingle().Which.Note.Text.Should().Be("First text");
        (await host.Portal.PerformAsync(principal, new AddClientNote(App1, "Other text", "r2"))).Succeeded.Should().BeTrue("another request id is another request");
    }

    [Fact]
    public async Task TheSameRequestIdOfAnotherClient_IsItsOwnRequest()
    {
        using var host = new ClientAccessTestHost().Seed();
        var c1 = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        var c2 = await host.AddClientAsync(Tenant, "c2", hide: true, new JobId("job-1"));

        var a = await host.Portal.PerformAsync(ClientAccessTestHost.PrincipalOf(c1), new AddClientNote(App1, "x", "r1"));
        var b = await host.Portal.PerformAsync(ClientAccessTestHost.PrincipalOf(c2), new AddClientNote(App1, "x", "r1"));

        a.NoteId.Should().NotBe(b.NoteId);
        host.Host.Notes.Should().HaveCount(2);
    }

    [Fact]
    public async Task CrashAfterTheHostCall_ThenTheSameRequestAfterRestart_CompletesWithOneEffect()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        var principal = ClientAccessTestHost.PrincipalOf(client);
        host.Host.AfterApply = (operation, _) => operation == "note" ? new IOException("process killed after the host applied the note") : null;

        var crash = async () => await host.Portal.PerformAsync(principal, new AddClientNote(App1, "Strong candidate.", "r1"));
        await crash.Should().ThrowAsync<IOException>();
        (await host.Ledger.GetAsync(Tenant, KeyOf(client, "addNote", "r1")))!.State.Should().Be(LedgerState.Pending);
        var applied = ClientNotes(host).Should().ContainSingle().Subject;
        host.Host.Emails.Should().BeEmpty();

        host.Restart();
        var again = await host.Portal.PerformAsync(principal, new AddClientNote(App1, "Strong candidate.", "r1"));
        var third = await host.Portal.PerformAsync(principal, new AddClientNote(App1, "Strong candidate.", "r1"));

        again.Succeeded.Should().BeTrue();
        again.NoteId.Should().Be(applied.Id, "the host answers the repeated key with its first result");
        third.Should().Be(again);
        ClientNotes(host).Should().ContainSingle();
        host.Host.Emails.Should().ContainSingle();
        (await host.Ledger.GetAsync(Tenant, KeyOf(client, "addNote", "r1")))!.State.Should().Be(LedgerState.Done);
    }

    [Fact]
    public async Task CrashBetweenTheNotificationAndDone_ReplayOfPendingCompletes_WithoutSendingTwice()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        var principal = ClientAccessTestHost.PrincipalOf(client);
        host.Host.AfterApply = (operation, _) => operation == "email" ? new IOException("killed before the ledger mark") : null;

        var crash = async () => await host.Portal.PerformAsync(principal, new AddClientNote(App1, "Call him.", "r1"));
        await crash.Should().ThrowAsync<IOException>();
        var note = ClientNotes(host).Should().ContainSingle().Subject;
        host.Host.Emails.Should().ContainSingle();

        host.Restart();
        (await host.Portal.ReplayPendingActionsAsync()).Should().Be(1);
        (await host.Portal.ReplayPendingActionsAsync()).Should().Be(0);

        ClientNotes(host).Should().ContainSingle();
        host.Host.Emails.Should().ContainSingle();
        var entry = (await host.Ledger.GetAsync(Tenant, KeyOf(client, "addNote", "r1")))!;
        entry.State.Should().Be(LedgerState.Done);
        (await host.Portal.PerformAsync(principal, new AddClientNote(App1, "Call him.", "r1"))).NoteId.Should().Be(note.Id);
    }

    [Fact]
    public async Task OnStart_TheHostedReplayer_CompletesPendingActions_WithoutTheClientSendingAgain()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        host.Host.AfterApply = (operation, _) => operation == "moveStage" ? new IOException("crash") : null;
        var crash = async () => await host.Portal.PerformAsync(ClientAccessTestHost.PrincipalOf(client), new MoveApplicationStage(App1, new StageId("interview"), "r1"));
        await crash.Should().ThrowAsync<IOException>();
        host.Host.Emails.Should().BeEmpty();

        host.Restart();
        foreach (var service in host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        (await host.Ledger.GetAsync(Tenant, KeyOf(client, "moveStage", "r1")))!.State.Should().Be(LedgerState.Done);
        host.Host.Applications[(Tenant, App1)].Stage.Should().Be(new StageId("interview"));
        host.Host.Emails.Should().ContainSingle().Which.Message.Subject.Should().Contain("moved");
    }

    [Fact]
    public async Task CrashInTheRejectedStagePath_ReplayRejectsAndQueuesAutomationOnce()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        await host.ConfigureAsync(new ClientAccessSettings { RunAutomationOnClientRejection = true });
        var principal = ClientAccessTestHost.PrincipalOf(client);
        var request = new MoveApplicationStage(App1, new StageId("rejected"), "r1");
        host.Host.AfterApply = (operation, _) => operation == "setStatus" ? new IOException("killed after the status change") : null;

        var crash = async () => await host.Portal.PerformAsync(principal, request);
        await crash.Should().ThrowAsync<IOException>();
        host.Automation.Rejections.Should().BeEmpty();

        host.Restart();
        (await host.Portal.ReplayPendingActionsAsync(Tenant)).Should().Be(1);
        var repeat = await host.Portal.PerformAsync(principal, request);

        host.Host.Applications[(Tenant, App1)].Status.Should().Be(ApplicationStatus.Rejected);
        host.Automation.Rejections.Should().ContainSingle().Which.RejectionId.Should().Be(repeat.RejectionId);
        repeat.AutomationQueued.Should().BeTrue("the first result is returned");
        host.Host.EventsOf<CandidateRejected>().Should().ContainSingle();
        host.Host.Emails.Should().ContainSingle();
    }

    [Fact]
    public async Task AnActionAcceptedBeforeTheClientWasBlocked_IsStillCompletedByReplay()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        host.Host.AfterApply = (operation, _) => operation == "note" ? new IOException("crash") : null;
        var crash = async () => await host.Portal.PerformAsync(ClientAccessTestHost.PrincipalOf(client), new AddClientNote(App1, "x", "r1"));
        await crash.Should().ThrowAsync<IOException>();

        host.Restart();
        await host.SaveClientAsync(client with { Status = ClientStatus.Blocked });
        (await host.Portal.ReplayPendingActionsAsync()).Should().Be(1);

        (await host.Ledger.GetAsync(Tenant, KeyOf(client, "addNote", "r1")))!.State.Should().Be(LedgerState.Done);
        host.Host.Emails.Should().ContainSingle("the recruiters still hear of the note the host filed");
        (await host.Portal.PerformAsync(ClientAccessTestHost.PrincipalOf(client), new AddClientNote(App1, "x", "r1"))).Refusal.Should().Be(ClientRefusal.ClientBlocked);
    }
}
