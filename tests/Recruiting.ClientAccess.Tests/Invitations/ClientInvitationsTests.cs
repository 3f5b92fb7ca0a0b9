using Recruiting.ClientAccess.Tests.Clients;

namespace Recruiting.ClientAccess.Tests.Invitations;

public sealed class ClientInvitationsTests
{
    private static readonly TenantId Tenant = ClientAccessTestHost.Tenant;
    private static readonly UserId Recruiter = new("recruiter");

    private static async Task<(ClientAccessTestHost Host, ClientInfo Client, string Token)> InvitedAsync()
    {
        var host = new ClientAccessTestHost().Seed();
        var added = await host.Admin.AddClientAsync(Tenant, new NewClient { Name = "A", Email = "a@customer.example", Vacancies = [new JobId("job-1")] }, Recruiter);
        return (host, added.Client!, ClientAdministrationTests.TokenOf(added.Invitation!));
    }

    [Fact]
    public async Task Redeem_ValidToken_GivesASessionForThatClient()
    {
        var (host, client, token) = await InvitedAsync();
        using var _ = host;

        var redemption = await host.Invitations.RedeemAsync(Tenant, token);

        redemption.Succeeded.Should().BeTrue();
        redemption.Session!.Principal.Client.Should().Be(client.Id);
        var auth = await host.Invitations.AuthenticateAsync(Tenant, redemption.Session.SessionToken);
        auth.Principal.Should().Be(redemption.Session.Principal);
    }

    [Fact]
    public async Task Redeem_Twice_IsRefusedAsUsed()
    {
        var (host, _, token) = await InvitedAsync();
        using var __ = host;
        await host.Invitations.RedeemAsync(Tenant, token);

        (await host.Invitations.RedeemAsync(Tenant, token)).Refusal.Should().Be(TokenRefusal.Used);
    }

    [Fact]
    public async Task Redeem_AfterExpiry_IsRefusedAsExpired()
    {
        var (host, _, token) = await InvitedAsync();
        using var __ = host;
        host.Time.Advance(TimeSpan.FromDays(7));

        (await host.Invitations.RedeemAsync(Tenant, token)).Refusal.Should().Be(TokenRefusal.Expired);
    }

    [Fact]
    public async Task ReInvite_RevokesEarlierLinks_NewOneWorks()
    {
        var (host, client, first) = await InvitedAsync();
        using var _ = host;

        var again = await host.Invitations.InviteAsync(Tenant, client.Id, Recruiter);

        again!.Revoked.Should().Be(1);
        (await host.Invitations.RedeemAsync(Tenant, first)).Refusal.Should().Be(TokenRefusal.Revoked);
        (await host.Invitations.RedeemAsync(Tenant, ClientAdministrationTests.TokenOf(again))).Succeeded.Should().BeTrue();
        host.Host.Emails.Should().HaveCount(2);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("000000000000000000000000.secret")]
    public async Task Redeem_MalformedOrUnknownToken_IsInvalid(string? token)
    {
        var (host, _, _) = await InvitedAsync();
        using var __ = host;

        (await host.Invitations.RedeemAsync(Tenant, token)).Refusal.Should().Be(TokenRefusal.Invalid);
    }

    [Fact]
    public async Task Redeem_TamperedSecretOrOtherTenant_IsInvalid()
    {
        var (host, _, token) = await InvitedAsync();
        using var _ = host;
        var tampered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');

        (await host.Invitations.RedeemAsync(Tenant, tampered)).Refusal.Should().Be(TokenRefusal.Invalid);
        (await host.Invitations.RedeemAsync(ClientAccessTestHost.OtherTenant, token)).Refusal.Should().Be(TokenRefusal.Invalid);
        (await host.Invitations.RedeemAsync(Tenant, token)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task OnlyTheHashOfTokensIsStored()
    {
        var (host, _, token) = await InvitedAsync();
        using var _ = host;
        var session = (await host.Invitations.RedeemAsync(Tenant, token)).Session!;

        var invitation = (await host.Credentials.GetInvitationAsync(Tenant, token.Split('.')[0]))!;
        invitation.TokenHash.Should().Be(SecretComparer.HashToken(token)).And.NotContain(token.Split('.')[1]);
        (await host.Credentials.GetSessionAsync(Tenant, session.Principal.SessionId))!.TokenHash.Should().Be(SecretComparer.HashToken(session.SessionToken));
        var stored = string.Concat(Directory.GetFiles(Path.GetDirectoryName(host.DatabasePath)!).Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        stored.Should().NotContain(token.Split('.')[1]).And.NotContain(session.SessionToken.Split('.')[1], "the SQLite file keeps only hashes");
    }

    [Fact]
    public async Task Redeem_BlockedClient_IsRefused_AndInviteOfBlockedClientSendsNothing()
    {
        var (host, client, token) = await InvitedAsync();
        using var _ = host;
        await host.SaveClientAsync(client with { Status = ClientStatus.Blocked });

        (await host.Invitations.RedeemAsync(Tenant, token)).Refusal.Should().Be(TokenRefusal.ClientBlocked);
        (await host.Invitations.InviteAsync(Tenant, client.Id, Recruiter)).Should().BeNull();
        host.Host.Emails.Should().HaveCount(1);
    }

    [Fact]
    public async Task Session_Expires()
    {
        var (host, _, token) = await InvitedAsync();
        using var _ = host;
        var session = (await host.Invitations.RedeemAsync(Tenant, token)).Session!;

        host.Time.Advance(TimeSpan.FromHours(12));

        (await host.Invitations.AuthenticateAsync(Tenant, session.SessionToken)).Refusal.Should().Be(TokenRefusal.Expired);
    }
}
