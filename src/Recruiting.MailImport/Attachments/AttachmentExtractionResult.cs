namespace Recruiting.MailImport.Attachments;

/// <summary>The files <see cref="AttachmentExtractor"/> found, and what it left out and why.</summary>
/// <param name="Attachments">The files to file, in document order.</param>
/// <param name="SkippedInlineImages">How many inline images (signatures, logos, pictures in the body) were not listed.</param>
/// <param name="Problems">What stopped the walk early or could not be unpacked; empty when the whole message was read.</param>
internal sealed record AttachmentExtractionResult(
    IReadOnlyList<ExtractedAttachment> Attachments,
    int SkippedInlineImages,
    IReadOnlyList<AttachmentProblem> Problems)
{
    /// <summary>Gets a value indicating whether the message was read completely.</summary>
    public bool Complete => Problems.Count == 0;
}

/// <summary>A problem met while looking for attachments.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Detail">Which part, in words.</param>
internal sealed record AttachmentProblem(AttachmentProblemKind Kind, string Detail);

/// <summary>The kinds of <see cref="AttachmentProblem"/>.</summary>
internal enum AttachmentProblemKind
{
    /// <summary>Forwarded messages or TNEF were nested deeper than the limit; deeper files are not listed.</summary>
    TooDeep,

    /// <summary>The message had more parts than the limit; later parts were not visited.</summary>
    TooManyParts,

    /// <summary>More attachments than the limit; later ones are not listed.</summary>
    TooManyAttachments,

    /// <summary>A TNEF <c>winmail.dat</c> could not be unpacked; it is listed as it is.</summary>
    UnreadableTnef,
}
