using Recruiting.MailImport.Importing;

namespace Recruiting.MailImport.Tests.Importing;

/// <summary>
/// A quarantined outcome shows what ARCHITECTURE.md's <c>mail import</c> shape promises: the reason, the reference when one was read,
/// no history entry, no attachments, and the candidate's <c>original</c> whenever the forward could be unwrapped.
/// </summary>
public sealed class QuarantinedOutcomeTests
{
    [Fact]
    public async Task Unknown_reference_shows_the_unwrapped_original_and_the_reference()
    {
        using var h = new ImportHarness();

        var outcome = await h.ImportAsync("unknown-reference.eml");

        outcome.Status.Should().Be(ImportStatus.Quarantined);
        outcome.Reference.Should().Be(new ApplicationReference("2024-000777"));
        outcome.HistoryEntryId.Should().BeNull();
        outcome.Attachments.Should().BeEmpty();
        outcome.Original.Should().Be(new ImportedOriginal(
            "max@candidate.example", "Max Mustermann", "Re: Ihre Bewerbung", new DateTimeOffset(2026, 11, 20, 10, 15, 0, TimeSpan.FromHours(1))));
    }

    [Fact]
    public async Task Untrusted_sender_shows_the_claimed_reference_and_the_inline_original()
    {
        using var h = new ImportHarness();
        var raw = "From: Mallory <mallory@evil.example>\r\nTo: import@acme.example\r\nSubject: 2024-000123 Fwd: Re: Interview\r\n"
            + "Message-ID: <evil-1@evil.example>\r\nDate: Tue, 5 Mar 2024 11:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + "---------- Forwarded message ---------\r\nFrom: Max <max@candidate.example>\r\nDate: Tue, 5 Mar 2024 at 10:15\r\n"
            + "Subject: Re: Interview\r\nTo: <hr@acme.example>\r\n\r\nTuesday works.\r\n";

        var outcome = await h.Importer.ImportAsync(ImportHarness.Acme, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)));

        outcome.Status.Should().Be(ImportStatus.Quarantined);
        outcome.Reason.Should().Be(MailImportReason.SenderNotAllowed);
        outcome.Reference.Should().Be(new ApplicationReference("2024-000123"));
        outcome.Original!.From.Should().Be("max@candidate.example");
        outcome.Original.Date.Should().Be(new DateTimeOffset(2024, 3, 5, 10, 15, 0, TimeSpan.FromHours(1)));
        h.Host.History.Should().BeEmpty();
    }

    [Fact]
    public async Task Nothing_unwrapped_leaves_original_null()
    {
        using var h = new ImportHarness();

        var outcome = await h.ImportAsync("stranger.eml");

        outcome.Status.Should().Be(ImportStatus.Quarantined);
        outcome.Original.Should().BeNull();
    }

    [Fact]
    public async Task Unreadable_mime_has_no_original()
    {
        using var h = new ImportHarness();

        var outcome = await h.ImportAsync("not-mime.eml");

        outcome.Reason.Should().Be(MailImportReason.UnreadableMime);
        outcome.Original.Should().BeNull();
        outcome.Reference.Should().BeNull();
    }
}
