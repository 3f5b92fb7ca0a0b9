using System.Security.Cryptography;
using System.Text;
using MimeKit;
using Recruiting.MailImport.Sanitizing;

namespace Recruiting.Benchmarks.MailImport;

/// <summary>
/// Building blocks of the mail import benchmarks: a typical forwarded reply (about 20 KB of text and HTML, two 200 KB PDFs) or a
/// reply with one big attachment, as raw MIME bytes, and the import floor — what any importer must at least do with those bytes.
/// </summary>
public static class TypicalReply
{
    /// <summary>Builds a forwarded reply as raw MIME.</summary>
    /// <param name="textKilobytes">The size of each of the text and HTML bodies.</param>
    /// <param name="attachmentSizes">The sizes of the PDF attachments, in bytes.</param>
    /// <param name="reference">The reference put in the subject.</param>
    /// <returns>The raw bytes.</returns>
    public static byte[] Build(int textKilobytes = 10, int[]? attachmentSizes = null, string reference = "2024-000101")
    {
        attachmentSizes ??= [200 * 1024, 200 * 1024];
        var random = new Random(42);
        var paragraph = "Sehr geehrte Frau Schmidt, vielen Dank für die Einladung zum Gespräch. Dienstag um 10:00 Uhr passt mir sehr gut. ";
        var text = new StringBuilder();
        text.Append("Bitte ablegen.\n\n-----Ursprüngliche Nachricht-----\nVon: Max Mustermann <max@example.de>\n")
            .Append("Gesendet: Montag, 4. November 2024 10:12\nAn: recruiter@demo.example\nBetreff: AW: Ihre Bewerbung\n\n");
        while (text.Length < textKilobytes * 1024)
        {
            text.Append(paragraph).Append('\n');
        }

        var html = new StringBuilder();
        html.Append("<html><body><p>Bitte ablegen.</p><hr><div id=\"divRplyFwdMsg\"><b>Von:</b> Max Mustermann &lt;max@example.de&gt;<br>")
            .Append("<b>Gesendet:</b> Montag, 4. November 2024 10:12<br><b>An:</b> recruiter@demo.example<br><b>Betreff:</b> AW: Ihre Bewerbung</div>");
        while (html.Length < textKilobytes * 1024)
        {
            html.Append("<p style=\"color:#1F497D\" onclick=\"x()\">").Append(paragraph).Append("<img src=\"https://track.example/p.gif\"></p>");
        }

        html.Append("</body></html>");
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Recruiter", "recruiter@demo.example"));
        message.To.Add(new MailboxAddress("Import", "import@demo.example"));
        message.Subject = reference + " WG: AW: Ihre Bewerbung";
        message.MessageId = "typical-reply@demo.example";
        message.Date = new DateTimeOffset(2024, 11, 4, 11, 0, 0, TimeSpan.FromHours(1));
        var alternative = new MultipartAlternative { new TextPart("plain") { Text = text.ToString() }, new TextPart("html") { Text = html.ToString() } };
        var mixed = new Multipart("mixed") { alternative };
        var names = new[] { "Lebenslauf_Max_Mustermann.pdf", "Anschreiben_Max_Mustermann.pdf", "Zeugnisse.pdf" };
        for (var i = 0; i < attachmentSizes.Length; i++)
        {
            var data = new byte[attachmentSizes[i]];
            random.NextBytes(data);
            mixed.Add(new MimePart("application", "pdf")
            {
                FileName = names[i % names.Length],
                Content = new MimeContent(new MemoryStream(data)),
                ContentTransferEncoding = ContentEncoding.Base64,
            });
        }

        message.Body = mixed;
        using var output = new MemoryStream();
        message.WriteTo(output);
        return output.ToArray();
    }

    /// <summary>
    /// The floor of an import: MimeKit parses the bytes, every attachment is decoded, the HTML body is sanitised once and the raw
    /// bytes are hashed with SHA-256. The importer is measured against this, side by side.
    /// </summary>
    /// <param name="raw">The raw MIME.</param>
    /// <param name="sanitizer">The sanitizer.</param>
    /// <returns>A value depending on all the work, so nothing is optimised away.</returns>
    public static int Floor(byte[] raw, MailHtmlSanitizer sanitizer)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(sanitizer);
        var hash = SHA256.HashData(raw);
        using var stream = new MemoryStream(raw, writable: false);
        var message = MimeMessage.Load(stream);
        long decoded = 0;
        foreach (var part in message.Attachments.OfType<MimePart>())
        {
            using var counter = new CountingStream();
            part.Content?.DecodeTo(counter);
            decoded += counter.Length;
        }

        var html = message.HtmlBody is { } body ? sanitizer.Sanitize(body) : string.Empty;
        return hash[0] + (int)(decoded & 0xFFFF) + html.Length;
    }

    /// <summary>A write-only stream that only counts bytes (decoding without keeping the content).</summary>
    public sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
