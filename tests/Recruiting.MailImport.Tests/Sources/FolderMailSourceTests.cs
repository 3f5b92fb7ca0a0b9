using Microsoft.Extensions.Logging.Abstractions;
using Recruiting.MailImport.Importing;
using Recruiting.MailImport.Sources;
using Recruiting.MailImport.Tests.Importing;
using Recruiting.Testing;

namespace Recruiting.MailImport.Tests.Sources;

public sealed class FolderMailSourceTests
{
    [Fact]
    public async Task Files_are_moved_to_done_or_quarantine_after_their_outcome()
    {
        using var h = new ImportHarness();
        using var dir = new TestTempDirectory();
        File.Copy(ImportHarness.Eml("reply-forwarded-attachment.eml"), dir.File("a.eml"));
        File.Copy(ImportHarness.Eml("stranger.eml"), dir.File("b.eml"));
        await File.WriteAllTextAsync(dir.File("notes.txt"), "not mail");
        var source = new FolderMailSource(h.Importer, new FolderMailSourceOptions { Path = dir.Path, Tenant = ImportHarness.Acme }, NullLogger<FolderMailSource>.Instance);

        var items = await source.RunOnceAsync();

        items.Select(i => (i.File, i.Outcome.Status)).Should().Equal(("a.eml", ImportStatus.Imported), ("b.eml", ImportStatus.Quarantined));
        File.Exists(Path.Combine(dir.Path, "done", "a.eml")).Should().BeTrue();
        File.Exists(Path.Combine(dir.Path, "quarantine", "b.eml")).Should().BeTrue();
        File.Exists(dir.File("a.eml")).Should().BeFalse();
        File.Exists(dir.File("notes.txt")).Should().BeTrue();
        (await source.RunOnceAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_file_left_in_place_by_a_crash_is_reported_as_duplicate_and_moved_without_a_second_name_clash()
    {
        using var h = new ImportHarness();
        using var dir = new TestTempDirectory();
        var source = new FolderMailSource(h.Importer, new FolderMailSourceOptions { Path = dir.Path, Tenant = ImportHarness.Acme }, NullLogger<FolderMailSource>.Instance);
        File.Copy(ImportHarness.Eml("reply-forwarded-attachment.eml"), dir.File("a.eml"));
        await source.RunOnceAsync();

        // The same file again, as if the process had died after the import and before the move.
        File.Copy(ImportHarness.Eml("reply-forwarded-attachment.eml"), dir.File("a.eml"));
        var items = await source.RunOnceAsync();

        items.Should().ContainSingle().Which.Outcome.Status.Should().Be(ImportStatus.Duplicate);
        File.Exists(Path.Combine(dir.Path, "done", "a.1.eml")).Should().BeTrue();
        h.Host.History.Should().ContainSingle();
    }

    [Fact]
    public async Task A_missing_folder_is_an_empty_run()
    {
        using var h = new ImportHarness();
        var source = new FolderMailSource(h.Importer, new FolderMailSourceOptions { Path = Path.Combine(Path.GetTempPath(), "recruiting-missing-" + Guid.NewGuid().ToString("N")), Tenant = ImportHarness.Acme }, NullLogger<FolderMailSource>.Instance);

        (await source.RunOnceAsync()).Should().BeEmpty();
    }
}
