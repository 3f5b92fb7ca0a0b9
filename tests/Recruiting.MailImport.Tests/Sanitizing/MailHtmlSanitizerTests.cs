using System.Text.RegularExpressions;
using Recruiting.MailImport.Sanitizing;

namespace Recruiting.MailImport.Tests.Sanitizing;

public class MailHtmlSanitizerTests
{
    private static readonly MailHtmlSanitizer Sanitizer = new();

    public static IEnumerable<object[]> Vectors
        => File.ReadAllLines(TestData.PathOf("Sanitizing", "html", "xss-vectors.txt"))
            .Where(l => l.Length > 0)
            .Select(l => new object[] { l });

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Hostile_vectors_are_neutralised(string vector)
    {
        var safe = Sanitizer.Sanitize("<p>before</p>" + vector + "<p>after</p>");

        safe.Should().NotContainEquivalentOf("<script");
        safe.Should().NotContainEquivalentOf("javascript:");
        safe.Should().NotContainEquivalentOf("vbscript:");
        safe.Should().NotContainEquivalentOf("data:");
        safe.Should().NotContainEquivalentOf("<iframe").And.NotContainEquivalentOf("<frame").And.NotContainEquivalentOf("<object")
            .And.NotContainEquivalentOf("<embed").And.NotContainEquivalentOf("<svg").And.NotContainEquivalentOf("<math")
            .And.NotContainEquivalentOf("<form").And.NotContainEquivalentOf("<input").And.NotContainEquivalentOf("<button")
            .And.NotContainEquivalentOf("<base").And.NotContainEquivalentOf("<meta").And.NotContainEquivalentOf("<link")
            .And.NotContainEquivalentOf("<style").And.NotContainEquivalentOf("<video").And.NotContainEquivalentOf("<audio")
            .And.NotContainEquivalentOf("<portal").And.NotContainEquivalentOf("<template");
        Regex.IsMatch(safe, @"<[^>]*\son\w+\s*=", RegexOptions.IgnoreCase).Should().BeFalse("no event handler may survive: " + safe);
        safe.Should().NotContainEquivalentOf("expression(").And.NotContainEquivalentOf("url(").And.NotContainEquivalentOf("behavior")
            .And.NotContainEquivalentOf("-moz-binding").And.NotContainEquivalentOf("@import");
        Regex.IsMatch(safe, @"[;\s""]position\s*:", RegexOptions.IgnoreCase).Should().BeFalse("no overlays: " + safe);
        safe.Should().NotContainEquivalentOf("srcset").And.NotContainEquivalentOf("background=").And.NotContainEquivalentOf("ping=")
            .And.NotContainEquivalentOf("formaction");
        foreach (Match src in Regex.Matches(safe, @"\ssrc\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase))
        {
            src.Groups[1].Value.Should().StartWithEquivalentOf("cid:", "only parts of the message may be loaded: " + safe);
        }

        safe.Should().StartWith("<p>before</p>");
    }

    [Fact]
    public void Links_keep_http_https_and_mailto_and_open_safely()
    {
        var safe = Sanitizer.Sanitize("""<a href="https://jobs.example/apply">apply</a> <a href="http://x.example/">x</a> <a href="mailto:hr@demo.example">mail</a> <a href="ftp://x.example/">ftp</a>""");

        safe.Should().Contain("href=\"https://jobs.example/apply\"").And.Contain("href=\"http://x.example/\"").And.Contain("href=\"mailto:hr@demo.example\"");
        safe.Should().NotContain("ftp:");
        safe.Should().Contain("rel=\"noopener noreferrer nofollow\"");
    }

    [Fact]
    public void Cid_images_are_kept_and_remote_images_dropped()
    {
        var safe = Sanitizer.Sanitize("""<img src="cid:logo@example" alt="logo"><img src="https://track.example/p.gif" alt="pixel">""");

        safe.Should().Contain("src=\"cid:logo@example\"");
        safe.Should().NotContain("track.example");
        safe.Should().Contain("alt=\"pixel\"", "the element stays, only its remote source is removed");
    }

    [Fact]
    public void Ordinary_mail_formatting_survives()
    {
        var safe = Sanitizer.Sanitize("""<html><head><style>p{color:red}</style></head><body><p class="MsoNormal" style="color:#1F497D;font-size:11pt"><b>Hello</b> <i>there</i></p><table border="1"><tr><td>cell</td></tr></table><ul><li>one</li></ul><blockquote>quote</blockquote></body></html>""");

        safe.Should().Contain("<b>Hello</b>").And.Contain("<i>there</i>").And.Contain("<td>cell</td>").And.Contain("<li>one</li>")
            .And.Contain("<blockquote>quote</blockquote>").And.Contain("color: rgba(31, 73, 125, 1)");
        safe.Should().NotContain("color:red").And.NotContain("<html").And.NotContain("<head");
    }

    [Fact]
    public void Japanese_text_is_kept()
    {
        Sanitizer.Sanitize("<p>履歴書を添付いたします。</p>").Should().Be("<p>履歴書を添付いたします。</p>");
    }

    [Fact]
    public void Empty_input_gives_empty_output()
    {
        Sanitizer.Sanitize(string.Empty).Should().BeEmpty();
        var act = () => Sanitizer.Sanitize(null!);
        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Deeply_nested_html_is_flattened_quickly_and_keeps_its_text()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 10_000)) + "deep text<script>alert(1)</script>" + string.Concat(Enumerable.Repeat("</div>", 10_000));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var safe = Sanitizer.Sanitize(html);

        safe.Should().Contain("deep text").And.NotContain("<script");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "flattening keeps AngleSharp linear");
    }

    [Theory]
    [InlineData("<div><div>x</div></div>", 5, "<div><div>x</div></div>")]
    [InlineData("<div><div><div>x</div></div></div>", 2, "<div><div>x</div></div>")]
    [InlineData("<p>a<br>b<img src=x></p>", 1, "<p>a<br>b<img src=x></p>")]
    public void Depth_guard_drops_only_tags_below_the_limit(string html, int limit, string expected)
    {
        HtmlDepthGuard.Limit(html, limit).Should().Be(expected);
    }

    [Fact]
    public void Golden_outlook_signature_mail()
    {
        var input = File.ReadAllText(TestData.PathOf("Sanitizing", "html", "outlook-signature.html"));
        var expected = File.ReadAllText(TestData.PathOf("Sanitizing", "html", "outlook-signature.expected.html")).TrimEnd();

        var actual = Sanitizer.Sanitize(input);
        actual.Trim().Should().Be(expected);
    }
}
