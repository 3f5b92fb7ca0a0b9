using System.ComponentModel.DataAnnotations;
using Recruiting.MailImport.Subjects;

namespace Recruiting.MailImport.Importing;

/// <summary>Options of the mail reply importer: hostile-input limits, sender trust and where spooled messages go.</summary>
public sealed class MailImportOptions
{
    /// <summary>Gets or sets the largest raw message accepted, in bytes; larger ones are quarantined as <c>tooLarge</c>.</summary>
    /// <value>The default value is 64 MiB.</value>
    [Range(1024, long.MaxValue)]
    public long MaxMessageBytes { get; set; } = MailImportConstants.DefaultMaxMessageBytes;

    /// <summary>
    /// Gets or sets the most MIME parts (of any kind, nested messages included) a message may have. Checked by a streaming
    /// pre-scan before the message is parsed: MimeKit itself has no cap and 500,000 tiny parts take more than 500 MB of heap.
    /// </summary>
    /// <value>The default value is 500.</value>
    [Range(1, 1_000_000)]
    public int MaxParts { get; set; } = MailImportConstants.DefaultMaxParts;

    /// <summary>Gets or sets the deepest nesting of multiparts and attached messages (a forward inside a forward counts two: the message and its multipart).</summary>
    /// <value>The default value is 64.</value>
    [Range(1, 1024)]
    public int MaxDepth { get; set; } = MailImportConstants.DefaultMaxDepth;

    /// <summary>Gets or sets the largest header block (of the message or any part), in bytes.</summary>
    /// <value>The default value is 256 KiB.</value>
    [Range(1024, int.MaxValue)]
    public int MaxHeaderBytes { get; set; } = MailImportConstants.DefaultMaxHeaderBytes;

    /// <summary>Gets or sets the most header fields in the whole message.</summary>
    /// <value>The default value is 2,000.</value>
    [Range(10, int.MaxValue)]
    public int MaxHeaderCount { get; set; } = MailImportConstants.DefaultMaxHeaderCount;

    /// <summary>Gets or sets the most attachments filed from one message.</summary>
    /// <value>The default value is 100.</value>
    [Range(1, 10_000)]
    public int MaxAttachments { get; set; } = MailImportConstants.DefaultMaxAttachments;

    /// <summary>Gets or sets how senders are verified for tenants whose settings name no mode.</summary>
    /// <value>The default value is <see cref="SenderVerification.Authenticated"/>.</value>
    public SenderVerification DefaultSenderVerification { get; set; } = SenderVerification.Authenticated;

    /// <summary>
    /// Gets the <c>authserv-id</c>s of the host's own receiving mail servers (for example <c>mx.example.com</c>). Only the topmost
    /// <c>Authentication-Results</c> fields carrying one of them are believed; fields further down were written by whoever sent the
    /// message. Required when any tenant uses <see cref="SenderVerification.Authenticated"/>.
    /// </summary>
    public IList<string> TrustedAuthServIds { get; } = [];

    /// <summary>Gets or sets the folder messages are spooled to while they are imported; <see langword="null"/> uses the system temp folder.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? SpoolDirectory { get; set; }

    /// <summary>
    /// Gets or sets the folder where messages larger than <see cref="MaxMessageBytes"/> are kept whole, as files named by their
    /// SHA-256, instead of in the quarantine store (whose record then holds a small pointer message naming the file). Point it
    /// at durable storage; <see langword="null"/> uses <c>recruiting-mail-oversize</c> under <see cref="SpoolDirectory"/> (or the
    /// system temp folder, which is not durable).
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? OversizeDirectory { get; set; }

    /// <summary>
    /// Gets or sets how many bytes of messages <see cref="OversizeDirectory"/> may hold. A message that would take the
    /// folder over it is not written: it is still quarantined as <c>tooLarge</c> with its pointer and a detail saying it
    /// was not kept (a mailbox source leaves it in its quarantine folder), so a flood of huge mails cannot fill the disk.
    /// </summary>
    /// <value>The default value is 10 GiB.</value>
    [Range(0, long.MaxValue)]
    public long MaxOversizeDirectoryBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>Gets or sets whether the application's responsible users are notified of each imported reply.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool NotifyResponsibleUsers { get; set; } = true;

    /// <summary>Gets the subject parser's options (reference format, check digit).</summary>
    [Microsoft.Extensions.Options.ValidateObjectMembers]
    public SubjectParserOptions Subjects { get; } = new();
}
