namespace Recruiting.ClientAccess.Tests.Clients;

public sealed class ClientAdministrationTests
{
    private static readonly UserId Recruiter = new("recruiter");

    [Theory]
    [InlineData("", "a@b.example", ClientValidationError.NameRequired)]
    [InlineData("Acme", "", ClientValidationError.EmailRequired)]
    [InlineData("Acme", "not-an-address", ClientValidationError.EmailInvalid)]
    [InlineData("Acme", "Boss <boss@acme.example>", ClientValidationError.EmailInvalid)]
    [InlineData("Acme", "boss@localhost", ClientValidationError.EmailInvalid)]
    [InlineData("Acme", "boss@acme..example", ClientValidationError.EmailInvalid)]
    public async Task AddClient_InvalidNameOrEmail_IsRefusedWithTheProblem(string name, string email, ClientValidationError error)
    {
        using var host = new ClientAccessTestHost().Seed();

        var result = await host.Admin.AddClientAsync(ClientAccessTestHost.Tenant, new NewClient { Name = name, Email = email }, Recruiter);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().Contain(error);
        (await host.Clients.ListClientsAsync(ClientAccessTestHost.Tenant).CollectAsync()).Should().BeEmpty();
        host.Host.Emails.Should().BeEmpty();
    }

    [Fact]
    public async Task AddClient_SameEmailTwice_SecondIsRefused()
    {
        using var host = new ClientAccessTestHost().Seed();
        await host.Admin.AddClientAsync(ClientAccessTestHost.Tenant, new NewClient { Name = "A", Email = "boss@acme.example" }, Recruiter);

        var second = await host.Admin.AddClientAsync(ClientAccessTestHost.Tenant, new NewClient { Name = "B", Email = "BOSS@acme.example" }, Recruiter);

        second.Errors.Should().Equal(ClientValidationError.EmailTaken);
    }

    [Fact]
    public async Task AddClient_UnknownVacancy_IsRefused()
    {
        using var host = new ClientAccessTestHost().Seed();

        var result = await host.Admin.AddClientAsync(ClientAccessTestHost.Tenant, new NewClient { Name = "A", Email = "a@acme.example", Vacancies = [new JobId("nope")] }, Recruiter);

        result.Errors.Should().Equal(ClientValidationError.UnknownVacancy);
    }

    [Fact]
    public async Task AddClient_SendsInvitationWithLinkAndRecruiterContacts()
    {
        using var host = new ClientAccessTestHost().Seed();

        var result = await host.Admin.AddClientAsync(ClientAccessTestHost.Tenant,
            new NewClient { Name = "Hiroshi Sato", Email = "sato@customer.example", Kind = ClientKind.External, HideCandidateContacts = true, Vacancies = [new JobId("job-1")] }, Recruiter);

        result.Succeeded.Should().BeTrue();
        result.Client!.Status.Should().Be(ClientStatus.Active);
        result.Client.Vacancies.Should().Equal(new JobId("job-1"));
        var mail = host.Host.Emails.Should().ContainSingle().Subject.Message;
        mail.To.Should().Equal("sato@customer.example");
        mail.TextBody.Should().Contain("Kenji Ito").And.Contain("recruiter@acme.example").And.Contain("+81 3-1234-5678")
            .And.Contain(result.Invitation!.Link.AbsoluteUri);
        result.Invitation.Link.AbsoluteUri.Should().StartWith("https://ats.example/client/accept?tenant=acme&token=");
    }

