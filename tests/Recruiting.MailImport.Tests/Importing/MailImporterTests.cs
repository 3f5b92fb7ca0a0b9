using Recruiting.MailImport.Importing;
using Recruiting.Testing;

namespace Recruiting.MailImport.Tests.Importing;

public sealed class MailImporterTests
{
    [Fact]
    public async Task Forward_as_attachment_is_filed_with_cv_and_cover_letter()
    {
        using var h = new ImportHarness();

        var outcome = await h.ImportAsync("reply-forwarded-attachment.eml");

        outcome.Status.Should().Be(ImportStatus.Imported);
        outcome.Reason.Should().BeNull();
        outcome.Reference.Should().Be(new ApplicationReference("2024-000123"));
        outcome.Application.Should().Be(h.Application.Id);
        outcome.Original.Should().NotBeNull();
        outcome.Original!.From.Should().Be("max@candidate.example");
        outcome.Original.FromName.Should().Be("Max Mustermann");
        outcome.Original.Subject.Should().Be("Re: Ihre Bewerbung");
        outcome.Attachments.Should().BeEquivalentTo(
            [new ImportedAttachment("Lebenslauf_Max_Mustermann.pdf", DocumentKind.Cv), new ImportedAttachment("Anschreiben.pdf", DocumentKind.CoverLetter)],
            o => o.WithStrictOrdering());

        var (tenant, stored) = h.Host.History.Should().ContainSingle().Subject;
        tenant.Should().Be(ImportHarness.Acme);
        stored.Id.Should().Be(outcome.HistoryEntryId!.Value);
        stored.Application.Should().Be(h.Application.Id);
        stored.Entry.Kind.Should().Be(HistoryEntryKind.EmailReceived);
        stored.Entry.Title.Should().Be("Re: Ihre Bewerbung");
        stored.Entry.TextBody.Should().Contain("anbei mein aktueller Lebenslauf");
        stored.Entry.HtmlBody.Should().Contain("<b>Lebenslauf</b>");
        stored.Entry.OccurredAt.Should().Be(new DateTimeOffset(2026, 11, 20, 10, 15, 0, TimeSpan.FromHours(1)));
        stored.Entry.Properties["unwrapped"].Should().Be("true");
        stored.Entry.Properties["recruiterNote"].Should().Contain("Bitte zur Bewerbung ablegen");
        stored.Entry.Properties.Should().ContainKey("header.From").WhoseValue.Should().Contain("max@candidate.example");

        h.Host.Documents.Select(d => d.Document.FileName).Should().Equal("Lebenslauf_Max_Mustermann.pdf", "Anschreiben.pdf");
        h.Host.Documents.Select(d => d.Document.Kind).Should().Equal(DocumentKind.Cv, DocumentKind.CoverLetter);
        h.Host.Documents[0].Content.Should().HaveCount(6000);
        h.Host.Documents[0].Content.Take(8).Should().Equal("%PDF-1.4"u8.ToArray());
        outcome.Documents.Should().Equal(h.Host.Documents.Select(d => d.Document.Id));

        h.Host.Emails.Select(e => e.Message.To.Single()).Should().BeEquivalentTo("hr@acme.example", "dept@acme.example");
        h.Host.Emails.Should().OnlyContain(e => e.Message.Application == h.Application.Id && e.Message.Subject.Contains("2024-000123"));

        var imported = h.Host.EventsOf<MailReplyImported>().Should().ContainSingle().Subject;
        imported.Tenant.Should().Be(ImportHarness.Acme);
        imported.HistoryEntry.Should().Be(outcome.HistoryEntryId!.Value);
        imported.Documents.Should().HaveCount(2);
        h.Stores.Ledger.Should().ContainSingle().Which.State.Should().Be(LedgerState.Done);
        h.Stores.Quarantine.Should().BeEmpty();
    }

