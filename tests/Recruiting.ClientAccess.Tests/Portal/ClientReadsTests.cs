using Recruiting.Testing;

namespace Recruiting.ClientAccess.Tests.Portal;

/// <summary>Reads are client actions too: each raises <see cref="ClientActionPerformed"/>; recruiters hear of them once per client, vacancy and period.</summary>
public sealed class ClientReadsTests
{
    private static readonly TenantId Tenant = ClientAccessTestHost.Tenant;
    private static readonly JobId Job1 = new("job-1");
    private static readonly JobId Job2 = new("job-2");

    private static int ReadNotices(ClientAccessTestHost host, string client) => host.Host.Emails.Count(e => e.Message.Subject.StartsWith("Client Client " + client + " viewed", StringComparison.Ordinal));

    private static async Task ReadEverythingAsync(ClientAccessTestHost host, ClientPrincipal principal)
    {
        (await host.Portal.GetCandidateViewAsync(principal, new CandidateId("cand-1"))).Succeeded.Should().BeTrue();
        (await host.Portal.ListCandidatesAsync(principal)).Succeeded.Should().BeTrue();
        (await host.Portal.GetPipelineAsync(principal)).Succeeded.Should().BeTrue();
        (await host.Portal.GetInterviewCalendarAsync(principal, TestServices.Start, TestServices.Start.AddDays(7))).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task EachRead_RaisesClientActionPerformed_WithItsKindAndVacancy()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, Job1);

        await ReadEverythingAsync(host, ClientAccessTestHost.PrincipalOf(client));

