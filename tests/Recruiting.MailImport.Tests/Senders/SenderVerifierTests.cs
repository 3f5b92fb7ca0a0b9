using MimeKit;
using Recruiting.MailImport.Senders;

namespace Recruiting.MailImport.Tests.Senders;

public sealed class SenderVerifierTests
{
    private static readonly string[] Trusted = ["mx.recruiting.example"];

    [Theory]
    [InlineData("acme.example", "acme.example", true)]
    [InlineData("acme.example", "mail.acme.example", true)]
    [InlineData("ACME.example.", "acme.example", true)]
    [InlineData("mail.acme.example", "acme.example", false)]
    [InlineData("notacme.example", "acme.example", false)]
    [InlineData("example", "acme.example", false)]
    [InlineData("cme.example", "acme.example", false)]
    public void Alignment_is_relaxed_but_never_crosses_domains(string authenticated, string from, bool aligned)
        => SenderVerifier.Aligned(authenticated, from).Should().Be(aligned);

    [Fact]
    public void Only_the_topmost_run_of_trusted_results_is_believed()
    {
        var headers = new HeaderList
        {
            new Header("Authentication-Results", "mx.recruiting.example; dkim=fail header.d=acme.example"),
            new Header("Authentication-Results", "mx.recruiting.example; spf=pass smtp.mailfrom=acme.example"),
            new Header("Received", "from x by mx.recruiting.example"),
            new Header("Authentication-Results", "mx.recruiting.example; dkim=pass header.d=acme.example"),
        };

        var results = SenderVerifier.TrustedResults(headers, Trusted);

        results.Should().HaveCount(2);
        results.SelectMany(r => r.Results).Select(r => r.Method + "=" + r.Result).Should().Equal("dkim=fail", "spf=pass");
    }

    [Fact]
    public void Results_of_other_servers_above_are_skipped_and_without_trusted_ids_nothing_is_believed()
    {
        var headers = new HeaderList
        {
            new Header("Authentication-Results", "relay.other.example; dkim=pass header.d=acme.example"),
            new Header("Authentication-Results", "mx.recruiting.example; dkim=pass header.d=acme.example"),
        };

        SenderVerifier.TrustedResults(headers, Trusted).Should().ContainSingle();
        SenderVerifier.TrustedResults(headers, []).Should().BeEmpty();
    }

    [Theory]
    [InlineData("hr@acme.example", "acme.example", true)]
    [InlineData("HR@ACME.EXAMPLE", "acme.example", true)]
    [InlineData("boss@partner.example", "partner.example", true)]
    [InlineData("other@partner.example", "partner.example", false)]
    [InlineData("x@evil.example", "evil.example", false)]
    [InlineData("x@sub.acme.example", "sub.acme.example", false)]
    public void Allow_list_takes_addresses_and_domains(string address, string domain, bool trusted)
    {
        var settings = new TenantMailSettings { Tenant = new TenantId("acme"), AllowedSenders = ["@acme.example", "boss@partner.example", " "] };

        SenderVerifier.VerifyAllowList(settings, address, domain).Trusted.Should().Be(trusted);
    }
}