    [Fact]
    public async Task Inline_gmail_forward_is_unwrapped()
    {
        using var h = new ImportHarness();

        var outcome = await h.ImportAsync("reply-inline-gmail.eml");

        outcome.Status.Should().Be(ImportStatus.Imported);
        outcome.Reference!.Value.Value.Should().Be("2024-000124");
        outcome.Original.Should().NotBeNull();
        outcome.Original!.From.Should().Be("max@candidate.example");
        outcome.Original.Subject.Should().Be("Re: Interview");
        outcome.Attachments.Select(a => a.Kind).Should().Equal(DocumentKind.Cv, DocumentKind.CoverLetter);
        h.Host.History.Single().Entry.Entry.TextBody.Should().Contain("I can come on Tuesday");
    }

    [Fact]
    public async Task Second_import_is_a_duplicate_with_the_first_entry_and_changes_nothing()
    {
        using var h = new ImportHarness();
        var first = await h.ImportAsync("reply-forwarded-attachment.eml");

        var second = await h.ImportAsync("reply-forwarded-attachment.eml");

        second.Status.Should().Be(ImportStatus.Duplicate);
        second.HistoryEntryId.Should().Be(first.HistoryEntryId);
        second.Attachments.Should().BeEquivalentTo(first.Attachments);
        second.Documents.Should().Equal(first.Documents);
        h.Host.History.Should().ContainSingle();
        h.Host.Documents.Should().HaveCount(2);
        h.Host.Emails.Should().HaveCount(2);
        h.Host.EventsOf<MailReplyImported>().Should().ContainSingle();
    }

    [Fact]
    public async Task Same_candidate_message_forwarded_twice_is_a_duplicate()
    {
        // The key is the candidate's Message-ID: a second forward of the same reply (other outer id, other note) changes nothing.
        using var h = new ImportHarness();
        var first = await h.ImportAsync("reply-forwarded-attachment.eml");
        var raw = await File.ReadAllTextAsync(ImportHarness.Eml("reply-forwarded-attachment.eml"));
        var again = raw.Replace("<fwd-1@acme.example>", "<fwd-1-again@acme.example>", StringComparison.Ordinal);
        again.Should().NotBe(raw);

        var second = await h.Importer.ImportAsync(ImportHarness.Acme, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(again)));

