using System.Globalization;
using System.Text.Json;
using MimeKit;
using Recruiting.MailImport.Unwrapping;

namespace Recruiting.MailImport.Tests.Unwrapping;

/// <summary>
/// Clients that send only HTML (and hosts that drop the text alternative) must give the same original: each localized fixture
/// with an HTML alternative is unwrapped again from its HTML part alone (right-to-left blocks, legacy charsets, Word HTML).
/// </summary>
public sealed class HtmlOnlyForwardTests
{
    public static IEnumerable<object[]> WithHtml()
        => TestData.Names("Unwrapping", "forwards", ".eml")
            .Where(n => HasHtmlExpectation((string)n[0]) && TestData.LoadMessage("Unwrapping", "forwards", (string)n[0]).HtmlBody is not null);

    [Theory]
    [MemberData(nameof(WithHtml))]
    public void The_html_part_alone_gives_the_same_original(string name)
    {
        var full = TestData.LoadMessage("Unwrapping", "forwards", name);
        var htmlPart = full.BodyParts.OfType<TextPart>().First(p => p.IsHtml);
        var htmlOnly = new MimeMessage(full.Headers.Where(h => h.Id is not HeaderId.ContentType and not HeaderId.ContentTransferEncoding)) { Body = htmlPart };
        using var expectedJson = JsonDocument.Parse(File.ReadAllText(TestData.PathOf("Unwrapping", "forwards", name + ".expected.json")));
        var expected = expectedJson.RootElement;

        var result = new ForwardUnwrapper().Unwrap(htmlOnly);

        result.Method.Should().Be(UnwrapMethod.InlineHtml);
        result.Original!.From.Should().Be(expected.GetProperty("from").GetString());
        result.Original.FromName.Should().Be(expected.GetProperty("fromName").GetString());
        result.Original.Subject.Should().Be(expected.GetProperty("subject").GetString());
        result.Original.Date.Should().Be(DateTimeOffset.Parse(expected.GetProperty("date").GetString()!, CultureInfo.InvariantCulture));
        result.Original.HtmlBody.Should().Contain(expected.GetProperty("htmlBodyContains").GetString());
        if (expected.GetProperty("recruiterNote").GetString() is { } note)
        {
            result.RecruiterNote.Should().Be(note);
            result.Original.HtmlBody.Should().NotContain(note);
        }
    }

    private static bool HasHtmlExpectation(string name)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(TestData.PathOf("Unwrapping", "forwards", name + ".expected.json")));
        var root = expected.RootElement;
        return root.TryGetProperty("htmlBodyContains", out _) && root.GetProperty("date").ValueKind == JsonValueKind.String
            && root.GetProperty("from").ValueKind == JsonValueKind.String && root.GetProperty("depth").GetInt32() == 1
            && root.GetProperty("method").GetString() is "InlineText" or "InlineHtml";
    }
}
