namespace Recruiting.MailImport.Importing;

/// <summary>
/// Imports a candidate's reply that a recruiter forwarded to a tenant's import address into the application named by the
/// reference at the start of the subject. Expected failures are outcomes (<see cref="ImportStatus.Quarantined"/> with a
/// reason); the raw bytes of a quarantined mail are kept and can be replayed with <see cref="ReplayAsync"/>.
/// </summary>
public interface IMailImporter
{
    /// <summary>Imports a raw MIME message for a tenant.</summary>
    /// <param name="tenant">The tenant whose import address received it.</param>
    /// <param name="raw">The raw message; read once to its end (it is spooled to a temp file, never buffered in memory).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="raw"/> is null.</exception>
    Task<ImportOutcome> ImportAsync(TenantId tenant, Stream raw, CancellationToken cancellationToken = default);

    /// <summary>Imports a raw MIME message received at an import address; the tenant owning the address is looked up.</summary>
    /// <param name="importAddress">The address the message was delivered to.</param>
    /// <param name="raw">The raw message.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The outcome (<see cref="MailImportReason.UnknownRecipient"/> when no tenant owns the address).</returns>
    Task<ImportOutcome> ImportAsync(string importAddress, Stream raw, CancellationToken cancellationToken = default);

    /// <summary>Imports a raw MIME message from a webhook: the tenant is found from the import address among its recipients (<c>Delivered-To</c>, <c>X-Original-To</c>, <c>To</c>, <c>Cc</c>).</summary>
    /// <param name="raw">The raw message.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The outcome.</returns>
    Task<ImportOutcome> ImportAsync(Stream raw, CancellationToken cancellationToken = default);

    /// <summary>Imports a quarantined mail again (once its cause is fixed); on success the record is marked released.</summary>
    /// <param name="quarantineId">The quarantine record.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The outcome, or <see langword="null"/> when the record is unknown or already released.</returns>
    Task<ImportOutcome?> ReplayAsync(string quarantineId, CancellationToken cancellationToken = default);
}
