using System.Text.Json;
using MimeKit;
using Recruiting.MailImport.Attachments;

namespace Recruiting.MailImport.Tests.Attachments;

public class AttachmentExtractorTests
{
    private static readonly AttachmentExtractor Extractor = new();

    public static IEnumerable<object[]> Messages => TestData.Names("Attachments", "attachments", ".eml");

    [Theory]
    [MemberData(nameof(Messages))]
    public void Extract_lists_the_expected_files(string name)
    {
        var message = TestData.LoadMessage("Attachments", "attachments", name);
        using var json = JsonDocument.Parse(File.ReadAllText(TestData.PathOf("Attachments", "attachments", name + ".expected.json")));
        var expected = json.RootElement;

        var result = Extractor.Extract(message);

        var actual = result.Attachments.Select(a => new { a.FileName, a.ContentType, Kind = a.Kind.ToString(), Origin = a.Origin.ToString() }).ToList();
        var wanted = expected.GetProperty("attachments").EnumerateArray().Select(a => new
        {
            FileName = a.GetProperty("fileName").GetString()!,
            ContentType = a.GetProperty("contentType").GetString()!,
            Kind = a.GetProperty("kind").GetString()!,
            Origin = a.GetProperty("origin").GetString()!,
        }).ToList();
        actual.Should().Equal(wanted);
        result.SkippedInlineImages.Should().Be(expected.GetProperty("skippedInlineImages").GetInt32());
        result.Problems.Select(p => p.Kind.ToString()).Should().Equal(expected.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public void Containers_are_never_listed()
    {
        foreach (var name in Messages.Select(m => (string)m[0]).Where(n => n != "tnef-broken"))
        {
            var result = Extractor.Extract(TestData.LoadMessage("Attachments", "attachments", name));
            result.Attachments.Should().NotContain(a => a.ContentType == "message/rfc822" || a.ContentType == "application/ms-tnef"
                || a.FileName.EndsWith(".eml", StringComparison.Ordinal) || a.FileName == "winmail.dat" || a.FileName == "smime.p7s");
        }
    }

    [Fact]
    public async Task Content_is_decoded_on_demand_including_files_inside_tnef()
    {
        var result = Extractor.Extract(TestData.LoadMessage("Attachments", "attachments", "tnef-winmail"));

        var cv = result.Attachments.Single(a => a.Kind == DocumentKind.Cv);
        await using (var stream = cv.OpenRead())
        {
            using var reader = new StreamReader(stream);
            (await reader.ReadToEndAsync()).Should().StartWith("%PDF-1.4");
        }

        using var copy = new MemoryStream();
        await cv.WriteToAsync(copy);
        copy.Length.Should().Be(45);

        var upload = cv.ToDocumentUpload();
        upload.FileName.Should().Be("Lebenslauf_Max.pdf");
        upload.Kind.Should().Be(DocumentKind.Cv);
        await using var uploaded = await upload.OpenRead(CancellationToken.None);
        uploaded.ReadByte().Should().Be('%');
    }

    [Fact]
    public void Large_attachment_is_streamed_not_buffered()
    {
        var path = Path.Combine(Path.GetTempPath(), $"big-{Guid.NewGuid():N}.eml");
        try
        {
            var message = new MimeMessage();
            var body = new Multipart("mixed") { new TextPart("plain") { Text = "x" } };
            var data = new byte[3 * 1024 * 1024];
            new Random(1).NextBytes(data);
            body.Add(new MimePart("application", "pdf") { FileName = "Lebenslauf.pdf", Content = new MimeContent(new MemoryStream(data)), ContentTransferEncoding = ContentEncoding.Base64 });
            message.Body = body;
            message.WriteTo(path);

            using var stream = File.OpenRead(path);
            var parsed = new MimeParser(stream, persistent: true).ParseMessage();
            var attachment = Extractor.Extract(parsed).Attachments.Single();

            attachment.EstimatedLength.Should().BeInRange(data.Length * 97L / 100, data.Length * 103L / 100);
            using var decoded = attachment.OpenRead();
            var buffer = new byte[data.Length + 10];
            var total = 0;
            int read;
            while ((read = decoded.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            total.Should().Be(data.Length);
            buffer.AsSpan(0, total).SequenceEqual(data).Should().BeTrue();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Ten_thousand_tiny_parts_stop_at_the_part_limit()
    {
        var body = new Multipart("mixed");
        for (var i = 0; i < 10_000; i++)
        {
            body.Add(new MimePart("application", "pdf") { FileName = $"f{i}.pdf", Content = new MimeContent(new MemoryStream([1])) });
        }

        var message = new MimeMessage { Body = body };
        var extractor = new AttachmentExtractor(options: new AttachmentExtractorOptions { MaxParts = 1_000, MaxAttachments = 5_000 });

        var result = extractor.Extract(message);

        result.Attachments.Should().HaveCount(999);
        result.Problems.Should().ContainSingle().Which.Kind.Should().Be(AttachmentProblemKind.TooManyParts);
        result.Complete.Should().BeFalse();
    }

    [Fact]
    public void Attachment_limit_is_reported()
    {
        var body = new Multipart("mixed");
        for (var i = 0; i < 20; i++)
        {
            body.Add(new MimePart("application", "pdf") { FileName = $"f{i}.pdf", Content = new MimeContent(new MemoryStream([1])) });
        }

        var result = new AttachmentExtractor(options: new AttachmentExtractorOptions { MaxAttachments = 10 }).Extract(new MimeMessage { Body = body });

        result.Attachments.Should().HaveCount(10);
        result.Problems.Should().ContainSingle().Which.Kind.Should().Be(AttachmentProblemKind.TooManyAttachments);
    }

    [Fact]
    public void Forwarded_messages_nested_20_deep_are_walked_and_deeper_ones_reported()
    {
        MimeMessage Nest(int levels)
        {
            var current = new MimeMessage
            {
                Body = new Multipart("mixed")
                {
                    new TextPart("plain") { Text = "innermost" },
                    new MimePart("application", "pdf") { FileName = "CV.pdf", Content = new MimeContent(new MemoryStream([1])) },
                },
            };
            for (var i = 0; i < levels; i++)
            {
                current = new MimeMessage { Body = new Multipart("mixed") { new TextPart("plain") { Text = "fwd" }, new MessagePart { Message = current } } };
            }

            return current;
        }

        Extractor.Extract(Nest(20)).Attachments.Should().ContainSingle(a => a.FileName == "CV.pdf" && a.Origin == AttachmentOrigin.ForwardedMessage);

        var limited = new AttachmentExtractor(options: new AttachmentExtractorOptions { MaxDepth = 5 }).Extract(Nest(20));
        limited.Attachments.Should().BeEmpty();
        limited.Problems.Should().ContainSingle().Which.Kind.Should().Be(AttachmentProblemKind.TooDeep);
    }

    [Fact]
    public void Deeply_nested_multiparts_do_not_overflow_the_stack()
    {
        var root = new Multipart("mixed");
        var current = root;
        for (var i = 0; i < 5_000; i++)
        {
            var next = new Multipart("mixed");
            current.Add(next);
            current = next;
        }

        current.Add(new MimePart("application", "pdf") { FileName = "CV.pdf", Content = new MimeContent(new MemoryStream([1])) });

        Extractor.Extract(new MimeMessage { Body = root }).Attachments.Should().ContainSingle();
    }

    [Fact]
    public void Classifier_is_replaceable()
    {
        var extractor = new AttachmentExtractor(new EverythingIsACv());

        var result = extractor.Extract(TestData.LoadMessage("Attachments", "attachments", "hostile-names"));

        result.Attachments.Should().OnlyContain(a => a.Kind == DocumentKind.Cv);
    }

    [Fact]
    public void Message_without_body_has_no_attachments()
    {
        Extractor.Extract(new MimeMessage()).Attachments.Should().BeEmpty();
    }

    private sealed class EverythingIsACv : IAttachmentClassifier
    {
        public DocumentKind Classify(string fileName, string? contentType) => DocumentKind.Cv;
    }
}
