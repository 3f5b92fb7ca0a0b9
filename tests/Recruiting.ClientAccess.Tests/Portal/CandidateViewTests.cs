using System.Text.Json;
using Recruiting.Testing;

namespace Recruiting.ClientAccess.Tests.Portal;

public sealed class CandidateViewTests
{
    private static readonly TenantId Tenant = ClientAccessTestHost.Tenant;

    [Fact]
    public async Task HiddenContacts_AreRemovedFromFieldsAndMaskedInFreeText()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));

        var view = (await host.Portal.GetCandidateViewAsync(ClientAccessTestHost.PrincipalOf(client), new CandidateId("cand-1"))).Value!;

        view.ContactsHidden.Should().BeTrue();
        view.Contacts.Should().BeNull();
        var json = JsonSerializer.Serialize(view);
        json.Should().NotContain("taro.yamada@example.jp").And.NotContain("090-1234-5678").And.NotContain("linkedin").And.NotContain("github.com")
            .And.NotContain("Marunouchi").And.NotContain("@taroyamada");
        view.ResumeText.Should().Contain("Software engineer since 2019").And.Contain("[e-mail hidden]").And.Contain("[phone hidden]");
        view.Skills.Should().Equal("C#");
    }

    [Fact]
    public async Task VisibleContacts_AreShownAsIs()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: false, new JobId("job-1"));

        var view = (await host.Portal.GetCandidateViewAsync(ClientAccessTestHost.PrincipalOf(client), new CandidateId("cand-1"))).Value!;

        view.Contacts!.Emails.Should().Equal("taro.yamada@example.jp");
        view.ResumeText.Should().Contain("taro.yamada@example.jp");
    }

    [Fact]
    public async Task ClientResumeVersion_ReplacesTheOriginal_AndTheOriginalDocumentIsHidden()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        var app = new ApplicationId("app-1");
        host.Host.AddDocument(Tenant, new DocumentInfo(new DocumentId("doc-cv"), app, "cv-taro.yamada@example.jp.pdf", "application/pdf", DocumentKind.Cv));
        host.Host.AddDocument(Tenant, new DocumentInfo(new DocumentId("doc-cv-client"), app, "cv-for-clients.html", "text/html", DocumentKind.Cv, new DocumentId("doc-cv")),
            "Taro Yamada — backend engineer, 5 years. Reach me on 090 1234 5678.");
        host.Host.AddDocument(Tenant, new DocumentInfo(new DocumentId("doc-cert"), app, "certificate.pdf", "application/pdf", DocumentKind.Certificate));
        var principal = ClientAccessTestHost.PrincipalOf(client);

        var view = (await host.Portal.GetCandidateViewAsync(principal, new CandidateId("cand-1"))).Value!;

        view.ResumeIsClientVersion.Should().BeTrue();
        view.ResumeText.Should().StartWith("Taro Yamada — backend engineer").And.NotContain("1234");
        view.Applications.Single().Documents.Select(d => d.Id.Value).Should().Equal("doc-cv-client", "doc-cert");
        (await host.Portal.AuthorizeAsync(principal, new DocumentResource(app, new DocumentId("doc-cv")))).Reasons.Should().Equal(AccessDenialReason.ReplacedByClientVersion);
        (await host.Portal.AuthorizeAsync(principal, new DocumentResource(app, new DocumentId("doc-cv-client")))).Allowed.Should().BeTrue();
    }

    [Fact]
    public async Task Notes_AreHiddenUnlessUnticked_AndVisibleOnesAreMasked()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        var app = new ApplicationId("app-1");
        host.AddNote(Tenant, new NoteId("n-hidden"), app, "Internal: salary expectations too high", hiddenFromClients: true);
        host.AddNote(Tenant, new NoteId("n-open"), app, "Strong candidate, call her on 090-1234-5678", hiddenFromClients: false);
        var principal = ClientAccessTestHost.PrincipalOf(client);

        var view = (await host.Portal.GetCandidateViewAsync(principal, new CandidateId("cand-1"))).Value!;

        var notes = view.Applications.Single().Notes;
        notes.Should().ContainSingle().Which.Text.Should().Be("Strong candidate, call her on [phone hidden]");
        JsonSerializer.Serialize(view).Should().NotContain("salary expectations");
        (await host.Portal.AuthorizeAsync(principal, new NoteResource(app, new NoteId("n-hidden")))).Reasons.Should().Equal(AccessDenialReason.HiddenFromClients);
        (await host.Portal.AuthorizeAsync(principal, new NoteResource(app, new NoteId("n-open")))).Allowed.Should().BeTrue();
        (await host.Portal.AuthorizeAsync(principal, new NoteResource(app, new NoteId("nope")))).Reasons[0].Should().Be(AccessDenialReason.NotFound);
    }

    [Fact]
    public async Task CandidateOutsideTheClientsVacancies_IsRefused()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));
        var principal = ClientAccessTestHost.PrincipalOf(client);

        (await host.Portal.GetCandidateViewAsync(principal, new CandidateId("cand-3"))).Refusal.Should().Be(ClientRefusal.OutsideVacancies);
        (await host.Portal.GetCandidateViewAsync(principal, new CandidateId("nobody"))).Refusal.Should().Be(ClientRefusal.NotFound);
        (await host.Portal.AuthorizeAsync(principal, new ApplicationResource(new ApplicationId("app-3")))).Reasons.Should().Equal(AccessDenialReason.OutsideVacancies);
        (await host.Portal.AuthorizeAsync(principal, new VacancyResource(new JobId("job-2")))).Reasons.Should().Equal(AccessDenialReason.OutsideVacancies);
        (await host.Portal.AuthorizeAsync(principal, new ResumeDatabaseResource())).Reasons.Should().Equal(AccessDenialReason.NoRule);
        (await host.Portal.ListCandidatesAsync(principal, new JobId("job-2"))).Refusal.Should().Be(ClientRefusal.OutsideVacancies);
    }

    [Fact]
    public async Task OtherTenantsData_IsNeverReached_EvenWithTheSameIds()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: false, new JobId("job-1"));

        // A principal claiming the other tenant: the client is unknown there.
        var forged = new ClientPrincipal(ClientAccessTestHost.OtherTenant, client.Id, "s");
        (await host.Portal.GetCandidateViewAsync(forged, new CandidateId("cand-1"))).Refusal.Should().Be(ClientRefusal.UnknownClient);

        var view = (await host.Portal.GetCandidateViewAsync(ClientAccessTestHost.PrincipalOf(client), new CandidateId("cand-1"))).Value!;
        view.Name.Full.Should().Be("Taro Yamada");
    }

    [Fact]
    public async Task ListCandidates_PagesTheClientsVacanciesOnly()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(Tenant, "c1", hide: true, new JobId("job-1"));

        var page = (await host.Portal.ListCandidatesAsync(ClientAccessTestHost.PrincipalOf(client), pageSize: 1)).Value!;
        var second = (await host.Portal.ListCandidatesAsync(ClientAccessTestHost.PrincipalOf(client), page: 2, pageSize: 1)).Value!;

        page.Total.Should().Be(2);
        page.Items.Concat(second.Items).Select(i => i.Candidate.Value).Should().BeEquivalentTo(["cand-1", "cand-2"]);
        JsonSerializer.Serialize(page).Should().NotContain("@example");
        (await host.Portal.ListCandidatesAsync(ClientAccessTestHost.PrincipalOf(client), pageSize: 0)).Refusal.Should().Be(ClientRefusal.InvalidInput);
    }
}
