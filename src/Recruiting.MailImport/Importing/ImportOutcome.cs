namespace Recruiting.MailImport.Importing;

/// <summary>What became of an imported mail.</summary>
public enum ImportStatus
{
    /// <summary>Filed in the application's history.</summary>
    Imported,

    /// <summary>Already imported before; nothing changed.</summary>
    Duplicate,

    /// <summary>Kept in quarantine with a reason.</summary>
    Quarantined,
}

/// <summary>The candidate's message recovered from a forward.</summary>
/// <param name="From">The candidate's address.</param>
/// <param name="FromName">The candidate's display name.</param>
/// <param name="Subject">The original subject.</param>
/// <param name="Date">The original date.</param>
public sealed record ImportedOriginal(string? From, string? FromName, string? Subject, DateTimeOffset? Date);

/// <summary>A file filed as a document of the application.</summary>
/// <param name="FileName">The safe file name it was filed under.</param>
/// <param name="Kind">The recognised kind.</param>
public sealed record ImportedAttachment(string FileName, DocumentKind Kind);

/// <summary>The result of an import: imported, duplicate or quarantined, with everything a host shows.</summary>
public sealed record ImportOutcome
{
    /// <summary>Gets the status.</summary>
    public required ImportStatus Status { get; init; }

    /// <summary>Gets why it was quarantined, or <see langword="null"/>.</summary>
    public MailImportReason? Reason { get; init; }

    /// <summary>Gets details about a quarantine, for people.</summary>
    public string? Detail { get; init; }

    /// <summary>Gets the tenant that owns the import address, when known.</summary>
    public TenantId? Tenant { get; init; }

    /// <summary>Gets the reference read from the subject, when any.</summary>
    public ApplicationReference? Reference { get; init; }

    /// <summary>Gets the application the reply was filed in.</summary>
    public ApplicationId? Application { get; init; }

    /// <summary>Gets the history entry (for a duplicate, the first import's).</summary>
    public HistoryEntryId? HistoryEntryId { get; init; }

    /// <summary>Gets the candidate's message recovered from the forward, or <see langword="null"/> when nothing could be unwrapped.</summary>
    public ImportedOriginal? Original { get; init; }

    /// <summary>Gets the files filed (never a <c>message/rfc822</c> or TNEF container, nor signature images).</summary>
    public IReadOnlyList<ImportedAttachment> Attachments { get; init; } = [];

    /// <summary>Gets the documents filed, in the order of <see cref="Attachments"/>.</summary>
    public IReadOnlyList<DocumentId> Documents { get; init; } = [];

    /// <summary>Gets the quarantine record, when quarantined.</summary>
    public string? QuarantineId { get; init; }

    /// <summary>Gets the duplicate key the import was recorded under.</summary>
    public IdempotencyKey? Key { get; init; }
}
