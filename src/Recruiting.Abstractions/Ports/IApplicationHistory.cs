namespace Recruiting;

/// <summary>Appends to an application's history and files its documents. Implemented by the host.</summary>
public interface IApplicationHistory
{
    /// <summary>Appends a history entry; a repeated key returns the first entry's id and changes nothing.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="application">The application.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="key">The idempotency key.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The entry's id.</returns>
    ValueTask<HistoryEntryId> AppendAsync(TenantId tenant, ApplicationId application, HistoryEntry entry, IdempotencyKey key, CancellationToken cancellationToken = default);

    /// <summary>Files a document for an application; a repeated key returns the first document's id and changes nothing.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="application">The application.</param>
    /// <param name="document">The document; its content is streamed.</param>
    /// <param name="key">The idempotency key.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The document's id.</returns>
    ValueTask<DocumentId> AddDocumentAsync(TenantId tenant, ApplicationId application, DocumentUpload document, IdempotencyKey key, CancellationToken cancellationToken = default);

    /// <summary>Lists an application's history, oldest first.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="application">The application.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The entries.</returns>
    IAsyncEnumerable<StoredHistoryEntry> ListAsync(TenantId tenant, ApplicationId application, CancellationToken cancellationToken = default);
}
