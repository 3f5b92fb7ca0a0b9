using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Tnef;

namespace Recruiting.MailImport.Attachments;

/// <summary>
/// Lists the files of a mail to file as documents: descends into forwarded <c>message/rfc822</c> parts (which
/// <see cref="MimeMessage.Attachments"/> does not), unpacks TNEF <c>winmail.dat</c>, never lists those containers themselves, leaves
/// out the bodies and inline images, and gives every file a safe name and a kind.
/// </summary>
/// <remarks>
/// An image part is left out as an inline image when its name does not classify as a document and it is referenced by
/// <c>cid:</c> from an HTML body, or sits inside <c>multipart/related</c> without an attachment disposition, or is not marked
/// <c>attachment</c> and is at most <see cref="AttachmentExtractorOptions.SmallInlineImageBytes"/>, or is named like Outlook's
/// signature images (<c>image001.png</c>) and that small. A text part without a file name and not marked <c>attachment</c> is a
/// body; signatures (<c>application/pkcs7-signature</c>, <c>application/pgp-signature</c>) are not documents.
/// The TNEF reader needs the code-page encodings; the constructor registers <see cref="System.Text.CodePagesEncodingProvider"/>.
/// </remarks>
internal sealed partial class AttachmentExtractor
{
    private static readonly string[] SignatureTypes =
    [
        "application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature", "application/pgp-keys",
    ];

    private readonly IAttachmentClassifier _classifier;
    private readonly AttachmentExtractorOptions _options;

    static AttachmentExtractor() => MailEncodings.EnsureRegistered();

    public AttachmentExtractor(IAttachmentClassifier? classifier = null, AttachmentExtractorOptions? options = null)
    {
        _classifier = classifier ?? new FileNameAttachmentClassifier();
        _options = options ?? new AttachmentExtractorOptions();
    }

    /// <summary>Lists the files of <paramref name="message"/>.</summary>
    /// <param name="message">The message (usually the recruiter's forward).</param>
    /// <returns>The files and what was left out.</returns>
    public AttachmentExtractionResult Extract(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var walk = new Walk(this);
        walk.Message(message, 0, AttachmentOrigin.Message);
        return new AttachmentExtractionResult(walk.Found, walk.SkippedInline, walk.Problems);
    }

    internal static long? EstimateDecodedLength(MimePart part)
    {
        var stream = part.Content?.Stream;
        if (stream is null || !stream.CanSeek)
        {
            return null;
        }

        var length = stream.Length;
        return part.ContentTransferEncoding switch
        {
            ContentEncoding.Base64 => length * 3 / 4,
            _ => length,
        };
    }

