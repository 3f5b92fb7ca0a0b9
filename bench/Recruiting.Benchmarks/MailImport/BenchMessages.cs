using System.Text;
using MimeKit;

namespace Recruiting.Benchmarks.MailImport;

/// <summary>Builds the benchmark messages: a forwarded reply (message/rfc822) with a text and HTML body and PDF attachments.</summary>
internal static class BenchMessages
{
    public static MimeMessage Reply(int bodyChars, params int[] pdfSizes)
    {
        var text = new StringBuilder();
        var html = new StringBuilder("<html><body>");
        var line = 0;
        while (text.Length < bodyChars / 2)
        {
            text.Append("Sehr geehrte Damen und Herren, vielen Dank für Ihre Nachricht. Zeile ").Append(line).Append(".\n");
            html.Append("<p>Sehr geehrte Damen und Herren, <b>vielen Dank</b> für Ihre Nachricht. <a href=\"https://example.com/").Append(line).Append("\">Zeile</a> ").Append(line).Append(".</p>");
            line++;
        }

        html.Append("<img src=\"https://tracker.example/open.gif\" onerror=\"x()\"></body></html>");
        var original = new MimeMessage();
        original.From.Add(new MailboxAddress("Max Mustermann", "max@candidate.example"));
        original.To.Add(new MailboxAddress("HR", "hr@bench.example"));
        original.Subject = "Re: Ihre Bewerbung";
        original.MessageId = "bench-original@candidate.example";
        original.Date = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(1));
        var body = new Multipart("mixed")
        {
            new MultipartAlternative { new TextPart("plain") { Text = text.ToString() }, new TextPart("html") { Text = html.ToString() } },
        };
        var names = new[] { "Lebenslauf.pdf", "Anschreiben.pdf", "Zeugnis.pdf" };
        for (var i = 0; i < pdfSizes.Length; i++)
        {
            var pdf = new byte[pdfSizes[i]];
            new Random(i).NextBytes(pdf);
            "%PDF-1.4\n"u8.CopyTo(pdf);
            body.Add(new MimePart("application", "pdf")
            {
                Content = new MimeContent(new MemoryStream(pdf)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = names[i % names.Length],
            });
        }

        original.Body = body;
        var forward = new MimeMessage();
        forward.From.Add(new MailboxAddress("HR", "hr@bench.example"));
        forward.To.Add(new MailboxAddress("Import", "import@bench.example"));
        forward.Subject = "2024-000123 WG: Re: Ihre Bewerbung";
        forward.MessageId = "bench-forward@bench.example";
        forward.Body = new Multipart("mixed") { new TextPart("plain") { Text = "Bitte ablegen." }, new MessagePart { Message = original } };
        return forward;
    }

    public static byte[] ToBytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }
}
