using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Recruiting.MailImport.Importing;
using Recruiting.Testing;

namespace Recruiting.MailImport.Tests.Importing;

/// <summary>
/// Messages over <see cref="MailImportOptions.MaxMessageBytes"/> are kept whole as files in <see cref="MailImportOptions.OversizeDirectory"/>
/// (the quarantine record holds a pointer), so no database row is ever as large as the message and nothing is lost. Small sizes
/// through the options; the 50 MB case lives in bench/.
/// </summary>
public sealed class OversizeMailTests : IDisposable
{
    private const string Reply = "reply-forwarded-attachment.eml";
    private readonly TestTempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private ImportHarness Harness() => new(o =>
    {
        o.MaxMessageBytes = 4096;
        o.OversizeDirectory = _dir.Path;
    });

    [Fact]
    public async Task Oversize_message_is_kept_whole_in_a_file_and_the_store_holds_a_pointer()
    {
        using var h = Harness();
        var input = await File.ReadAllBytesAsync(ImportHarness.Eml(Reply));
        var sha = Convert.ToHexStringLower(SHA256.HashData(input));

        var outcome = await h.ImportAsync(Reply);
        var again = await h.ImportAsync(Reply);

        outcome.Status.Should().Be(ImportStatus.Quarantined);
        outcome.Reason.Should().Be(MailImportReason.TooLarge);
        outcome.Detail.Should().Contain(sha + ".eml");
        again.QuarantineId.Should().Be(outcome.QuarantineId);
        var file = Directory.GetFiles(_dir.Path).Should().ContainSingle().Subject;
        Path.GetFileName(file).Should().Be(sha + ".eml");
        (await File.ReadAllBytesAsync(file)).Should().Equal(input);

        var record = h.Stores.Quarantine.Should().ContainSingle().Subject;
        record.Request.Sha256.Should().Be(sha);
        record.Length.Should().BeLessThan(2048);
        await using var raw = await h.Stores.OpenRawAsync(record.Id);
        var pointer = await new StreamReader(raw!, Encoding.UTF8).ReadToEndAsync();
        pointer.Should().StartWith("X-Recruiting-Oversize-File: " + file + "\r\n");
        pointer.Should().Contain("X-Recruiting-Oversize-Length: " + input.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        pointer.Should().Contain("Subject: 2024-000123").And.Contain("From: ");
        h.Host.EventsOf<MailQuarantined>().Should().ContainSingle().Which.Reason.Should().Be("tooLarge");
        h.Host.History.Should().BeEmpty();
    }

    [Fact]
    public async Task Replay_after_the_limit_is_raised_imports_the_message_from_its_file()
    {
        using var h = Harness();
        var quarantined = await h.ImportAsync(Reply);
        var stillTooLarge = await h.Importer.ReplayAsync(quarantined.QuarantineId!);

        h.Services.GetRequiredService<IOptions<MailImportOptions>>().Value.MaxMessageBytes = MailImportConstants.DefaultMaxMessageBytes;
        var replayed = await h.Importer.ReplayAsync(quarantined.QuarantineId!);

        stillTooLarge!.Status.Should().Be(ImportStatus.Quarantined);
        stillTooLarge.Reason.Should().Be(MailImportReason.TooLarge);
        replayed!.Status.Should().Be(ImportStatus.Imported);
        replayed.Attachments.Should().HaveCount(2);
        h.Host.History.Should().ContainSingle().Which.Entry.Entry.TextBody.Should().Contain("anbei mein aktueller Lebenslauf");
        h.Stores.Quarantine.Single().State.Should().Be(QuarantineState.Released);
    }

    [Fact]
    public async Task Replay_of_a_pointer_whose_file_is_gone_reports_it_and_keeps_the_record()
    {
        using var h = Harness();
        var quarantined = await h.ImportAsync(Reply);
        File.Delete(Directory.GetFiles(_dir.Path).Single());

        var replayed = await h.Importer.ReplayAsync(quarantined.QuarantineId!);

        replayed!.Status.Should().Be(ImportStatus.Quarantined);
        replayed.Reason.Should().Be(MailImportReason.TooLarge);
        replayed.Detail.Should().Contain("missing");
        h.Stores.Quarantine.Single().State.Should().Be(QuarantineState.Held);
    }

    [Fact]
    public async Task A_mail_that_only_looks_like_a_pointer_never_makes_a_replay_read_another_file()
    {
        using var h = Harness();
        var victim = ImportHarness.Eml(Reply);
        var victimBytes = await File.ReadAllBytesAsync(victim);
        var forged = $"X-Recruiting-Oversize-File: {victim}\r\nX-Recruiting-Oversize-Sha256: {Convert.ToHexStringLower(SHA256.HashData(victimBytes))}\r\n"
            + $"X-Recruiting-Oversize-Length: {victimBytes.Length}\r\nFrom: hr@acme.example\r\nTo: import@acme.example\r\nSubject: no reference here\r\n\r\nhello\r\n";
        var quarantined = await h.Importer.ImportAsync(ImportHarness.Acme, new MemoryStream(Encoding.ASCII.GetBytes(forged)));

        var replayed = await h.Importer.ReplayAsync(quarantined.QuarantineId!);

        quarantined.Reason.Should().Be(MailImportReason.NoReference);
        replayed!.Status.Should().Be(ImportStatus.Quarantined);
        replayed.Reason.Should().Be(MailImportReason.NoReference);
        h.Host.History.Should().BeEmpty();
    }

    [Fact]
    public async Task A_full_oversize_folder_keeps_no_more_files_but_the_message_is_still_quarantined_with_the_reason()
    {
        using var h = new ImportHarness(o =>
        {
            o.MaxMessageBytes = 4096;
            o.OversizeDirectory = _dir.Path;
            o.MaxOversizeDirectoryBytes = 4096;
        });
        await File.WriteAllBytesAsync(Path.Combine(_dir.Path, "earlier.eml"), new byte[1000]);

        var outcome = await h.ImportAsync(Reply);
        var replay = await h.Importer.ReplayAsync(outcome.QuarantineId!);

        outcome.Status.Should().Be(ImportStatus.Quarantined);
        outcome.Reason.Should().Be(MailImportReason.TooLarge);
        outcome.Detail.Should().Contain("not kept").And.Contain("holds 1000 bytes").And.Contain("MaxOversizeDirectoryBytes");
        Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Should().Equal("earlier.eml");
        var record = h.Stores.Quarantine.Should().ContainSingle().Subject;
        await using (var raw = await h.Stores.OpenRawAsync(record.Id))
        {
            (await new StreamReader(raw!, Encoding.UTF8).ReadToEndAsync()).Should().Contain("Subject: 2024-000123").And.Contain("It was not kept");
        }

        replay!.Status.Should().Be(ImportStatus.Quarantined, "there is no file to replay from");
        replay.Detail.Should().Contain("missing");
        h.Host.History.Should().BeEmpty();
    }
}
