using System.Text;
using Recruiting.MailImport.Importing;

namespace Recruiting.MailImport.Tests.Importing;

public sealed class MimePreScannerTests
{
    private static PreScanResult Scan(string mime, Action<MailImportOptions>? configure = null)
    {
        var options = new MailImportOptions();
        configure?.Invoke(options);
        return new MimePreScanner(options).Scan(new MemoryStream(Encoding.UTF8.GetBytes(mime.ReplaceLineEndings("\r\n"))), CancellationToken.None);
    }

    [Fact]
    public void A_well_formed_message_passes_with_its_parts_counted()
    {
        var result = Scan(File.ReadAllText(ImportHarness.Eml("reply-forwarded-attachment.eml")));

        result.Reason.Should().BeNull();
        result.Parts.Should().BeGreaterThan(5);
        result.MaxDepth.Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void Too_many_header_fields_are_refused()
    {
        var headers = string.Concat(Enumerable.Range(0, 50).Select(i => $"X-H{i}: v\n"));

        Scan(headers + "Subject: x\n\nbody\n", o => o.MaxHeaderCount = 20).Reason.Should().Be(MailImportReason.TooLarge);
    }

    [Fact]
    public void A_huge_header_block_is_refused()
    {
        Scan("Subject: " + new string('a', 5000) + "\n\nbody\n", o => o.MaxHeaderBytes = 2048).Detail.Should().Contain("2048 bytes");
    }

    [Fact]
    public void A_multipart_without_its_closing_boundary_is_truncated()
    {
        var result = Scan("Subject: x\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nhello\n--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n");

        result.Reason.Should().Be(MailImportReason.UnreadableMime);
        result.Detail.Should().Contain("truncated");
    }

    [Fact]
    public void Bytes_without_headers_are_unreadable()
    {
        Scan("\n\njust text").Reason.Should().Be(MailImportReason.UnreadableMime);
    }
}