    [Fact]
    public async Task AddClientToVacancy_CreatesTheClientAttachedToIt_AndAttachExistingAddsAnother()
    {
        using var host = new ClientAccessTestHost().Seed();

        var created = await host.Admin.AddClientToVacancyAsync(ClientAccessTestHost.Tenant, new JobId("job-2"), new NewClient { Name = "In-house", Email = "lead@acme.example", Kind = ClientKind.Internal, SendInvitation = false }, Recruiter);
        var attached = await host.Admin.AttachVacancyAsync(ClientAccessTestHost.Tenant, created.Client!.Id, new JobId("job-1"));

        created.Client.Kind.Should().Be(ClientKind.Internal);
        created.Invitation.Should().BeNull();
        attached.Client!.Vacancies.Should().Equal(new JobId("job-2"), new JobId("job-1"));
        (await host.Admin.AttachVacancyAsync(ClientAccessTestHost.Tenant, created.Client.Id, new JobId("nope"))).Errors.Should().Equal(ClientValidationError.UnknownVacancy);
        (await host.Admin.DetachVacancyAsync(ClientAccessTestHost.Tenant, created.Client.Id, new JobId("job-2"))).Client!.Vacancies.Should().Equal(new JobId("job-1"));
    }

    [Fact]
    public async Task Block_TakesEffectOnTheNextRequest_IncludingOpenSessions()
    {
        using var host = new ClientAccessTestHost().Seed();
        var added = await host.Admin.AddClientAsync(ClientAccessTestHost.Tenant, new NewClient { Name = "A", Email = "a@customer.example", Vacancies = [new JobId("job-1")] }, Recruiter);
        var token = TokenOf(added.Invitation!);
        var session = (await host.Invitations.RedeemAsync(ClientAccessTestHost.Tenant, token)).Session!;
        (await host.Portal.GetCandidateViewAsync(session.Principal, new CandidateId("cand-1"))).Succeeded.Should().BeTrue();

        await host.Admin.BlockAsync(ClientAccessTestHost.Tenant, added.Client!.Id);

        (await host.Portal.GetCandidateViewAsync(session.Principal, new CandidateId("cand-1"))).Refusal.Should().Be(ClientRefusal.ClientBlocked);
        (await host.Invitations.AuthenticateAsync(ClientAccessTestHost.Tenant, session.SessionToken)).Refusal.Should().Be(TokenRefusal.Revoked);
        (await host.Portal.AuthorizeAsync(session.Principal, new VacancyResource(new JobId("job-1")))).Reasons.Should().Equal(AccessDenialReason.ClientBlocked);
    }

    [Fact]
    public async Task Block_ByAnotherStoreThatRevokesNothing_StillRefusesTheOpenSession()
    {
        using var host = new ClientAccessTestHost().Seed();
        var added = await host.Admin.AddClientAsync(ClientAccessTestHost.Tenant, new NewClient { Name = "A", Email = "a@customer.example", Vacancies = [new JobId("job-1")] }, Recruiter);
        var session = (await host.Invitations.RedeemAsync(ClientAccessTestHost.Tenant, TokenOf(added.Invitation!))).Session!;

        // The host blocks the client in its own directory, without going through ClientAdministration.
        await host.SaveClientAsync(added.Client! with { Status = ClientStatus.Blocked });

        (await host.Invitations.AuthenticateAsync(ClientAccessTestHost.Tenant, session.SessionToken)).Refusal.Should().Be(TokenRefusal.ClientBlocked);
        (await host.Portal.ListCandidatesAsync(session.Principal)).Refusal.Should().Be(ClientRefusal.ClientBlocked);
    }

    [Fact]
    public async Task Settings_DefaultsAndRoundTrip()
    {
        using var host = new ClientAccessTestHost().Seed();
        var defaults = await host.Admin.GetSettingsAsync(ClientAccessTestHost.Tenant);
        defaults.InterviewCopies.Should().Be(InterviewCopyMode.Always);
        defaults.RunAutomationOnClientRejection.Should().BeFalse();

        await host.Admin.ConfigureAsync(ClientAccessTestHost.Tenant, defaults with { RejectedByClientReason = "clientSaidNo" });

        (await host.Admin.GetSettingsAsync(ClientAccessTestHost.Tenant)).RejectedByClientReason.Should().Be("clientSaidNo");
        await host.Admin.Invoking(a => a.ConfigureAsync(ClientAccessTestHost.Tenant, defaults with { RejectedByClientReason = " " }).AsTask()).Should().ThrowAsync<ArgumentException>();
    }

    internal static string TokenOf(ClientInvitationResult invitation)
    {
        var query = invitation.Link.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        return query["token"];
    }
}