    [GeneratedRegex(@"^image\d{3,4}\.(png|jpe?g|gif|bmp)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutlookImageName();

    private static string MediaType(MimeEntity entity) => entity.ContentType.MimeType.ToLowerInvariant();

    private sealed class Walk(AttachmentExtractor owner)
    {
        private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
        private int _parts;
        private bool _stopped;

        public List<ExtractedAttachment> Found { get; } = [];

        public List<AttachmentProblem> Problems { get; } = [];

        public int SkippedInline { get; private set; }

        public void Message(MimeMessage message, int depth, AttachmentOrigin origin)
        {
            if (message.Body is null)
            {
                return;
            }

            var cids = CollectReferencedContentIds(message);
            Entity(message.Body, depth, origin, cids, insideRelated: false);
        }

        private static HashSet<string> CollectReferencedContentIds(MimeMessage message)
        {
            var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            string? html;
            try
            {
                html = message.HtmlBody;
            }
            catch (Exception ex) when (ex is NotSupportedException or ArgumentException or FormatException)
            {
                html = null;
            }

            if (string.IsNullOrEmpty(html))
            {
                return set;
            }

            var index = 0;
            while ((index = html.IndexOf("cid:", index, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                index += 4;
                var end = index;
                while (end < html.Length && html[end] is not ('"' or '\'' or ')' or ' ' or '>' or '\r' or '\n' or '\t'))
                {
                    end++;
                }

                if (end > index)
                {
                    set.Add(Uri.UnescapeDataString(html[index..end]).Trim('<', '>'));
                }

                index = end;
            }

            return set;
        }

        private bool Count(string where)
        {
            if (_stopped)
            {
                return false;
            }

            if (++_parts > owner._options.MaxParts)
            {
                _stopped = true;
                Problems.Add(new AttachmentProblem(AttachmentProblemKind.TooManyParts, $"More than {owner._options.MaxParts} parts; stopped at {where}."));
                return false;
            }

            return true;
        }

        private void Entity(MimeEntity entity, int depth, AttachmentOrigin origin, HashSet<string> cids, bool insideRelated)
        {
            // An explicit stack instead of recursion for multiparts: 10,000 nested multiparts must not overflow the stack.
            var stack = new Stack<(MimeEntity Entity, bool Related)>();
            stack.Push((entity, insideRelated));
            while (stack.Count > 0)
            {
                var (current, related) = stack.Pop();
                if (!Count(MediaType(current)))
                {
                    return;
                }

                switch (current)
                {
                    case Multipart multipart:
                        var isRelated = related || multipart.ContentType.IsMimeType("multipart", "related");
                        for (var i = multipart.Count - 1; i >= 0; i--)
                        {
                            stack.Push((multipart[i], isRelated));
                        }

                        break;
                    case MessagePart messagePart:
                        if (messagePart.Message is null)
                        {
                            break;
                        }

                        if (depth + 1 > owner._options.MaxDepth)
                        {
                            Problems.Add(new AttachmentProblem(AttachmentProblemKind.TooDeep, $"A forwarded message nested deeper than {owner._options.MaxDepth} was not opened."));
                            break;
                        }

                        Message(messagePart.Message, depth + 1, AttachmentOrigin.ForwardedMessage);
                        break;
                    case TnefPart tnef:
                        Tnef(tnef, depth, origin, cids);
                        break;
                    case MimePart part:
                        Part(part, origin, cids, related);
                        break;
                }

                if (_stopped)
                {
                    return;
                }
            }
        }

        private void Tnef(TnefPart tnef, int depth, AttachmentOrigin origin, HashSet<string> cids)
        {
            if (!owner._options.UnpackTnef)
            {
                Add(tnef, origin);
                return;
            }

            if (depth + 1 > owner._options.MaxDepth)
            {
                Problems.Add(new AttachmentProblem(AttachmentProblemKind.TooDeep, "A TNEF part nested deeper than the limit was not unpacked."));
                return;
            }

            List<MimeEntity> inner;
            try
            {
                inner = [.. tnef.ExtractAttachments()];
            }
            catch (Exception ex) when (ex is TnefException or InvalidOperationException or ArgumentException or IOException or NotSupportedException or FormatException)
            {
                Problems.Add(new AttachmentProblem(AttachmentProblemKind.UnreadableTnef, $"{tnef.FileName ?? "winmail.dat"}: {ex.Message}"));
                Add(tnef, origin);
                return;
            }

            foreach (var entity in inner)
            {
                if (entity is MimePart { ContentDisposition: null } body && body.ContentType.IsMimeType("text", "*") && body.FileName is null)
                {
                    continue; // The TNEF message body (RTF or text) is the forward's body, not a file.
                }

                Entity(entity, depth + 1, AttachmentOrigin.Tnef, cids, insideRelated: false);
                if (_stopped)
                {
                    return;
                }
            }
        }

        private void Part(MimePart part, AttachmentOrigin origin, HashSet<string> cids, bool related)
        {
            var type = MediaType(part);
            var disposition = part.ContentDisposition?.Disposition;
            var isAttachment = string.Equals(disposition, ContentDisposition.Attachment, StringComparison.OrdinalIgnoreCase);
            var rawName = SafeRead(() => part.FileName);

            if (SignatureTypes.Contains(type))
            {
                return;
            }

            if (part.ContentType.MediaType.Equals("text", StringComparison.OrdinalIgnoreCase) && !isAttachment && string.IsNullOrEmpty(rawName))
            {
                return; // A body.
            }

            var contentType = type;
            var fileName = SafeFileName.Create(rawName, contentType);
            if (contentType is "application/octet-stream" or "application/x-octet-stream" && Path.HasExtension(fileName))
            {
                contentType = MimeTypes.GetMimeType(fileName).ToLowerInvariant();
            }

            var kind = owner._classifier.Classify(fileName, contentType);
            if (part.ContentType.MediaType.Equals("image", StringComparison.OrdinalIgnoreCase)
                && kind == DocumentKind.Other && IsInlineImage(part, rawName, isAttachment, cids, related))
            {
                SkippedInline++;
                return;
            }

            Add(part, origin, fileName, contentType, kind);
        }

        private bool IsInlineImage(MimePart part, string? rawName, bool isAttachment, HashSet<string> cids, bool related)
        {
            if (part.ContentId is { Length: > 0 } cid && cids.Contains(cid.Trim('<', '>')))
            {
                return true;
            }

            if (related && !isAttachment)
            {
                return true;
            }

            var size = EstimateDecodedLength(part);
            var small = size is not null && size <= owner._options.SmallInlineImageBytes;
            if (!isAttachment && small)
            {
                return true;
            }

            return small && rawName is not null && OutlookImageName().IsMatch(rawName);
        }

        private void Add(MimePart part, AttachmentOrigin origin)
        {
            var type = MediaType(part);
            var name = SafeFileName.Create(SafeRead(() => part.FileName), type, "winmail");
            Add(part, origin, name, type, DocumentKind.Other);
        }

        private void Add(MimePart part, AttachmentOrigin origin, string fileName, string contentType, DocumentKind kind)
        {
            if (Found.Count >= owner._options.MaxAttachments)
            {
                _stopped = true;
                Problems.Add(new AttachmentProblem(AttachmentProblemKind.TooManyAttachments, $"More than {owner._options.MaxAttachments} attachments; {fileName} and later ones were not listed."));
                return;
            }

            Found.Add(new ExtractedAttachment(part, Unique(fileName), contentType, kind, origin));
        }

        private string Unique(string fileName)
        {
            if (_names.Add(fileName))
            {
                return fileName;
            }

            var extension = Path.GetExtension(fileName);
            var stem = fileName[..^extension.Length];
            for (var n = 2; ; n++)
            {
                var candidate = $"{stem} ({n}){extension}";
                if (_names.Add(candidate))
                {
                    return candidate;
                }
            }
        }

        private static string? SafeRead(Func<string?> read)
        {
            try
            {
                return read();
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or NotSupportedException)
            {
                return null;
            }
        }
    }
}
