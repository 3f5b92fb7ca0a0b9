using Microsoft.Extensions.DependencyInjection;
using Recruiting.Automation;
using Recruiting.ClientAccess;
using Recruiting.Samples.Console;
using Recruiting.Samples.Console.Ats;
using Recruiting.Testing;

namespace Recruiting.IntegrationTests.ClientAccess;

/// <summary>
/// Issue #4 item 4 across packages, on the sample host's SQLite files: a hiring client's move to a rejected stage
/// records a rejection with the tenant's reason and, when the tenant turned it on, queues that reason's automated
/// actions as the vacancy's owner — once.
/// </summary>
public sealed class ClientRejectionRunsAutomationTests : IDisposable
{
    private readonly TestTempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ClientMovesToRejected_WithAutomationTurnedOn_QueuesTheReasonsActionsOnce()
    {
        using var host = SampleHost.Build(_directory.File("r.db"));
        await host.StartAsync();
        try
        {
            var services = host.Services;
            var tenant = SampleHost.DemoTenant;
            var admin = services.GetRequiredService<ClientAdministration>();
            await admin.ConfigureAsync(tenant, new ClientAccessSettings { RunAutomationOnClientRejection = true, RejectedByClientReason = "demo-no-experience" });
            var added = await admin.AddClientAsync(tenant, new NewClient
            {
                Name = "Client K.K.",
                Email = "client@customer.example",
                Kind = ClientKind.External,
                HideCandidateContacts = true,
                Vacancies = [DemoTenantSeed.DemoJob],
            }, DemoTenantSeed.Recruiter);
            var token = Uri.UnescapeDataString(added.Invitation!.Link.Query.Split("token=")[1]);
            var session = (await services.GetRequiredService<ClientInvitations>().RedeemAsync(tenant, token)).Session!;
            var portal = services.GetRequiredService<ClientPortal>();
            var application = new ApplicationId("app-demo-105");

            var result = await portal.PerformAsync(session.Principal, new MoveApplicationStage(application, new StageId("rejected"), "move-1"));
            var again = await portal.PerformAsync(session.Principal, new MoveApplicationStage(application, new StageId("rejected"), "move-1"));

            result.Refusal.Should().BeNull();
            result.AutomationQueued.Should().BeTrue();
            again.Refusal.Should().BeNull();
            var outbox = services.GetRequiredService<IRejectionOutboxStore>();
            var queued = (await outbox.ListByStateAsync(tenant, AutomatedActionState.Pending, 100)).Where(a => a.Application == application).ToList();
            queued.Should().NotBeEmpty().And.OnlyContain(a => a.RejectionId == queued[0].RejectionId, "one rejection, queued once");
            var ats = services.GetRequiredService<MiniAts>();
            (await ats.GetApplicationAsync(tenant, application))!.Status.Should().Be(ApplicationStatus.Rejected);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
