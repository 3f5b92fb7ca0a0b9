using MimeKit;

namespace Recruiting.MailImport.Attachments;

/// <summary>A file found in a mail that should be filed as a document. Its content is decoded on demand, never buffered here.</summary>
internal sealed class ExtractedAttachment
{
    private readonly MimePart _part;

    public ExtractedAttachment(MimePart part, string fileName, string contentType, DocumentKind kind, AttachmentOrigin origin)
    {
        _part = part;
        FileName = fileName;
        ContentType = contentType;
        Kind = kind;
        Origin = origin;
    }

    /// <summary>Gets the safe file name (see <see cref="SafeFileName"/>).</summary>
    public string FileName { get; }

    /// <summary>Gets the name as the mail gave it, or <see langword="null"/> when it had none.</summary>
    public string? OriginalFileName => _part.FileName;

    /// <summary>Gets the MIME type (lower case, without parameters); <c>application/octet-stream</c> is replaced by the type of the file's extension.</summary>
    public string ContentType { get; }

    /// <summary>Gets the kind the classifier recognised.</summary>
    public DocumentKind Kind { get; }

    /// <summary>Gets where the file came from: the mail itself, a forwarded message inside it, or a TNEF <c>winmail.dat</c>.</summary>
    public AttachmentOrigin Origin { get; }

    /// <summary>Gets the part's Content-Id, when it has one.</summary>
    public string? ContentId => _part.ContentId;

    /// <summary>Gets the decoded length when it is cheap to know exactly (unencoded content on a seekable stream), else an estimate from
    /// the encoded length, or <see langword="null"/>.</summary>
    public long? EstimatedLength => AttachmentExtractor.EstimateDecodedLength(_part);

    /// <summary>Opens the decoded content. Each call returns a new stream; the caller disposes it.</summary>
    /// <returns>The decoded content.</returns>
    public Stream OpenRead() => _part.Content?.Open() ?? Stream.Null;

    /// <summary>Writes the decoded content to <paramref name="destination"/>.</summary>
    /// <param name="destination">The destination.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task.</returns>
    public Task WriteToAsync(Stream destination, CancellationToken cancellationToken = default)
        => _part.Content is null ? Task.CompletedTask : _part.Content.DecodeToAsync(destination, cancellationToken);

    /// <summary>Makes the upload handed to the host.</summary>
    /// <param name="origin">What made the upload.</param>
    /// <returns>The upload; its stream is opened when the host asks for it.</returns>
    public DocumentUpload ToDocumentUpload(ActionOrigin? origin = null) => new()
    {
        FileName = FileName,
        ContentType = ContentType,
        Kind = Kind,
        Length = null,
        OpenRead = _ => ValueTask.FromResult(OpenRead()),
        Origin = origin ?? ActionOrigin.Manual,
    };

    /// <inheritdoc />
    public override string ToString() => $"{FileName} ({ContentType}, {Kind}, {Origin})";
}

/// <summary>Where an extracted attachment came from.</summary>
internal enum AttachmentOrigin
{
    /// <summary>Attached to the mail itself.</summary>
    Message,

    /// <summary>Attached to a message forwarded as a <c>message/rfc822</c> part.</summary>
    ForwardedMessage,

    /// <summary>Unpacked from a TNEF <c>winmail.dat</c>.</summary>
    Tnef,
}
