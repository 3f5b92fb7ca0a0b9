namespace Recruiting.ClientAccess.Tests.Portal;

public sealed class ClientActionsTests
{
    private static readonly TenantId Tenant = ClientAccessTestHost.Tenant;

    [Fact]
    public async Task AddNote_IsVisibleToClients_RaisesTheEvent_AndNotifiesTheRecruiters()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));

        var result = await host.Portal.PerformAsync(ClientAccessTestHost.PrincipalOf(client), new AddClientNote(new ApplicationId("app-1"), "Let's meet him next week.", "r1"));

        result.Succeeded.Should().BeTrue();
        var note = host.Host.Notes.Should().ContainSingle().Subject;
        note.Note.HiddenFromClients.Should().BeFalse();
        note.Note.Origin!.Actor.Should().Be(new UserId("client:c1"));
        var performed = host.Host.EventsOf<ClientActionPerformed>().Should().ContainSingle().Subject;
        performed.Action.Should().Be("addNote");
        performed.Job.Should().Be(new JobId("job-1"));
        var mail = host.Host.Emails.Should().ContainSingle().Subject.Message;
        mail.To.Should().Equal("recruiter@acme.example");
        mail.TextBody.Should().Contain("Let's meet him next week.");

        var view = (await host.Portal.GetCandidateViewAsync(ClientAccessTestHost.PrincipalOf(client), new CandidateId("cand-1"))).Value!;
        view.Applications.Single().Notes.Should().ContainSingle(n => n.ByClient && n.Text == "Let's meet him next week.");
    }

    [Fact]
    public async Task SameRequestTwice_IsOneEffect()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        var principal = ClientAccessTestHost.PrincipalOf(client);

        await host.Portal.PerformAsync(principal, new AddClientNote(new ApplicationId("app-1"), "x", "r1"));
        await host.Portal.PerformAsync(principal, new AddClientNote(new ApplicationId("app-1"), "x", "r1"));

        host.Host.Notes.Should().ContainSingle();
        host.Host.Emails.Should().ContainSingle();
    }

    [Fact]
    public async Task MoveStage_WithinTheProcess_Moves()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));

        var result = await host.Portal.PerformAsync(ClientAccessTestHost.PrincipalOf(client), new MoveApplicationStage(new ApplicationId("app-1"), new StageId("interview"), "r1"));

        result.Succeeded.Should().BeTrue();
        host.Host.Applications[(Tenant, new ApplicationId("app-1"))].Stage.Should().Be(new StageId("interview"));
        host.Host.EventsOf<ClientActionPerformed>().Single().Action.Should().Be("moveStage");
        host.Host.EventsOf<CandidateRejected>().Should().BeEmpty();
    }

    [Fact]
    public async Task MoveStage_OutsideTheProcessOrRestricted_IsRefused()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        var principal = ClientAccessTestHost.PrincipalOf(client);
        await host.ConfigureAsync(new ClientAccessSettings { AllowedStages = [new StageId("interview"), new StageId("rejected")] });

        (await host.Portal.PerformAsync(principal, new MoveApplicationStage(new ApplicationId("app-1"), new StageId("hired-elsewhere"), "r1"))).Refusal.Should().Be(ClientRefusal.StageNotInProcess);
        (await host.Portal.PerformAsync(principal, new MoveApplicationStage(new ApplicationId("app-1"), new StageId("offer"), "r2"))).Refusal.Should().Be(ClientRefusal.StageNotAllowed);
        (await host.Portal.PerformAsync(principal, new MoveApplicationStage(new ApplicationId("app-3"), new StageId("interview"), "r3"))).Refusal.Should().Be(ClientRefusal.OutsideVacancies);
        host.Host.Applications[(Tenant, new ApplicationId("app-1"))].Stage.Should().Be(new StageId("screening"));
        host.Host.EventsOf<ClientActionPerformed>().Should().BeEmpty();
        host.Host.Emails.Should().BeEmpty();
    }

    [Fact]
    public async Task MoveToRejected_RecordsTheRejectionWithTheTenantsReason_WithoutAutomationByDefault()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));

        var result = await host.Portal.PerformAsync(ClientAccessTestHost.PrincipalOf(client), new MoveApplicationStage(new ApplicationId("app-1"), new StageId("rejected"), "r1"));

        result.RejectionId.Should().NotBeNull();
        result.AutomationQueued.Should().BeFalse();
        host.Host.Applications[(Tenant, new ApplicationId("app-1"))].Status.Should().Be(ApplicationStatus.Rejected);
        var rejected = host.Host.EventsOf<CandidateRejected>().Should().ContainSingle().Subject;
        rejected.Reason.Should().Be("rejectedByClient");
        rejected.WithActions.Should().BeFalse();
        host.Automation.Rejections.Should().BeEmpty();
        host.Host.Emails.Should().ContainSingle().Which.Message.Subject.Should().Contain("rejected");
    }

    [Fact]
    public async Task MoveToRejected_RunsAutomationAsTheVacancyOwner_WhenTheTenantTurnedItOn()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        await host.ConfigureAsync(new ClientAccessSettings { RunAutomationOnClientRejection = true, RejectedByClientReason = "client-no" });

        var result = await host.Portal.PerformAsync(ClientAccessTestHost.PrincipalOf(client), new MoveApplicationStage(new ApplicationId("app-1"), new StageId("rejected"), "r1"));

        result.AutomationQueued.Should().BeTrue();
        var rejection = host.Automation.Rejections.Should().ContainSingle().Subject;
        rejection.Reason.Should().Be("client-no");
        rejection.Owner.Should().Be(new UserId("recruiter"));
        rejection.RejectionId.Should().Be(result.RejectionId);
        host.Host.EventsOf<CandidateRejected>().Single().WithActions.Should().BeTrue();
    }

    [Fact]
    public async Task MoveToRejected_AutomationOnButNoTriggerRegistered_StillRejects()
    {
        using var host = new ClientAccessTestHost(registerAutomation: false).Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        await host.ConfigureAsync(new ClientAccessSettings { RunAutomationOnClientRejection = true });

        var result = await host.Portal.PerformAsync(ClientAccessTestHost.PrincipalOf(client), new MoveApplicationStage(new ApplicationId("app-1"), new StageId("rejected"), "r1"));

        result.Succeeded.Should().BeTrue();
        result.AutomationQueued.Should().BeFalse();
        host.Host.Applications[(Tenant, new ApplicationId("app-1"))].Status.Should().Be(ApplicationStatus.Rejected);
    }

    [Fact]
    public async Task EditProfile_ReplacesSkillsAndCategories()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        var principal = ClientAccessTestHost.PrincipalOf(client);

        var result = await host.Portal.PerformAsync(principal, new EditCandidateProfile(new CandidateId("cand-1"), ["Go", "Kubernetes"], ["Platform"], "r1"));

        result.Succeeded.Should().BeTrue();
        host.Host.Candidates[(Tenant, new CandidateId("cand-1"))].Profile.Skills.Should().Equal("Go", "Kubernetes");
        host.Host.EventsOf<ClientActionPerformed>().Single().Action.Should().Be("editProfile");
        (await host.Portal.PerformAsync(principal, new EditCandidateProfile(new CandidateId("cand-3"), ["x"], [], "r2"))).Refusal.Should().Be(ClientRefusal.OutsideVacancies);
        (await host.Portal.PerformAsync(principal, new EditCandidateProfile(new CandidateId("cand-1"), [" "], [], "r3"))).Refusal.Should().Be(ClientRefusal.InvalidInput);
    }

    [Fact]
    public async Task AnythingElse_IsRefusedWithATypedReason()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        var principal = ClientAccessTestHost.PrincipalOf(client);

        (await host.Portal.PerformAsync(principal, new DeleteCandidate("r1"))).Refusal.Should().Be(ClientRefusal.NotPermitted);
        (await host.Portal.PerformAsync(principal, new AddClientNote(new ApplicationId("app-1"), "", "r2"))).Refusal.Should().Be(ClientRefusal.InvalidInput);
        (await host.Portal.PerformAsync(principal, new AddClientNote(new ApplicationId("app-1"), "x", ""))).Refusal.Should().Be(ClientRefusal.InvalidInput);
        await host.SaveClientAsync(client with { Status = ClientStatus.Blocked });
        (await host.Portal.PerformAsync(principal, new AddClientNote(new ApplicationId("app-1"), "x", "r3"))).Refusal.Should().Be(ClientRefusal.ClientBlocked);
        host.Host.Notes.Should().BeEmpty();
    }

    [Fact]
    public async Task Pipeline_CountsPerStage_AndNewSinceLastVisit()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        var principal = ClientAccessTestHost.PrincipalOf(client);
        foreach (var key in host.Host.Applications.Keys.ToList())
        {
            host.Host.Applications[key] = host.Host.Applications[key] with { AppliedAt = host.Time.GetUtcNow().AddDays(-1) };
        }

        var first = (await host.Portal.GetPipelineAsync(principal)).Value!.Single();
        host.Time.Advance(TimeSpan.FromHours(1));
        var app = host.Host.AddApplication(Tenant, "app-4", "2024-000004", new CandidateId("cand-3"), new JobId("job-1"));
        host.Host.Applications[(Tenant, app.Id)] = app with { AppliedAt = host.Time.GetUtcNow() };
        host.Time.Advance(TimeSpan.FromHours(1));
        var second = (await host.Portal.GetPipelineAsync(principal)).Value!.Single();

        first.Total.Should().Be(2);
        first.NewSinceLastVisit.Should().Be(2);
        first.LastVisitAt.Should().BeNull();
        first.Stages.Single(s => s.Stage.Value == "screening").Count.Should().Be(1);
        first.Stages.Single(s => s.Stage.Value == "new").Count.Should().Be(1);
        second.Total.Should().Be(3);
        second.NewSinceLastVisit.Should().Be(1);
        second.LastVisitAt.Should().Be(Recruiting.Testing.TestServices.Start);
    }

    [Fact]
    public async Task InterviewCalendar_ShowsOnlyTheClientsVacancies_GroupedByTenantDay()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        var start = Recruiting.Testing.TestServices.Start; // 09:00 UTC = 18:00 Tokyo
        host.AddInterview(Tenant, new InterviewInfo(new InterviewId("i1"), new ApplicationId("app-1"), new JobId("job-1"), start.AddHours(16), start.AddHours(17), "First interview", "Room 3"));
        host.AddInterview(Tenant, new InterviewInfo(new InterviewId("i2"), new ApplicationId("app-2"), new JobId("job-1"), start.AddHours(1), start.AddHours(2), "Tech interview"));
        host.AddInterview(Tenant, new InterviewInfo(new InterviewId("i3"), new ApplicationId("app-3"), new JobId("job-2"), start.AddHours(3), start.AddHours(4), "Other vacancy"));
        var principal = ClientAccessTestHost.PrincipalOf(client);

        var calendar = (await host.Portal.GetInterviewCalendarAsync(principal, start, start.AddDays(7))).Value!;

        calendar.TimeZoneId.Should().Be("Asia/Tokyo");
        calendar.Days.Select(d => d.Date).Should().Equal(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 24));
        calendar.Days.SelectMany(d => d.Interviews).Select(i => i.Id.Value).Should().Equal("i2", "i1");
        (await host.Portal.AuthorizeAsync(principal, new InterviewResource(new InterviewId("i3")))).Reasons.Should().Equal(AccessDenialReason.OutsideVacancies);
        (await host.Portal.AuthorizeAsync(principal, new InterviewResource(new InterviewId("i1")))).Allowed.Should().BeTrue();
    }

    [Fact]
    public async Task MoveOutOfTheRejectedStage_MakesTheApplicationActiveAgain()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        var principal = ClientAccessTestHost.PrincipalOf(client);
        await host.Portal.PerformAsync(principal, new MoveApplicationStage(new ApplicationId("app-1"), new StageId("rejected"), "r1"));
        host.Host.Applications[(Tenant, new ApplicationId("app-1"))].Status.Should().Be(ApplicationStatus.Rejected);

        var back = await host.Portal.PerformAsync(principal, new MoveApplicationStage(new ApplicationId("app-1"), new StageId("interview"), "r2"));

        back.Succeeded.Should().BeTrue();
        back.RejectionId.Should().BeNull();
        var application = host.Host.Applications[(Tenant, new ApplicationId("app-1"))];
        application.Stage.Should().Be(new StageId("interview"));
        application.Status.Should().Be(ApplicationStatus.Active);
        host.Host.EventsOf<CandidateRejected>().Should().ContainSingle();
    }

    [Fact]
    public async Task MoveToRejected_WhenTheTenantDoesNotAllowIt_IsRefused_AndRejectsNothing()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        await host.ConfigureAsync(new ClientAccessSettings { AllowedStages = [new StageId("interview")], RunAutomationOnClientRejection = true });

        var result = await host.Portal.PerformAsync(ClientAccessTestHost.PrincipalOf(client), new MoveApplicationStage(new ApplicationId("app-1"), new StageId("rejected"), "r1"));

        result.Refusal.Should().Be(ClientRefusal.StageNotAllowed);
        host.Host.Applications[(Tenant, new ApplicationId("app-1"))].Status.Should().Be(ApplicationStatus.Active);
        host.Automation.Rejections.Should().BeEmpty();
        host.Host.EventsOf<CandidateRejected>().Should().BeEmpty();
        (await host.Ledger.GetAsync(Tenant, IdempotencyKey.Create("client-action", "c1", "moveStage", "r1"))).Should().BeNull("a refused request is never recorded");
    }

    private sealed record DeleteCandidate(string RequestId) : ClientActionRequest(RequestId);
}
