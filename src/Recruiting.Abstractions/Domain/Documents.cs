namespace Recruiting;

/// <summary>What a document is, as recognised from its file name and content type.</summary>
public enum DocumentKind
{
    /// <summary>Not recognised.</summary>
    Other,

    /// <summary>Curriculum vitae, résumé, Lebenslauf, 履歴書, 職務経歴書.</summary>
    Cv,

    /// <summary>Cover letter, Anschreiben, lettre de motivation.</summary>
    CoverLetter,

    /// <summary>Certificate, reference letter, Zeugnis, diploma.</summary>
    Certificate,

    /// <summary>A reference-check report.</summary>
    ReferenceReport,
}

/// <summary>A document handed to the host; the content is streamed, never buffered by the SDK.</summary>
public sealed record DocumentUpload
{
    /// <summary>Gets the file name, already made safe (no path, no control characters).</summary>
    public required string FileName { get; init; }

    /// <summary>Gets the MIME content type.</summary>
    public required string ContentType { get; init; }

    /// <summary>Gets the kind.</summary>
    public DocumentKind Kind { get; init; } = DocumentKind.Other;

    /// <summary>Gets the length in bytes, when known.</summary>
    public long? Length { get; init; }

    /// <summary>Gets a function that opens the content; the host reads it once and disposes it.</summary>
    public required Func<CancellationToken, ValueTask<Stream>> OpenRead { get; init; }

    /// <summary>Gets what made the document, when it came from an automated action.</summary>
    public ActionOrigin Origin { get; init; } = ActionOrigin.Manual;
}

/// <summary>A document the host keeps for an application.</summary>
/// <param name="Id">The document id.</param>
/// <param name="Application">The application.</param>
/// <param name="FileName">The file name.</param>
/// <param name="ContentType">The content type.</param>
/// <param name="Kind">The kind.</param>
/// <param name="ClientVersionOf">For a client-specific résumé version, the document it stands in for.</param>
public sealed record DocumentInfo(
    DocumentId Id,
    ApplicationId Application,
    string FileName,
    string ContentType,
    DocumentKind Kind,
    DocumentId? ClientVersionOf = null);
