namespace Recruiting.MailImport;

/// <summary>Where a quarantined mail stands.</summary>
public enum QuarantineState
{
    /// <summary>Kept, waiting for its cause to be fixed.</summary>
    Held,

    /// <summary>Replayed successfully (imported, or found to be a duplicate); kept for the record.</summary>
    Released,
}

/// <summary>What to keep about a mail that could not be imported.</summary>
public sealed record QuarantineRequest
{
    /// <summary>Gets the tenant whose import address received it; <see langword="null"/> when no tenant owns the address.</summary>
    public TenantId? Tenant { get; init; }

    /// <summary>Gets the key that identifies the message (the import's duplicate key): quarantining it twice keeps it once.</summary>
    public required string MessageKey { get; init; }

    /// <summary>Gets the reason.</summary>
    public required MailImportReason Reason { get; init; }

    /// <summary>Gets details for people.</summary>
    public string? Detail { get; init; }

    /// <summary>Gets the reference read from the subject, when any.</summary>
    public string? Reference { get; init; }

    /// <summary>Gets the forwarder's address, when readable.</summary>
    public string? From { get; init; }

    /// <summary>Gets the subject, when readable (cut to 1,000 characters).</summary>
    public string? Subject { get; init; }

    /// <summary>Gets the SHA-256 of the raw bytes (lowercase hex).</summary>
    public required string Sha256 { get; init; }

    /// <summary>Gets when the SDK received it.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>A mail kept in quarantine.</summary>
/// <param name="Id">The quarantine record id.</param>
/// <param name="Request">What was kept.</param>
/// <param name="Length">The raw message's length in bytes.</param>
/// <param name="State">Held or released.</param>
/// <param name="Attempts">How many times it was quarantined or replayed without success.</param>
/// <param name="ReleasedAt">When it was released.</param>
/// <param name="HistoryEntry">The history entry it became, once released.</param>
public sealed record QuarantinedMail(string Id, QuarantineRequest Request, long Length, QuarantineState State, int Attempts, DateTimeOffset? ReleasedAt, string? HistoryEntry);

/// <summary>The result of <see cref="IMailQuarantineStore.AddAsync"/>.</summary>
/// <param name="Mail">The record as stored.</param>
/// <param name="Created">Whether it is new (false when the same message was already held).</param>
public sealed record QuarantineAddResult(QuarantinedMail Mail, bool Created);

/// <summary>Keeps mails that could not be imported, with their raw bytes and reason, so nothing is dropped (SDK state).</summary>
public interface IMailQuarantineStore
{
    /// <summary>Keeps a mail; the same <see cref="QuarantineRequest.MessageKey"/> of the same tenant held already is updated (reason, detail) instead of stored twice.</summary>
    /// <param name="request">What to keep.</param>
    /// <param name="raw">The raw message, seekable, read from its start to its end; it is streamed, not buffered.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The record and whether it is new.</returns>
    ValueTask<QuarantineAddResult> AddAsync(QuarantineRequest request, Stream raw, CancellationToken cancellationToken = default);

    /// <summary>Gets a record.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    ValueTask<QuarantinedMail?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Opens a record's raw message for reading; the caller disposes the stream.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The stream, or <see langword="null"/> when the record is unknown.</returns>
    ValueTask<Stream?> OpenRawAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Lists records, oldest first.</summary>
    /// <param name="tenant">Only this tenant's, when given.</param>
    /// <param name="state">Only records in this state, when given.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The records.</returns>
    IAsyncEnumerable<QuarantinedMail> ListAsync(TenantId? tenant = null, QuarantineState? state = null, CancellationToken cancellationToken = default);

    /// <summary>Marks a record released after a successful replay.</summary>
    /// <param name="id">The id.</param>
    /// <param name="historyEntry">The history entry it became.</param>
    /// <param name="releasedAt">When.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>Whether a held record was released.</returns>
    ValueTask<bool> ReleaseAsync(string id, string? historyEntry, DateTimeOffset releasedAt, CancellationToken cancellationToken = default);
}
