using Recruiting.Testing;

namespace Recruiting.ClientAccess.Tests.Interviews;

public sealed class InterviewNotificationsTests
{
    private static readonly TenantId Tenant = ClientAccessTestHost.Tenant;

    private static async Task<ClientAccessTestHost> SeededAsync()
    {
        var host = new ClientAccessTestHost().Seed();
        await host.AddClientAsync(Tenant, "hides", hide: true, new JobId("job-1"));
        await host.AddClientAsync(Tenant, "shows", hide: false, new JobId("job-1"));
        await host.AddClientAsync(Tenant, "elsewhere", hide: false, new JobId("job-2"));
        var blocked = await host.AddClientAsync(Tenant, "blocked", hide: false, new JobId("job-1"));
        await host.SaveClientAsync(blocked with { Status = ClientStatus.Blocked });
        host.AddInterview(Tenant, new InterviewInfo(new InterviewId("i1"), new ApplicationId("app-1"), new JobId("job-1"),
            TestServices.Start.AddDays(1), TestServices.Start.AddDays(1).AddHours(1), "First interview", "Room 3",
            "Dear Taro, please confirm at taro.yamada@example.jp or 090-1234-5678."));
        return host;
    }

    [Fact]
    public async Task ByDefault_ACopyGoesToEachActiveClientOfTheVacancy_WithoutHiddenContacts()
    {
        using var host = await SeededAsync();

        var result = await host.InterviewCopies.SendClientCopiesAsync(Tenant, new InterviewId("i1"));

        result.SentTo.Select(c => c.Value).Should().Equal("hides", "shows");
        var hidden = host.Host.Emails.Single(e => e.Message.To.Contains("hides@client.example")).Message.TextBody!;
        hidden.Should().Contain("Taro Yamada").And.Contain("2026-11-24 18:00").And.Contain("Room 3")
            .And.NotContain("taro.yamada@example.jp").And.NotContain("090-1234-5678");
        var shown = host.Host.Emails.Single(e => e.Message.To.Contains("shows@client.example")).Message.TextBody!;
        shown.Should().Contain("taro.yamada@example.jp").And.Contain("090-1234-5678");
    }

    [Fact]
    public async Task RecruiterUnticksTheCopy_NothingIsSent()
    {
        using var host = await SeededAsync();

        (await host.InterviewCopies.SendClientCopiesAsync(Tenant, new InterviewId("i1"), sendToClients: false)).SentTo.Should().BeEmpty();
        host.Host.Emails.Should().BeEmpty();
    }

    [Fact]
    public async Task OptInTenant_SendsOnlyWhenTheRecruiterTicksIt()
    {
        using var host = await SeededAsync();
        await host.ConfigureAsync(new ClientAccessSettings { InterviewCopies = InterviewCopyMode.OptIn });

        var none = await host.InterviewCopies.SendClientCopiesAsync(Tenant, new InterviewId("i1"));
        var ticked = await host.InterviewCopies.SendClientCopiesAsync(Tenant, new InterviewId("i1"), sendToClients: true);

        none.Skipped.Should().Be("optIn");
        ticked.SentTo.Should().HaveCount(2);
        host.Host.Emails.Should().HaveCount(2);
    }

    [Fact]
    public async Task UnknownInterview_SendsNothing()
    {
        using var host = await SeededAsync();

        (await host.InterviewCopies.SendClientCopiesAsync(Tenant, new InterviewId("nope"))).Skipped.Should().Be("notFound");
    }

    [Fact]
    public async Task ACopyForAClientWithHiddenContacts_MasksThemInTitleAndLocationToo()
    {
        using var host = await SeededAsync();
        host.AddInterview(Tenant, new InterviewInfo(new InterviewId("i2"), new ApplicationId("app-1"), new JobId("job-1"),
            TestServices.Start.AddDays(2), TestServices.Start.AddDays(2).AddHours(1), "Call with taro.yamada@example.jp", "Phone call: 090-1234-5678, or 1-2-3 Marunouchi, Chiyoda-ku"));

        await host.InterviewCopies.SendClientCopiesAsync(Tenant, new InterviewId("i2"));

        var hidden = host.Host.Emails.Single(e => e.Message.To.Contains("hides@client.example")).Message.TextBody!;
        hidden.Should().NotContain("taro.yamada@example.jp").And.NotContain("090-1234-5678").And.NotContain("Marunouchi").And.Contain("Phone call");
        host.Host.Emails.Single(e => e.Message.To.Contains("shows@client.example")).Message.TextBody.Should().Contain("090-1234-5678");
    }

    [Fact]
    public async Task TheClientsInterviewCalendar_MasksHiddenContactsInTitleAndLocation()
    {
        using var host = await SeededAsync();
        host.AddInterview(Tenant, new InterviewInfo(new InterviewId("i2"), new ApplicationId("app-1"), new JobId("job-1"),
            TestServices.Start.AddDays(2), TestServices.Start.AddDays(2).AddHours(1), "Call with taro.yamada@example.jp", "Phone call: 090-1234-5678"));
        var hides = (await host.Clients.GetClientAsync(Tenant, new ClientId("hides")))!;
        var shows = (await host.Clients.GetClientAsync(Tenant, new ClientId("shows")))!;

        var hidden = (await host.Portal.GetInterviewCalendarAsync(ClientAccessTestHost.PrincipalOf(hides), TestServices.Start, TestServices.Start.AddDays(7))).Value!;
        var shown = (await host.Portal.GetInterviewCalendarAsync(ClientAccessTestHost.PrincipalOf(shows), TestServices.Start, TestServices.Start.AddDays(7))).Value!;

        var json = System.Text.Json.JsonSerializer.Serialize(hidden);
        json.Should().NotContain("taro.yamada@example.jp").And.NotContain("090-1234-5678");
        hidden.Days.SelectMany(d => d.Interviews).Should().HaveCount(2);
        shown.Days.SelectMany(d => d.Interviews).Single(i => i.Id.Value == "i2").Location.Should().Be("Phone call: 090-1234-5678");
    }
}