        var events = host.Host.EventsOf<ClientActionPerformed>();
        events.Select(e => e.Action).Should().Equal(ClientPortal.ViewCandidateAction, ClientPortal.ListCandidatesAction, ClientPortal.ViewPipelineAction, ClientPortal.ViewInterviewsAction);
        events.Should().OnlyContain(e => e.Job == Job1 && e.Client == client.Id && e.Tenant == Tenant);
        events[0].Application.Should().Be(new ApplicationId("app-1"));
        events[0].Detail.Should().Contain("Taro Yamada");
    }

    [Fact]
    public async Task ReadNotice_ThatCannotBeSent_IsOwed_NotLost_AndTheReadStillAnswers()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, Job1);
        var principal = ClientAccessTestHost.PrincipalOf(client);
        host.Host.BeforeApply = (operation, _) => operation == "email" ? new IOException("smtp down") : null;

        (await host.Portal.GetPipelineAsync(principal)).Succeeded.Should().BeTrue("a recruiter's mail server being down does not break the client's read");
        ReadNotices(host, "c1").Should().Be(0);
        host.Host.EventsOf<ClientActionPerformed>().Should().ContainSingle();

        host.Host.BeforeApply = null;
        host.Time.Advance(TimeSpan.FromMinutes(5));
        (await host.Portal.GetPipelineAsync(principal)).Succeeded.Should().BeTrue();
        ReadNotices(host, "c1").Should().Be(1, "the notice the failed send owed goes out with the next read, inside the period");

        host.Time.Advance(TimeSpan.FromMinutes(5));
        await host.Portal.GetPipelineAsync(principal);
        ReadNotices(host, "c1").Should().Be(1, "after a notice went out, the period holds again");
    }

    [Fact]
    public async Task ReadNotices_AreCoalesced_ToOnePerClientPerVacancyPerDay()
    {
        using var host = new ClientAccessTestHost().Seed();
        var c1 = await host.AddClientAsync(Tenant, "c1", hide: true, Job1, Job2);
        var c2 = await host.AddClientAsync(Tenant, "c2", hide: true, Job1);
        var principal = ClientAccessTestHost.PrincipalOf(c1);

        await ReadEverythingAsync(host, principal);
        ReadNotices(host, "c1").Should().Be(2, "one per vacancy the client read");
        host.Host.Emails.Select(e => e.Message.Subject).Should().Contain(s => s.Contains("Backend engineer", StringComparison.Ordinal)).And.Contain(s => s.Contains("Designer", StringComparison.Ordinal));
        host.Host.Emails.Should().OnlyContain(e => e.Message.To.Contains("recruiter@acme.example"));

        host.Time.Advance(TimeSpan.FromHours(23));
        await ReadEverythingAsync(host, principal);
        ReadNotices(host, "c1").Should().Be(2);

        await ReadEverythingAsync(host, ClientAccessTestHost.PrincipalOf(c2));
        ReadNotices(host, "c2").Should().Be(1, "another client is its own notice");

        host.Time.Advance(TimeSpan.FromHours(1));
        await host.Portal.GetPipelineAsync(principal);
        ReadNotices(host, "c1").Should().Be(4, "a day after the last notice the next read is told again");
        host.Host.EventsOf<ClientActionPerformed>().Count(e => e.Client == c1.Id).Should().BeGreaterThan(8, "every read raises its event");
    }

    [Fact]
    public async Task WriteActions_AreNotifiedEveryTime_EvenWhileReadsAreQuiet()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, Job1);
        var principal = ClientAccessTestHost.PrincipalOf(client);
        await host.Portal.GetPipelineAsync(principal);

        await host.Portal.PerformAsync(principal, new AddClientNote(new ApplicationId("app-1"), "one", "r1"));
        await host.Portal.GetPipelineAsync(principal);
        await host.Portal.PerformAsync(principal, new AddClientNote(new ApplicationId("app-1"), "two", "r2"));
        await host.Portal.PerformAsync(principal, new MoveApplicationStage(new ApplicationId("app-1"), new StageId("interview"), "r3"));

        host.Host.Emails.Should().HaveCount(4, "one read notice and three actions");
    }

    [Fact]
    public async Task ThePeriodIsConfigurable_AndZeroNotifiesEveryRead()
    {
        using (var hourly = new ClientAccessTestHost(configure: o => o.ReadNotificationPeriod = TimeSpan.FromHours(1)).Seed())
        {
            var principal = ClientAccessTestHost.PrincipalOf(await hourly.AddClientAsync(Tenant, "c1", hide: true, Job1));
            await hourly.Portal.GetPipelineAsync(principal);
            hourly.Time.Advance(TimeSpan.FromMinutes(59));
            await hourly.Portal.GetPipelineAsync(principal);
            hourly.Time.Advance(TimeSpan.FromMinutes(1));
            await hourly.Portal.GetPipelineAsync(principal);
            ReadNotices(hourly, "c1").Should().Be(2);
        }

        using var every = new ClientAccessTestHost(configure: o => o.ReadNotificationPeriod = TimeSpan.Zero).Seed();
        var p = ClientAccessTestHost.PrincipalOf(await every.AddClientAsync(Tenant, "c1", hide: true, Job1));
        await every.Portal.GetPipelineAsync(p);
        every.Time.Advance(TimeSpan.FromSeconds(1));
        await every.Portal.GetPipelineAsync(p);
        ReadNotices(every, "c1").Should().Be(2);
    }

    [Fact]
    public async Task RefusedReads_RaiseNothing_AndNotifyNobody()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, Job1);
        var principal = ClientAccessTestHost.PrincipalOf(client);

        (await host.Portal.GetCandidateViewAsync(principal, new CandidateId("cand-3"))).Refusal.Should().Be(ClientRefusal.OutsideVacancies);
        (await host.Portal.ListCandidatesAsync(principal, Job2)).Refusal.Should().Be(ClientRefusal.OutsideVacancies);
        await host.SaveClientAsync(client with { Status = ClientStatus.Blocked });
        (await host.Portal.GetPipelineAsync(principal)).Refusal.Should().Be(ClientRefusal.ClientBlocked);

        host.Host.Events.Should().BeEmpty();
        host.Host.Emails.Should().BeEmpty();
    }

    [Fact]
    public async Task NewSinceLastVisit_IsKeptPerClientAndPerVacancy_AndAVisitMovesIt()
    {
        using var host = new ClientAccessTestHost().Seed();
        foreach (var key in host.Host.Applications.Keys.ToList())
        {
            host.Host.Applications[key] = host.Host.Applications[key] with { AppliedAt = TestServices.Start.AddDays(-1) };
        }

        var c1 = ClientAccessTestHost.PrincipalOf(await host.AddClientAsync(Tenant, "c1", hide: true, Job1, Job2));
        var c2 = ClientAccessTestHost.PrincipalOf(await host.AddClientAsync(Tenant, "c2", hide: true, Job1));

        var first = (await host.Portal.GetPipelineAsync(c1)).Value!;
        host.Time.Advance(TimeSpan.FromHours(1));
        var late = host.Host.AddApplication(Tenant, "app-4", "2024-000004", new CandidateId("cand-3"), Job1);
        host.Host.Applications[(Tenant, late.Id)] = late with { AppliedAt = host.Time.GetUtcNow() };
        host.Host.AddApplication(Tenant, "app-5", "2024-000005", new CandidateId("cand-1"), Job2); // the host gave no date
        host.Time.Advance(TimeSpan.FromHours(1));

        var c2First = (await host.Portal.GetPipelineAsync(c2)).Value!.Single();
        var second = (await host.Portal.GetPipelineAsync(c1)).Value!;
        var third = (await host.Portal.GetPipelineAsync(c1)).Value!;

        first.Single(f => f.Job == Job1).NewSinceLastVisit.Should().Be(2);
        first.Single(f => f.Job == Job2).NewSinceLastVisit.Should().Be(1);
        c2First.NewSinceLastVisit.Should().Be(3, "c2's first visit: everything is new for c2, whatever c1 saw");
        c2First.LastVisitAt.Should().BeNull();
        second.Single(f => f.Job == Job1).NewSinceLastVisit.Should().Be(1, "only app-4 applied after c1's visit of job-1");
        second.Single(f => f.Job == Job1).LastVisitAt.Should().Be(TestServices.Start);
        second.Single(f => f.Job == Job2).NewSinceLastVisit.Should().Be(0, "an undated application counts as new on the first visit only");
        second.Single(f => f.Job == Job2).Total.Should().Be(2);
        third.Should().OnlyContain(f => f.NewSinceLastVisit == 0, "the second visit moved the mark");
        third.Single(f => f.Job == Job1).LastVisitAt.Should().Be(TestServices.Start.AddHours(2));
    }

    [Fact]
    public async Task ANegativePeriod_FailsValidation()
    {
        using var host = new ClientAccessTestHost(configure: o => o.ReadNotificationPeriod = TimeSpan.FromHours(-1));

        var act = () => host.Portal;

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*ReadNotificationPeriod*");
    }
}
