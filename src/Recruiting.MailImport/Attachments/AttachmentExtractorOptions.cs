using System.ComponentModel.DataAnnotations;

namespace Recruiting.MailImport.Attachments;

/// <summary>Limits of <see cref="AttachmentExtractor"/> against hostile mail.</summary>
internal sealed class AttachmentExtractorOptions
{
    /// <summary>Gets or sets how many <c>message/rfc822</c> and TNEF levels are opened.</summary>
    /// <value>The default value is 32.</value>
    [Range(0, 256)]
    public int MaxDepth { get; set; } = 32;

    /// <summary>Gets or sets how many MIME parts are visited at most.</summary>
    /// <value>The default value is 20,000.</value>
    [Range(1, 1_000_000)]
    public int MaxParts { get; set; } = 20_000;

    /// <summary>Gets or sets how many attachments are listed at most.</summary>
    /// <value>The default value is 500.</value>
    [Range(1, 100_000)]
    public int MaxAttachments { get; set; } = 500;

    /// <summary>Gets or sets the largest inline image, in decoded bytes, treated as a signature image or logo when nothing else
    /// marks it as body content.</summary>
    /// <value>The default value is 64 KiB.</value>
    [Range(0, 16 * 1024 * 1024)]
    public int SmallInlineImageBytes { get; set; } = 64 * 1024;

    /// <summary>Gets or sets a value indicating whether files inside TNEF <c>winmail.dat</c> are unpacked.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UnpackTnef { get; set; } = true;
}