        second.Status.Should().Be(ImportStatus.Duplicate);
        second.HistoryEntryId.Should().Be(first.HistoryEntryId);
        h.Host.History.Should().ContainSingle();
    }

    [Fact]
    public async Task Without_any_message_id_the_raw_bytes_are_the_key()
    {
        using var h = new ImportHarness();
        var first = await h.ImportAsync("no-message-id.eml");
        var second = await h.ImportAsync("no-message-id.eml");

        first.Status.Should().Be(ImportStatus.Imported);
        first.Original.Should().BeNull();
        first.Key!.Value.Value.Should().Contain("sha256");
        second.Status.Should().Be(ImportStatus.Duplicate);
        h.Host.History.Single().Entry.Entry.Properties["unwrapped"].Should().Be("false");
    }

    [Fact]
    public async Task Crash_after_the_host_appended_but_before_the_ledger_mark_neither_loses_nor_doubles()
    {
        using var h = new ImportHarness();
        var crashes = 1;
        h.Stores.BeforeComplete = _ => crashes-- > 0 ? new IOException("process killed before the mark") : null;

        var crashed = async () => await h.ImportAsync("reply-forwarded-attachment.eml");
        await crashed.Should().ThrowAsync<IOException>();
        h.Host.History.Should().ContainSingle("the host applied the effect before the crash");
        h.Stores.Ledger.Single().State.Should().Be(LedgerState.Pending);

        var rerun = await h.ImportAsync("reply-forwarded-attachment.eml");

        rerun.Status.Should().Be(ImportStatus.Imported);
        rerun.HistoryEntryId.Should().Be(h.Host.History.Single().Entry.Id);
        h.Host.History.Should().ContainSingle();
        h.Host.Documents.Should().HaveCount(2);
        h.Host.Emails.Should().HaveCount(2, "the notification's key is derived from the import's, so the rerun sends nothing new");
        h.Host.RepeatedKeys.Should().BeGreaterThanOrEqualTo(3);
        h.Stores.Ledger.Single().State.Should().Be(LedgerState.Done);
    }

    [Fact]
    public async Task Host_failing_after_filing_one_document_is_completed_by_a_rerun()
    {
        using var h = new ImportHarness();
        var crashed = false;
        h.Host.AfterApply = (operation, _) =>
        {
            if (operation != "document" || crashed)
            {
                return null;
            }

            crashed = true;
            return new TimeoutException("connection lost after the host stored it");
        };

        var first = async () => await h.ImportAsync("reply-forwarded-attachment.eml");
        await first.Should().ThrowAsync<TimeoutException>();
        h.Host.Documents.Should().ContainSingle();

        var rerun = await h.ImportAsync("reply-forwarded-attachment.eml");

        rerun.Status.Should().Be(ImportStatus.Imported);
        h.Host.History.Should().ContainSingle();
        h.Host.Documents.Select(d => d.Document.FileName).Should().Equal("Lebenslauf_Max_Mustermann.pdf", "Anschreiben.pdf");
        h.Host.EventsOf<MailReplyImported>().Should().ContainSingle();
    }

    [Theory]
    [InlineData("no-subject.eml", MailImportReason.NoReference)]
    [InlineData("no-subject-header.eml", MailImportReason.NoReference)]
    [InlineData("unknown-reference.eml", MailImportReason.UnknownReference)]
    [InlineData("other-tenant.eml", MailImportReason.OtherTenant)]
    [InlineData("stranger.eml", MailImportReason.SenderNotAllowed)]
    [InlineData("not-mime.eml", MailImportReason.UnreadableMime)]
    [InlineData("truncated.eml", MailImportReason.UnreadableMime)]
    public async Task Bad_input_is_quarantined_with_its_reason_and_raw_bytes(string file, MailImportReason reason)
    {
        using var h = new ImportHarness();

        var outcome = await h.ImportAsync(file);

        outcome.Status.Should().Be(ImportStatus.Quarantined);
        outcome.Reason.Should().Be(reason);
        outcome.HistoryEntryId.Should().BeNull();
        var kept = h.Stores.Quarantine.Should().ContainSingle().Subject;
        kept.Id.Should().Be(outcome.QuarantineId);
        kept.Request.Reason.Should().Be(reason);
        kept.Request.Tenant.Should().Be(ImportHarness.Acme);
        kept.Length.Should().Be(new FileInfo(ImportHarness.Eml(file)).Length);
        await using (var raw = await h.Stores.OpenRawAsync(kept.Id))
        {
            using var copy = new MemoryStream();
            await raw!.CopyToAsync(copy);
            copy.ToArray().Should().Equal(await File.ReadAllBytesAsync(ImportHarness.Eml(file)));
        }

        var quarantined = h.Host.EventsOf<MailQuarantined>().Should().ContainSingle().Subject;
        quarantined.QuarantineId.Should().Be(kept.Id);
        quarantined.Reason.Should().Be(reason.ToWord());
        h.Host.History.Should().BeEmpty();
        h.Host.Documents.Should().BeEmpty();
    }

    [Fact]
    public async Task Subject_starting_with_at_sign_is_quarantined_not_read_as_a_reference()
    {
        using var h = new ImportHarness();

        var outcome = await h.ImportAsync("subject-at.eml");

        outcome.Status.Should().Be(ImportStatus.Quarantined);
        outcome.Reason.Should().BeOneOf(MailImportReason.NoReference, MailImportReason.MalformedReference);
    }

    [Fact]
    public async Task Subject_of_100_KB_is_read_and_imported()
    {
        using var h = new ImportHarness();

        var outcome = await h.ImportAsync("subject-100kb.eml");

        outcome.Status.Should().Be(ImportStatus.Imported);
        outcome.Reference!.Value.Value.Should().Be("2024-000123");
        h.Host.History.Single().Entry.Entry.Title.Length.Should().BeLessThan(20_000);
    }

    [Fact]
    public async Task Other_tenant_reference_reveals_nothing_of_the_other_tenant()
    {
        using var h = new ImportHarness();

        var outcome = await h.ImportAsync("other-tenant.eml");

        outcome.Reason.Should().Be(MailImportReason.OtherTenant);
        outcome.Application.Should().BeNull();
        outcome.Detail.Should().NotContain("beta");
        h.Host.History.Should().BeEmpty();
    }

    [Fact]
    public async Task Message_larger_than_the_limit_is_quarantined_as_too_large()
    {
        using var dir = new TestTempDirectory();
        using var h = new ImportHarness(o =>
        {
            o.MaxMessageBytes = 100_000;
            o.OversizeDirectory = dir.Path;
        });

        var outcome = await h.ImportAsync("big-attachment.eml");

        outcome.Status.Should().Be(ImportStatus.Quarantined);
        outcome.Reason.Should().Be(MailImportReason.TooLarge);
        h.Stores.Quarantine.Single().Length.Should().BeLessThan(2_000, "the store holds a pointer, the file holds the message");
        Directory.GetFiles(dir.Path).Should().ContainSingle().Which.Should().EndWith(h.Stores.Quarantine.Single().Request.Sha256 + ".eml");
    }

    [Fact]
    public async Task Big_attachment_within_the_limits_is_streamed_to_the_host_intact()
    {
        using var h = new ImportHarness();

        var outcome = await h.ImportAsync("big-attachment.eml");

        outcome.Status.Should().Be(ImportStatus.Imported);
        outcome.Attachments.Should().ContainSingle().Which.Should().Be(new ImportedAttachment("Zeugnis.pdf", DocumentKind.Certificate));
        var content = h.Host.Documents.Single().Content;
        content.Should().HaveCount(200_000);
        content.Take(8).Should().Equal("%PDF-1.4"u8.ToArray());
    }

    [Fact]
    public async Task Many_tiny_parts_beyond_the_limit_are_refused_before_parsing()
    {
        using var h = new ImportHarness(o => o.MaxParts = 100);

        var outcome = await h.ImportAsync("many-parts.eml");

        outcome.Reason.Should().Be(MailImportReason.TooLarge);
        outcome.Detail.Should().Contain("100 MIME parts");
    }

    [Fact]
    public async Task Many_tiny_parts_within_the_limit_are_imported()
    {
        using var h = new ImportHarness(o => o.MaxParts = 1000);

        var outcome = await h.ImportAsync("many-parts.eml");

        outcome.Status.Should().Be(ImportStatus.Imported);
    }

    [Fact]
    public async Task Forwards_nested_20_deep_are_imported_with_default_limits()
    {
        using var h = new ImportHarness();

        var outcome = await h.ImportAsync("nested-20.eml");

        outcome.Status.Should().Be(ImportStatus.Imported);
        outcome.Attachments.Should().NotContain(a => a.FileName.EndsWith(".eml", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Forwards_nested_deeper_than_the_limit_are_quarantined_as_too_large()
    {
        using var h = new ImportHarness(o => o.MaxDepth = 10);

        var outcome = await h.ImportAsync("nested-20.eml");

        outcome.Reason.Should().Be(MailImportReason.TooLarge);
        outcome.Detail.Should().Contain("10 deep");
    }

    [Fact]
    public async Task Iso_2022_jp_forward_is_decoded()
    {
        using var h = new ImportHarness();

        var outcome = await h.ImportAsync("iso-2022-jp.eml");

        outcome.Status.Should().Be(ImportStatus.Imported);
        outcome.Original!.Subject.Should().Be("Re: 面接日程について");
        h.Host.History.Single().Entry.Entry.TextBody.Should().Contain("来週火曜日の10時");
    }

    [Fact]
    public async Task Shift_jis_eight_bit_body_and_subject_are_decoded()
    {
        using var h = new ImportHarness();

        var outcome = await h.ImportAsync("shift_jis.eml");

        outcome.Status.Should().Be(ImportStatus.Imported);
        outcome.Attachments.Should().ContainSingle().Which.Should().Be(new ImportedAttachment("履歴書.pdf", DocumentKind.Cv));
        h.Host.History.Single().Entry.Entry.TextBody.Should().Contain("履歴書を添付いたします");
    }

    [Fact]
    public async Task Windows_1252_body_and_french_prefixes_are_read()
    {
        using var h = new ImportHarness();

        var outcome = await h.ImportAsync("windows-1252.eml");

        outcome.Status.Should().Be(ImportStatus.Imported);
        outcome.Reference!.Value.Value.Should().Be("2024-000123");
        outcome.Attachments.Should().ContainSingle().Which.Kind.Should().Be(DocumentKind.CoverLetter);
        h.Host.History.Single().Entry.Entry.TextBody.Should().Contain("Voilà ma lettre de motivation – merci");
    }

    [Fact]
    public async Task Broken_base64_and_unknown_charset_do_not_stop_the_import()
    {
        using var h = new ImportHarness();

        var outcome = await h.ImportAsync("broken-base64.eml");

        outcome.Status.Should().Be(ImportStatus.Imported);
        outcome.Attachments.Should().ContainSingle().Which.FileName.Should().Be("Zeugnis.pdf");
        h.Host.Documents.Single().Content.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Html_with_xss_vectors_is_stored_sanitised()
    {
        using var h = new ImportHarness();

        var outcome = await h.ImportAsync("xss.eml");

        outcome.Status.Should().Be(ImportStatus.Imported);
        var html = h.Host.History.Single().Entry.Entry.HtmlBody;
        html.Should().NotBeNull();
        html.Should().NotContainAny("<script", "alert(", "onerror", "onload", "javascript:", "tracker.example", "evil.example", "<iframe", "<svg");
        html.Should().Contain("https://example.com/ok");
    }

    [Fact]
    public async Task Tnef_winmail_dat_is_unpacked_and_not_filed_itself()
    {
        using var h = new ImportHarness();

        var outcome = await h.ImportAsync("tnef.eml");

        outcome.Status.Should().Be(ImportStatus.Imported);
        outcome.Attachments.Should().BeEquivalentTo(
            [new ImportedAttachment("Lebenslauf.pdf", DocumentKind.Cv), new ImportedAttachment("Zeugnis.pdf", DocumentKind.Certificate)]);
        h.Host.Documents.Should().NotContain(d => d.Document.FileName.Contains("winmail", StringComparison.OrdinalIgnoreCase));
        h.Host.Documents.Single(d => d.Document.FileName == "Lebenslauf.pdf").Content.Should().HaveCount(1800);
    }

    [Fact]
    public async Task Attachment_names_with_path_traversal_or_control_characters_are_made_safe()
    {
        using var h = new ImportHarness();

        var outcome = await h.ImportAsync("path-traversal.eml");

        outcome.Status.Should().Be(ImportStatus.Imported);
        outcome.Attachments.Should().HaveCount(3);
        foreach (var name in h.Host.Documents.Select(d => d.Document.FileName))
        {
            name.Should().NotContainAny("/", "\\", "..");
            name.Any(char.IsControl).Should().BeFalse();
            name.Should().EndWith(".pdf");
        }

        h.Host.Documents.Select(d => d.Document.FileName).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Quarantined_mail_is_replayed_once_the_application_exists_and_released()
    {
        using var h = new ImportHarness();
        var quarantined = await h.ImportAsync("unknown-reference.eml");
        quarantined.Reason.Should().Be(MailImportReason.UnknownReference);

        var stillUnknown = await h.Importer.ReplayAsync(quarantined.QuarantineId!);
        stillUnknown!.Status.Should().Be(ImportStatus.Quarantined);
        h.Stores.Quarantine.Should().ContainSingle().Which.Attempts.Should().Be(2);

        h.Host.AddApplication(ImportHarness.Acme, "a-777", "2024-000777", new CandidateId("c-1"), null, [h.Hr.Id]);
        var replayed = await h.Importer.ReplayAsync(quarantined.QuarantineId!);

        replayed!.Status.Should().Be(ImportStatus.Imported);
        replayed.QuarantineId.Should().Be(quarantined.QuarantineId);
        h.Host.History.Should().ContainSingle().Which.Entry.Application.Should().Be(new ApplicationId("a-777"));
        var record = h.Stores.Quarantine.Single();
        record.State.Should().Be(QuarantineState.Released);
        record.HistoryEntry.Should().Be(replayed.HistoryEntryId!.Value.Value);
        record.ReleasedAt.Should().Be(h.Time.GetUtcNow());
        (await h.Importer.ReplayAsync(quarantined.QuarantineId!)).Should().BeNull("a released record is not replayed again");
        h.Host.EventsOf<MailQuarantined>().Should().ContainSingle();
    }

    [Fact]
    public async Task Same_bad_message_twice_is_kept_once()
    {
        using var h = new ImportHarness();

        var first = await h.ImportAsync("stranger.eml");
        var second = await h.ImportAsync("stranger.eml");

        second.QuarantineId.Should().Be(first.QuarantineId);
        h.Stores.Quarantine.Should().ContainSingle().Which.Attempts.Should().Be(2);
        h.Host.EventsOf<MailQuarantined>().Should().ContainSingle();
    }

    [Fact]
    public async Task Webhook_message_finds_its_tenant_from_the_recipients()
    {
        using var h = new ImportHarness();
        await using var stream = File.OpenRead(ImportHarness.Eml("reply-forwarded-attachment.eml"));

        var outcome = await h.Importer.ImportAsync(stream);

        outcome.Status.Should().Be(ImportStatus.Imported);
        outcome.Tenant.Should().Be(ImportHarness.Acme);
    }

    [Fact]
    public async Task Import_address_selects_the_tenant_and_an_unknown_one_is_quarantined()
    {
        using var h = new ImportHarness();
        await using (var stream = File.OpenRead(ImportHarness.Eml("reply-forwarded-attachment.eml")))
        {
            (await h.Importer.ImportAsync("IMPORT@acme.example", stream)).Status.Should().Be(ImportStatus.Imported);
        }

        await using (var stream = File.OpenRead(ImportHarness.Eml("reply-inline-gmail.eml")))
        {
            var outcome = await h.Importer.ImportAsync("nobody@nowhere.example", stream);
            outcome.Status.Should().Be(ImportStatus.Quarantined);
            outcome.Reason.Should().Be(MailImportReason.UnknownRecipient);
            outcome.Tenant.Should().BeNull();
        }

        h.Stores.Quarantine.Should().ContainSingle().Which.Request.Tenant.Should().BeNull();
    }

    [Fact]
    public async Task Authenticated_sender_with_aligned_dkim_who_is_a_tenant_user_is_trusted()
    {
        using var h = new ImportHarness(acmeVerification: SenderVerification.Authenticated);

        (await h.ImportAsync("authenticated.eml")).Status.Should().Be(ImportStatus.Imported);
    }

    [Fact]
    public async Task Authentication_results_injected_below_the_receiving_servers_own_are_ignored()
    {
        using var h = new ImportHarness(acmeVerification: SenderVerification.Authenticated);

        var outcome = await h.ImportAsync("authenticated-forged.eml");

        outcome.Reason.Should().Be(MailImportReason.SenderNotAllowed);
        outcome.Detail.Should().Contain("no DKIM or DMARC pass");
    }

    [Fact]
    public async Task Authenticated_sender_who_is_not_a_user_of_the_tenant_is_refused()
    {
        using var h = new ImportHarness(acmeVerification: SenderVerification.Authenticated);
        h.Host.Users.TryRemove((ImportHarness.Acme, h.Hr.Id), out _);

        var outcome = await h.ImportAsync("authenticated.eml");

        outcome.Reason.Should().Be(MailImportReason.SenderNotAllowed);
        outcome.Detail.Should().Contain("not an active user");
    }

    [Fact]
    public async Task Without_authentication_results_an_authenticated_tenant_refuses_the_sender()
    {
        using var h = new ImportHarness(acmeVerification: SenderVerification.Authenticated);

        (await h.ImportAsync("reply-forwarded-attachment.eml")).Reason.Should().Be(MailImportReason.SenderNotAllowed);
    }
}
