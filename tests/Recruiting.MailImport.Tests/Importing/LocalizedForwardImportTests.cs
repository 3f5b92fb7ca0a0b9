using System.Globalization;
using System.Text.Json;
using MimeKit;
using Recruiting.MailImport.Importing;

namespace Recruiting.MailImport.Tests.Importing;

/// <summary>
/// Every inline-forward fixture of <c>Unwrapping/TestData/forwards</c> (one or more per client and language) with a sender address
/// and a readable date goes through the whole
/// importer: the candidate's sender, date, subject and body and the recruiter's note must reach the history entry and the outcome.
/// </summary>
public sealed class LocalizedForwardImportTests
{
    public static IEnumerable<object[]> InlineForwards()
        => TestData.Names("Unwrapping", "forwards", ".eml")
            .Where(n => IsInline((string)n[0]));

    private static bool IsInline(string name)
    {
        using var expected = ReadExpected(name);
        var root = expected.RootElement;

        // Fixtures without an address or a readable date (outlook-name-only, unparseable-date) have tests of their own.
        return root.GetProperty("method").GetString() is "InlineText" or "InlineHtml"
            && root.GetProperty("from").ValueKind == JsonValueKind.String && root.GetProperty("date").ValueKind == JsonValueKind.String;
    }

    [Theory]
    [MemberData(nameof(InlineForwards))]
    public async Task Localized_inline_forward_is_imported_with_the_candidates_message_and_the_note(string name)
    {
        using var h = new ImportHarness();
        using var expectedJson = ReadExpected(name);
        var expected = expectedJson.RootElement;

        var outcome = await h.Importer.ImportAsync(ImportHarness.Acme, AsAcmeForward(name));

        outcome.Status.Should().Be(ImportStatus.Imported, outcome.Detail);
        outcome.Original.Should().NotBeNull();
        outcome.Original!.From.Should().Be(expected.GetProperty("from").GetString());
        outcome.Original.FromName.Should().Be(expected.GetProperty("fromName").GetString());
        outcome.Original.Subject.Should().Be(expected.GetProperty("subject").GetString());
        var date = DateTimeOffset.Parse(expected.GetProperty("date").GetString()!, CultureInfo.InvariantCulture);
        outcome.Original.Date.Should().Be(date);
        outcome.Original.Date!.Value.Offset.Should().Be(date.Offset);

        var entry = h.Host.History.Should().ContainSingle().Subject.Entry.Entry;
        entry.Title.Should().Be(expected.GetProperty("subject").GetString());
        entry.OccurredAt.Should().Be(date);
        entry.TextBody.Should().Contain(expected.GetProperty("textBodyContains").GetString());
        if (expected.GetProperty("recruiterNote").GetString() is { } note)
        {
            entry.TextBody.Should().NotContain(note);
            entry.Properties["recruiterNote"].Should().Be(note);
        }
        else
        {
            entry.Properties.Should().NotContainKey("recruiterNote");
        }

        entry.Properties["header.From"].Should().Contain(expected.GetProperty("from").GetString());
        entry.Properties.Should().NotContainKey("originalDateUnparsed");
        if (expected.TryGetProperty("htmlBodyContains", out var html))
        {
            entry.HtmlBody.Should().Contain(html.GetString());
        }
    }

    [Fact]
    public async Task Unreadable_date_keeps_its_text_marked_and_dates_the_entry_by_the_forward()
    {
        using var h = new ImportHarness();

        var outcome = await h.Importer.ImportAsync(ImportHarness.Acme, AsAcmeForward("unparseable-date"));

        outcome.Status.Should().Be(ImportStatus.Imported);
        outcome.Original!.Date.Should().BeNull();
        var entry = h.Host.History.Should().ContainSingle().Subject.Entry.Entry;
        entry.Properties["originalDateUnparsed"].Should().Be("sometime last week");
        entry.Properties["header.Date"].Should().Be("sometime last week");
        entry.OccurredAt.Should().Be(new DateTimeOffset(2024, 11, 4, 11, 0, 0, TimeSpan.FromHours(1)));
    }

    private static JsonDocument ReadExpected(string name)
        => JsonDocument.Parse(File.ReadAllText(TestData.PathOf("Unwrapping", "forwards", name + ".expected.json")));

    /// <summary>The fixture as if forwarded by an acme recruiter to acme's import address, its own reference replaced by acme's 2024-000123.</summary>
    private static MemoryStream AsAcmeForward(string name)
    {
        var message = TestData.LoadMessage("Unwrapping", "forwards", name);
        message.From.Clear();
        message.From.Add(new MailboxAddress("Recruiter", "recruiter@acme.example"));
        message.To.Clear();
        message.To.Add(new MailboxAddress(null, "import@acme.example"));
        message.Subject = "2024-000123 " + System.Text.RegularExpressions.Regex.Replace(message.Subject ?? string.Empty, @"\d{4}-\d{6}\s*", string.Empty);
        var stream = new MemoryStream();
        message.WriteTo(stream);
        stream.Position = 0;
        return stream;
    }
}
